import type { AdminPolicy } from '@portico/contracts';
import { useAdminPolicy, useCreatePolicy, useDeletePolicy, useUpdatePolicy } from '@portico/sdk/react';
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
import { PolicyForm } from './policy-form';

export function CreatePolicyPage({ apiId }: { apiId?: string }) {
  const create = useCreatePolicy();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <PageHeader title="Create policy" description="Grant APIs and scopes, with a rate limit and a quota." />
      <PolicyForm
        apiId={apiId}
        submitLabel="Create policy"
        onCancel={() => navigate(paths.dashboard.policies.getHref())}
        onSubmit={async (body) => {
          const policy = await create.mutateAsync(body);
          toast.show({
            tone: 'success',
            title: `Policy "${policy.name}" created`,
            description: 'Next: publish an API with it in the catalogue.',
          });
          navigate(paths.dashboard.policies.getHref());
        }}
      />
    </>
  );
}

/** Edit a policy; Delete is refused by the server while a catalogue entry uses it, and the dialog says so. */
export function PolicyPage({ id }: { id: string }) {
  const query = useAdminPolicy(id);
  return (
    <QueryState
      query={query}
      loadingLabel="Loading the policy…"
      errorTitle="The policy could not be loaded"
      notFound={{
        title: 'Policy not found',
        description: 'This policy does not exist; it may have been deleted',
        backHref: paths.dashboard.policies.getHref(),
        backLabel: 'Back to policies',
      }}
    >
      {(policy) => <PolicyDetail policy={policy} />}
    </QueryState>
  );
}

function PolicyDetail({ policy }: { policy: AdminPolicy }) {
  const update = useUpdatePolicy();
  const remove = useDeletePolicy();
  const navigate = useNavigate();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const used = policy.catalogueEntryCount > 0;

  return (
    <>
      <PageHeader
        title={policy.name}
        description={`Used by ${pluralise(policy.catalogueEntryCount, 'catalogue entry', 'catalogue entries')}.`}
        actions={
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        }
      />
      <PolicyForm
        key={policy.updatedAt}
        policy={policy}
        submitLabel="Save changes"
        onSubmit={async (body) => {
          const result = await update.mutateAsync({ id: policy.id, body });
          toast.show({
            tone: 'success',
            title: 'Policy saved',
            description: revokedTokensNote(result.revokedTokens, 'that exceeded the new rights'),
          });
        }}
      />
      <ConfirmDialog
        open={confirming}
        tone="danger"
        title={`Delete ${policy.name}?`}
        confirmLabel="Delete policy"
        pending={remove.isPending}
        onCancel={() => {
          remove.reset();
          setConfirming(false);
        }}
        onConfirm={() =>
          remove.mutate(policy.id, {
            onSuccess: () => {
              toast.show({ tone: 'success', title: `Policy "${policy.name}" deleted` });
              setConfirming(false);
              navigate(paths.dashboard.policies.getHref());
            },
          })
        }
      >
        {used ? (
          <p>
            {pluralise(policy.catalogueEntryCount, 'catalogue entry', 'catalogue entries')} still{' '}
            {policy.catalogueEntryCount === 1 ? 'uses' : 'use'} this policy, so it cannot be deleted yet. Give{' '}
            {policy.catalogueEntryCount === 1 ? 'it' : 'them'} another policy first.
          </p>
        ) : (
          <p>No catalogue entry uses this policy. This cannot be undone.</p>
        )}
        {remove.isError && (
          <FormAlert title="The policy was not deleted">{errorMessage(remove.error)}</FormAlert>
        )}
      </ConfirmDialog>
    </>
  );
}
