import type { AdminCatalogueEntry } from '@portico/contracts';
import {
  useAdminCatalogueEntry,
  useCreateCatalogueEntry,
  useDeleteCatalogueEntry,
  useUpdateCatalogueEntry,
} from '@portico/sdk/react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { errorMessage } from '@/components/ui/error-state';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { pluralise, revokedTokensNote } from '../../lib/format';
import { QueryState } from '../query-state';
import { CatalogueForm } from './catalogue-form';

export function CreateCatalogueEntryPage() {
  const create = useCreateCatalogueEntry();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <PageHeader title="Publish an API" description="Make an API available in the portal with a policy." />
      <CatalogueForm
        submitLabel="Publish"
        onCancel={() => navigate(paths.dashboard.catalogue.getHref())}
        onSubmit={async (body) => {
          const entry = await create.mutateAsync(body);
          toast.show({
            tone: 'success',
            title: `"${entry.name}" published`,
            description:
              entry.visibility === 'public' ? 'Developers can now see it in the catalogue.' : undefined,
          });
          navigate(paths.dashboard.catalogue.getHref());
        }}
      />
    </>
  );
}

export function CatalogueEntryPage({ id }: { id: string }) {
  const query = useAdminCatalogueEntry(id);
  return (
    <QueryState
      query={query}
      loadingLabel="Loading the catalogue entry…"
      errorTitle="The catalogue entry could not be loaded"
      notFound={{
        title: 'Catalogue entry not found',
        description: 'This catalogue entry does not exist; it may have been deleted',
        backHref: paths.dashboard.catalogue.getHref(),
        backLabel: 'Back to the catalogue',
      }}
    >
      {(entry) => <CatalogueEntryDetail entry={entry} />}
    </QueryState>
  );
}

function CatalogueEntryDetail({ entry }: { entry: AdminCatalogueEntry }) {
  const update = useUpdateCatalogueEntry();
  const remove = useDeleteCatalogueEntry();
  const navigate = useNavigate();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const clients = entry.clientCount;

  return (
    <>
      <PageHeader
        title={entry.name}
        description={`${entry.api.name} with policy ${entry.policy.name} · used by ${pluralise(clients, 'OAuth client')}`}
        actions={
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        }
      />
      <CatalogueForm
        key={entry.updatedAt}
        entry={entry}
        submitLabel="Save changes"
        onSubmit={async (body) => {
          const result = await update.mutateAsync({ id: entry.id, body });
          toast.show({
            tone: 'success',
            title: 'Catalogue entry saved',
            description: revokedTokensNote(result.revokedTokens, 'that the new policy does not cover'),
          });
        }}
      />
      <ConfirmDialog
        open={confirming}
        tone="danger"
        title={`Delete ${entry.name}?`}
        confirmLabel={clients > 0 ? 'Delete and revoke access' : 'Delete entry'}
        pending={remove.isPending}
        onCancel={() => {
          remove.reset();
          setConfirming(false);
        }}
        onConfirm={() =>
          remove.mutate(
            { id: entry.id, cascade: clients > 0 },
            {
              onSuccess: (result) => {
                toast.show({
                  tone: 'success',
                  title: `"${entry.name}" deleted`,
                  description: revokedTokensNote(result.revokedTokens),
                });
                setConfirming(false);
                navigate(paths.dashboard.catalogue.getHref());
              },
            },
          )
        }
      >
        {clients > 0 ? (
          <p>
            {pluralise(clients, 'OAuth client')} {clients === 1 ? 'uses' : 'use'} this entry. Deleting it
            takes {entry.api.name} away from {clients === 1 ? 'that client' : 'those clients'} and revokes the
            tokens they got through it, at once. Developers no longer see it in the catalogue.
          </p>
        ) : (
          <p>Developers will no longer see it in the catalogue. No OAuth client uses it.</p>
        )}
        {remove.isError && (
          <FormAlert title="The entry was not deleted">{errorMessage(remove.error)}</FormAlert>
        )}
      </ConfirmDialog>
    </>
  );
}
