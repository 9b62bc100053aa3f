import { isPorticoApiError } from '@portico/sdk';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';

/** What a detail page says when the server answers 404 (it was deleted, or the link is wrong). */
export interface NotFound {
  /** The page heading, e.g. "API not found". */
  title: string;
  /** e.g. "This API does not exist; it may have been deleted." */
  description: string;
  /** The list to go back to. */
  backHref: string;
  backLabel: string;
}

export interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** e.g. "Loading the API…" */
  loadingLabel: string;
  /** e.g. "The API could not be loaded"; the error shows with a "Try again" button. */
  errorTitle: string;
  /** `inline` for a section inside a page that is already there. */
  loadingVariant?: 'page' | 'inline';
  /** For a detail page: a 404 gets this instead of the error (trying again would not help). */
  notFound?: NotFound;
  children: (data: T) => ReactNode;
}

/** A query's loading and error states; `children` renders the data once it is there. */
export function QueryState<T>({
  query,
  loadingLabel,
  errorTitle,
  loadingVariant,
  notFound,
  children,
}: QueryStateProps<T>) {
  if (query.isPending) return <LoadingState label={loadingLabel} variant={loadingVariant} />;
  if (query.isError) {
    // As the portal's pages do (OAuth client, catalogue entry): say so, without a useless "Try again".
    if (notFound && isPorticoApiError(query.error) && query.error.status === 404) {
      return (
        <>
          <PageHeader title={notFound.title} />
          <ErrorState title={notFound.description} error={query.error} />
          <p>
            <Link to={notFound.backHref} className={buttonClassName({ variant: 'secondary' })}>
              {notFound.backLabel}
            </Link>
          </p>
        </>
      );
    }
    return <ErrorState title={errorTitle} error={query.error} onRetry={() => query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
