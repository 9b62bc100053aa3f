import type { PortalCatalogueEntry } from '@portico/contracts';
import { useCatalogue } from '@portico/sdk/react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { formatQuota, formatRateLimit } from '@/lib/format-limits';
import { AUTH_MODE_LABELS } from '../lib/labels';

const SEARCH_DELAY_MS = 250;

/** The public catalogue: search (kept in `?q=`) and one card per entry. */
export function CatalogueList() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [input, setInput] = useState(q);
  const searchId = useId();

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const commit = useCallback(
    (value: string) => {
      clearTimeout(timer.current);
      const next = value.trim();
      if (next !== q) setParams(next ? { q: next } : {}, { replace: true });
    },
    [q, setParams],
  );

  // Search as the developer types, without a request per keystroke.
  useEffect(() => {
    if (input.trim() === q) return;
    timer.current = setTimeout(() => commit(input), SEARCH_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [input, q, commit]);

  const catalogue = useCatalogue(q ? { q } : {});
  const items = catalogue.data?.items ?? [];
  // One live region, mounted all along: screen readers announce changes to it, not new ones.
  const summary = !catalogue.isSuccess
    ? ''
    : items.length > 0
      ? `${items.length} ${items.length === 1 ? 'API' : 'APIs'}`
      : q
        ? `No API matches “${q}”`
        : '';

  return (
    <>
      <PageHeader title="API catalogue" description="The APIs published for developers on this portal." />
      <search className="catalogue-search">
        <label htmlFor={searchId} className="field__label">
          Search APIs
        </label>
        <input
          id={searchId}
          type="search"
          className="field__control"
          placeholder="Name or description"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          // Leaving the field (e.g. clicking an entry) commits the search at once. A timer left pending
          // would fire while the next page loads (route changes render in a transition, so this page is
          // still mounted) and its `?q=` navigation would pull the user back to the list.
          onBlur={() => commit(input)}
        />
      </search>
      <p className="visually-hidden" role="status">
        {summary}
      </p>
      {catalogue.isPending ? (
        <LoadingState label="Loading the catalogue…" />
      ) : catalogue.isError ? (
        <ErrorState
          title="The catalogue could not be loaded"
          error={catalogue.error}
          onRetry={() => catalogue.refetch()}
          retrying={catalogue.isFetching}
        />
      ) : items.length === 0 ? (
        <EmptyState
          title={q ? `No API matches “${q}”` : 'No APIs are published yet'}
          description={
            q
              ? 'Try another word, or clear the search.'
              : 'APIs appear here once an administrator publishes them.'
          }
        />
      ) : (
        <ul className="card-grid catalogue-grid" aria-busy={catalogue.isFetching || undefined}>
          {items.map((entry) => (
            <CatalogueCard key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </>
  );
}

function CatalogueCard({ entry }: { entry: PortalCatalogueEntry }) {
  return (
    <li className="card catalogue-card">
      <h2 className="card__title">
        <Link to={paths.catalogue.entry.getHref(entry.id)}>{entry.name}</Link>
      </h2>
      <p>{entry.shortDescription}</p>
      <p className="catalogue-card__badges">
        <Badge tone={entry.api.authMode === 'oauth2' ? 'info' : 'neutral'}>
          {AUTH_MODE_LABELS[entry.api.authMode]}
        </Badge>
        {entry.approval === 'manual' && <Badge tone="warning">Needs approval</Badge>}
      </p>
      <p className="catalogue-card__limits">
        {formatRateLimit(entry.limits)} · Quota: {formatQuota(entry.limits)}
      </p>
    </li>
  );
}
