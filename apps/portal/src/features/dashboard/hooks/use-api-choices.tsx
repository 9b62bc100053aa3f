import type { AdminApi } from '@portico/contracts';
import { useAdminApis } from '@portico/sdk/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { FormAlert } from '@/components/ui/form-alert';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';

/**
 * The APIs a form can choose from (policies grant them, catalogue entries publish them). Until they
 * are there, or when there are none, `fallback` is what the form shows instead of itself.
 */
export function useApiChoices(why: ReactNode): { apis: AdminApi[]; fallback: ReactNode | null } {
  const query = useAdminApis({ pageSize: 100, sort: 'name' });
  if (query.isPending) return { apis: [], fallback: <LoadingState label="Loading APIs…" /> };
  if (query.isError) {
    return {
      apis: [],
      fallback: <FormAlert>The APIs could not be loaded. Reload the page to try again.</FormAlert>,
    };
  }
  const apis = query.data.items;
  if (apis.length === 0) {
    return {
      apis,
      fallback: (
        <FormAlert tone="info" title="No APIs yet">
          {why} <Link to={paths.dashboard.apiNew.getHref()}>Create an API</Link> first.
        </FormAlert>
      ),
    };
  }
  return { apis, fallback: null };
}
