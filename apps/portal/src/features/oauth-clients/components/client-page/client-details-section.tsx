import type { OAuthClient } from '@portico/contracts';
import { useUpdateClient } from '@portico/sdk/react';
import { type FormEvent, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextArea, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { useToast } from '@/components/ui/toast';
import { type FieldErrors, serverFormErrors } from '@/lib/validation';
import { toDetailsBody, validateClientDetails } from '../client-details-validation';
import { RedirectUrisField, type UriItem, uriItem } from '../redirect-uris-field';

/** Edit name, description and redirect URLs with the wizard's validation. */
export function ClientDetailsSection({ client }: { client: OAuthClient }) {
  const toast = useToast();
  const update = useUpdateClient();
  const [name, setName] = useState(client.name);
  const [description, setDescription] = useState(client.description);
  const [uris, setUris] = useState<UriItem[]>(() => client.redirectUris.map((uri) => uriItem(uri)));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const hasRedirects = client.appType !== 'service';

  const values = { name, description, appType: client.appType, redirectUris: uris.map((item) => item.value) };
  const clientErrors = submitted ? validateClientDetails(values) : {};
  const errorFor = (field: string) => serverErrors[field] ?? clientErrors[field];
  const uriErrors: Record<string, string | undefined> = { redirectUris: errorFor('redirectUris') };
  uris.forEach((_, index) => {
    uriErrors[`redirectUris/${index}`] = errorFor(`redirectUris/${index}`);
  });
  const fields = ['name', 'description', 'redirectUris', ...uris.map((_, i) => `redirectUris/${i}`)];
  const focusFirst = (errors: FieldErrors) => {
    const field = fields.find((f) => errors[f]);
    const selector =
      field === 'redirectUris' ? 'input[name^="redirectUris/"]' : `[name="${CSS.escape(field ?? '')}"]`;
    if (field) formRef.current?.querySelector<HTMLElement>(selector)?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    setFormError(null);
    const errors = validateClientDetails(values);
    if (Object.keys(errors).length > 0) {
      focusFirst(errors);
      return;
    }
    const body = toDetailsBody(values);
    update.mutate(
      {
        id: client.id,
        body: {
          name: body.name,
          description: body.description ?? '',
          ...(hasRedirects ? { redirectUris: body.redirectUris } : {}),
        },
      },
      {
        onSuccess: (updated) => {
          setName(updated.name);
          setDescription(updated.description);
          setSubmitted(false);
          toast.show({ tone: 'success', title: 'Changes saved' });
        },
        onError: (error) => {
          const mapped = serverFormErrors(error, fields);
          setServerErrors(mapped.fieldErrors);
          setFormError(mapped.formError);
          focusFirst(mapped.fieldErrors);
        },
      },
    );
  };

  return (
    <section className="client-section" aria-labelledby="client-details">
      <h2 id="client-details">Details and redirect URLs</h2>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="client-details">
        {formError && <FormAlert title="The changes could not be saved">{formError}</FormAlert>}
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          value={name}
          error={errorFor('name')}
          onChange={(event) => {
            setName(event.target.value);
            setServerErrors(({ name: _drop, ...rest }) => rest);
          }}
        />
        <TextArea
          label="Description"
          name="description"
          optional
          value={description}
          error={errorFor('description')}
          onChange={(event) => setDescription(event.target.value)}
        />
        {hasRedirects && (
          <RedirectUrisField
            items={uris}
            errors={uriErrors}
            onChange={(next) => {
              setServerErrors(({ name: n, description: d }) => ({
                ...(n ? { name: n } : {}),
                ...(d ? { description: d } : {}),
              }));
              setUris(next);
            }}
          />
        )}
        <div className="form__actions">
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </div>
      </form>
    </section>
  );
}
