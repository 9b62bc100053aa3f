import { type AdminClient, APP_TYPE_PROFILES, RejectBody } from '@portico/contracts';
import { useApprovals, useApproveClient, useRejectClient } from '@portico/sdk/react';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { errorMessage } from '@/components/ui/error-state';
import { TextArea } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { CLIENT_STATUS } from '@/lib/client-labels';
import { useSchemaForm } from '@/lib/use-schema-form';
import { LIST_PAGE_SIZE, useListParams } from '../../hooks/use-list-params';
import { formatDateTime } from '../../lib/format';
import { FormActions } from '../form-parts';
import { PagedResults } from '../list-page';

/** OAuth clients waiting on a `manual` catalogue entry, oldest first. */
export function ApprovalsQueue() {
  const list = useListParams({ sortable: ['updatedAt'] as const, sort: 'updatedAt', order: 'asc' });
  const query = useApprovals({ page: list.page, pageSize: LIST_PAGE_SIZE, order: list.order });
  const [rejecting, setRejecting] = useState<AdminClient | null>(null);
  // A rejected client leaves the queue, with its Reject button: focus goes back to the page's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <>
      <PageHeader
        title="Approvals"
        description="OAuth clients waiting for access to APIs that need your approval."
        headingRef={headingRef}
      />
      <PagedResults
        query={query}
        loadingLabel="Loading the queue…"
        errorTitle="The queue could not be loaded"
        onPageChange={list.setPage}
        empty={
          <EmptyState
            title="Nothing to approve"
            description={
              <p>
                Clients that subscribe to a catalogue entry with manual approval wait here.{' '}
                <Link to={paths.dashboard.catalogue.getHref()}>Review the catalogue</Link> to choose which
                entries need it.
              </p>
            }
          />
        }
      >
        {(items) => (
          <ul className="approval-list" aria-label="Waiting OAuth clients">
            {items.map((client) => (
              <ApprovalItem key={client.id} client={client} onReject={() => setRejecting(client)} />
            ))}
          </ul>
        )}
      </PagedResults>
      <Dialog
        open={rejecting !== null}
        onClose={() => setRejecting(null)}
        returnFocusTo={headingRef}
        title={rejecting ? `Reject ${rejecting.name}?` : 'Reject'}
        description="The developer sees your reason on the client's page. The client gets no access to the APIs waiting for approval."
      >
        {rejecting && <RejectForm client={rejecting} onDone={() => setRejecting(null)} />}
      </Dialog>
    </>
  );
}

function ApprovalItem({ client, onReject }: { client: AdminClient; onReject: () => void }) {
  const approve = useApproveClient();
  const toast = useToast();
  const waiting = client.subscriptions.filter((s) => s.status === 'pending');
  const headingId = `approval-${client.id}`;
  return (
    <li className="approval-card" aria-labelledby={headingId}>
      <div className="approval-card__text">
        <h2 id={headingId} className="approval-card__title">
          {client.name}
        </h2>
        <p>
          {APP_TYPE_PROFILES[client.appType].label} by{' '}
          <Link to={paths.dashboard.developer.getHref(client.owner.id)}>{client.owner.name}</Link> (
          {client.owner.email}) ·{' '}
          <Badge tone={CLIENT_STATUS[client.status].tone}>{CLIENT_STATUS[client.status].label}</Badge>
        </p>
        <p>
          Waiting for: <strong>{waiting.map((s) => s.name).join(', ') || '—'}</strong>
        </p>
        {client.description && <p className="approval-card__description">{client.description}</p>}
        <p className="approval-card__meta">Requested {formatDateTime(client.updatedAt)}</p>
      </div>
      <div className="approval-card__actions">
        <Button
          loading={approve.isPending}
          aria-label={`Approve ${client.name}`}
          onClick={() =>
            approve.mutate(client.id, {
              onSuccess: () => toast.show({ tone: 'success', title: `${client.name} approved` }),
              onError: (error) =>
                toast.show({ tone: 'error', title: 'Not approved', description: errorMessage(error) }),
            })
          }
        >
          Approve
        </Button>
        <Button variant="secondary" aria-label={`Reject ${client.name}`} onClick={onReject}>
          Reject
        </Button>
      </div>
    </li>
  );
}

function RejectForm({ client, onDone }: { client: AdminClient; onDone: () => void }) {
  const reject = useRejectClient();
  const toast = useToast();
  const form = useSchemaForm(
    RejectBody,
    { reason: '' },
    {
      hints: { reason: { noun: 'a reason the developer will see' } },
      toBody: (v) => ({ reason: v.reason.trim() }),
    },
  );
  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      aria-label={`Reject ${client.name}`}
      onSubmit={form.handleSubmit(({ reason }) =>
        reject.mutate(
          { id: client.id, reason },
          {
            onSuccess: () => {
              toast.show({ tone: 'success', title: `${client.name} rejected` });
              onDone();
            },
            onError: (error) => form.applyServerError(error),
          },
        ),
      )}
    >
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <TextArea label="Reason" data-autofocus {...form.fieldProps('reason')} />
      <FormActions
        submitLabel="Reject client"
        submitVariant="danger"
        pending={reject.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
