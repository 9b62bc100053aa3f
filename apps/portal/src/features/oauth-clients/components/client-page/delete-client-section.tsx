import type { OAuthClient } from '@portico/contracts';
import { useDeleteClient } from '@portico/sdk/react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { errorMessage } from '@/components/ui/error-state';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';

/** Delete, confirmed by typing the client's name; every token is revoked at once. */
export function DeleteClientSection({ client }: { client: OAuthClient }) {
  const navigate = useNavigate();
  const toast = useToast();
  const remove = useDeleteClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const formId = useId();
  // Two fast Enters can both land before `isPending` re-renders: the second DELETE would get a 404
  // and report a failure for a client that is gone. The ref is set synchronously on the first.
  const inFlight = useRef(false);
  const matches = typed === client.name;

  const close = () => {
    if (remove.isPending || inFlight.current) return;
    setOpen(false);
    setTyped('');
    setError(null);
  };

  const onDelete = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!matches || inFlight.current) return;
    inFlight.current = true;
    setError(null);
    remove.mutate(
      { id: client.id, confirmName: typed },
      {
        onSuccess: ({ revokedTokens }) => {
          toast.show({
            tone: 'success',
            title: `${client.name} deleted`,
            description: `${revokedTokens} ${revokedTokens === 1 ? 'token was' : 'tokens were'} revoked.`,
          });
          navigate(paths.oauthClients.list.getHref());
        },
        onError: (failure) => setError(errorMessage(failure)),
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  return (
    <section className="client-section client-section--danger" aria-labelledby="client-delete">
      <h2 id="client-delete">Delete this client</h2>
      <p className="client-section__intro">
        Deleting the client revokes every token it holds and its secrets; applications using it stop working
        at once. This cannot be undone.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete client
      </Button>
      <Dialog
        open={open}
        onClose={close}
        size="sm"
        title={`Delete ${client.name}?`}
        description="Every access and refresh token of this client will be revoked at once, and its credentials stop working. This cannot be undone."
        footer={
          <>
            <Button variant="secondary" onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button
              type="submit"
              form={formId}
              variant="danger"
              disabled={!matches}
              loading={remove.isPending}
            >
              Delete client
            </Button>
          </>
        }
      >
        {/* The submit button sits in the dialog footer, tied to this form by its `form` attribute. */}
        <form id={formId} onSubmit={onDelete} noValidate>
          {error && <FormAlert title="The client could not be deleted">{error}</FormAlert>}
          <TextField
            label={`Type the client name (${client.name}) to confirm`}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            onChange={(event) => setTyped(event.target.value)}
          />
        </form>
      </Dialog>
    </section>
  );
}
