import { type AdminAuditEvent, AUDIT_TARGET_TYPES, type AuditListQuery } from '@portico/contracts';
import { useAuditLog } from '@portico/sdk/react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Select, TextField } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Table, type TableColumn } from '@/components/ui/table';
import { useListUrl } from '../../hooks/use-list-params';
import { formatDateTime } from '../../lib/format';
import { PagedResults } from '../list-page';

const FILTERS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** `meta` as short `key: value` pairs; values are JSON so nothing is interpreted as markup. */
function summarise(meta: AdminAuditEvent['meta']): string {
  if (!meta) return '';
  return Object.entries(meta)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

const columns: TableColumn<AdminAuditEvent>[] = [
  {
    id: 'time',
    header: 'Time',
    cell: (e) => <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>,
  },
  {
    id: 'actor',
    header: 'Actor',
    cell: (e) => (e.actor ? `${e.actor.name} (${e.actor.email})` : e.actorType),
  },
  { id: 'action', header: 'Action', isRowHeader: true, cell: (e) => <code>{e.action}</code> },
  {
    id: 'target',
    header: 'Object',
    cell: (e) => (
      <>
        {e.targetType}
        {e.targetId && (
          <>
            {' '}
            <code className="audit__id">{e.targetId}</code>
          </>
        )}
      </>
    ),
  },
  { id: 'details', header: 'Details', cell: (e) => <span className="audit__meta">{summarise(e.meta)}</span> },
];

/** `datetime-local` has no zone: read it in the viewer's zone and send UTC. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditLog() {
  const { params, setParams, page, setPage } = useListUrl();
  const current = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>;
  const [draft, setDraft] = useState(current);

  const query: AuditListQuery = {
    page,
    pageSize: 50,
    actor: current.actor || undefined,
    action: current.action || undefined,
    targetType: current.targetType || undefined,
    targetId: current.targetId || undefined,
    from: toIso(current.from),
    to: toIso(current.to),
  };
  const log = useAuditLog(query);
  const filtered = FILTERS.some((f) => current[f] !== '');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) if (draft[f].trim()) next.set(f, draft[f].trim());
    setParams(next, { replace: true });
  };
  const clear = () => {
    setDraft(Object.fromEntries(FILTERS.map((f) => [f, ''])) as Record<Filter, string>);
    setParams(new URLSearchParams(), { replace: true });
  };
  const field = (name: Filter) => ({
    name,
    value: draft[name],
    onChange: (event: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [name]: event.target.value })),
  });

  return (
    <>
      <PageHeader title="Audit log" description="Who did what to which object, and when." />
      <form className="audit-filters" onSubmit={apply} aria-label="Filter the audit log">
        <TextField label="Actor email" optional placeholder="ada@" {...field('actor')} />
        <TextField label="Action" optional placeholder="api.create, or api. for all" {...field('action')} />
        <Select label="Object type" optional {...field('targetType')}>
          <option value="">Any</option>
          {AUDIT_TARGET_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </Select>
        <TextField label="Object ID" optional {...field('targetId')} />
        <TextField label="From" type="datetime-local" optional {...field('from')} />
        <TextField label="To" type="datetime-local" optional {...field('to')} />
        <div className="audit-filters__actions">
          <Button type="submit">Apply filters</Button>
          {filtered && (
            <Button variant="secondary" onClick={clear}>
              Clear
            </Button>
          )}
        </div>
      </form>
      <PagedResults
        query={log}
        loadingLabel="Loading the audit log…"
        errorTitle="The audit log could not be loaded"
        onPageChange={setPage}
        empty={
          <EmptyState
            title={filtered ? 'No events match' : 'No events yet'}
            description={
              filtered ? 'Widen the time range or clear the filters.' : 'Sign-ins and changes appear here.'
            }
          />
        }
      >
        {(items) => (
          <Table
            caption="Audit events, newest first"
            captionHidden
            columns={columns}
            rows={items}
            getRowKey={(e) => e.id}
          />
        )}
      </PagedResults>
    </>
  );
}
