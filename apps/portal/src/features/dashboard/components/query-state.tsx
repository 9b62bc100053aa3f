import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';

export interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** e.g. "Loading the API…" */
  loadingLabel: string;
  /** e.g. "The API could not be loaded"; the error shows with a "Try again" button. */
  errorTitle: string;
  /** `inline` for a section inside a page that is already there. */
  loadingVariant?: 'page' | 'inline';
  children: (data: T) => ReactNode;
}

/** A query's loading and error states; `children` renders the data once it is there. */
export function QueryState<T>({
  query,
  loadingLabel,
  errorTitle,
  loadingVariant,
  children,
}: QueryStateProps<T>) {
  if (query.isPending) return <LoadingState label={loadingLabel} variant={loadingVariant} />;
  if (query.isError) {
    return <ErrorState title={errorTitle} error={query.error} onRetry={() => query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
