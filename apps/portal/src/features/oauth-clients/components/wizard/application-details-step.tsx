import {
  APP_TYPE_PROFILES,
  APP_TYPES,
  type AppType,
  type ClientCredentials,
  type CompleteClientBody,
  type OAuthClient,
} from '@portico/contracts';
import { useCatalogue } from '@portico/sdk/react';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextArea, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { type FieldErrors, serverFormErrors } from '@/lib/validation';
import { AppTypeField } from '../app-type-field';
import { toDetailsBody, validateClientDetails } from '../client-details-validation';
import { RedirectUrisField, type UriItem, uriItem } from '../redirect-uris-field';
import { StepHeading } from './step-heading';

type CompleteMutation = UseMutationResult<ClientCredentials, Error, { id: string; body: CompleteClientBody }>;

/** What the developer typed, kept by the wizard so going Back (or a reload, via the draft) keeps it. */
export interface DetailsForm {
  name: string;
  description: string;
  /** `null` until the developer picks a type. */
  appType: AppType | null;
  uris: UriItem[];
}

/** The form as the draft left it: the name, description, app type and redirect URLs it has saved. */
export const detailsFormFromDraft = (draft: OAuthClient): DetailsForm => ({
  name: draft.name,
  description: draft.description,
  appType: draft.appType,
  uris: draft.redirectUris.length > 0 ? draft.redirectUris.map((uri) => uriItem(uri)) : [uriItem()],
});

export interface ApplicationDetailsStepProps {
  draft: OAuthClient;
  complete: CompleteMutation;
  /** What was typed before the step last closed; else the draft's saved details. */
  initialForm?: DetailsForm | undefined;
  /** Every change, so the wizard can give it back when the step opens again. */
  onFormChange?: ((form: DetailsForm) => void) | undefined;
  onBack: (form: DetailsForm) => void;
  onCreated: (credentials: ClientCredentials) => void;
}

const isUriField = (field: string) => field === 'redirectUris' || field.startsWith('redirectUris/');

const FLOW_NAMES: Record<string, string> = {
  authorization_code: 'authorization code',
  client_credentials: 'client credentials',
};

/**
 * Step "Application details": name, description, application type and redirect URLs, validated as
 * the developer goes (a URL when its field is left, everything on Create) and again by the server,
 * whose per-field errors land next to the same fields.
 */
export function ApplicationDetailsStep({
  draft,
  complete,
  initialForm,
  onFormChange,
  onBack,
  onCreated,
}: ApplicationDetailsStepProps) {
  const catalogue = useCatalogue({ authMode: 'oauth2' });
  const [form, setForm] = useState<DetailsForm>(() => initialForm ?? detailsFormFromDraft(draft));
  const { name, description, appType: chosenType, uris } = form;
  const change = (patch: Partial<DetailsForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    onFormChange?.(next);
  };
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  // The alert renders only once `formError` is set: focus it then, not from `onError`.
  const focusAlert = useRef(false);
  useEffect(() => {
    if (formError && focusAlert.current) {
      focusAlert.current = false;
      alertRef.current?.focus();
    }
  }, [formError]);

  // An app type whose flow one of the selected APIs does not allow cannot be chosen.
  const unavailable: Partial<Record<AppType, string>> = {};
  for (const type of APP_TYPES) {
    const grant = APP_TYPE_PROFILES[type].primaryGrant;
    const blocking = draft.apis
      .map((api) => catalogue.data?.items.find((entry) => entry.id === api.catalogueEntryId))
      .filter((entry) => entry !== undefined && !entry.api.grantTypes.includes(grant))
      .map((entry) => entry!.name);
    if (blocking.length > 0)
      unavailable[type] =
        `Not available: ${blocking.join(', ')} does not allow the ${FLOW_NAMES[grant]} flow.`;
  }

  // Until the developer picks one, the first type the selected APIs allow (not a disabled "web").
  const appType =
    chosenType && !unavailable[chosenType]
      ? chosenType
      : (APP_TYPES.find((type) => !unavailable[type]) ?? 'web');

  const values = { name, description, appType, redirectUris: uris.map((item) => item.value) };
  const clientErrors = validateClientDetails(values);
  // Touched URLs are remembered by their stable key, so removing one does not shift the others' state.
  const touchKey = (field: string) => {
    const match = /^redirectUris\/(\d+)$/.exec(field);
    return match ? `uri:${uris[Number(match[1])]?.key}` : field;
  };
  const visible = (field: string) => submitted || touched.has(touchKey(field));
  const errorFor = (field: string): string | undefined =>
    serverErrors[field] ?? (visible(field) ? clientErrors[field] : undefined);
  const uriErrors: Record<string, string | undefined> = { redirectUris: errorFor('redirectUris') };
  uris.forEach((_, index) => {
    uriErrors[`redirectUris/${index}`] = errorFor(`redirectUris/${index}`);
  });

  const clearServerError = (...fields: string[]) => {
    if (fields.some((field) => serverErrors[field])) {
      setServerErrors((current) => {
        const next = { ...current };
        for (const field of fields) delete next[field];
        return next;
      });
    }
  };

  const focusField = (field: string | undefined) => {
    if (!field) return;
    const form = formRef.current;
    const target =
      field === 'appType'
        ? form?.querySelector<HTMLElement>('input[name="appType"]:checked')
        : field === 'redirectUris'
          ? form?.querySelector<HTMLElement>('input[name^="redirectUris/"]')
          : form?.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
    target?.focus();
  };

  const fieldOrder = () => [
    'name',
    'description',
    'appType',
    'redirectUris',
    ...uris.map((_, i) => `redirectUris/${i}`),
  ];

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    setServerErrors({});
    if (Object.keys(clientErrors).length > 0) {
      focusField(fieldOrder().find((field) => clientErrors[field]));
      return;
    }
    complete.mutate(
      { id: draft.id, body: toDetailsBody(values) },
      {
        onSuccess: onCreated,
        onError: (error) => {
          const mapped = serverFormErrors(error, fieldOrder());
          setServerErrors(mapped.fieldErrors);
          setFormError(mapped.formError);
          const first = fieldOrder().find((field) => mapped.fieldErrors[field]);
          if (first) focusField(first);
          else focusAlert.current = true;
        },
      },
    );
  };

  return (
    <section className="wizard__step" aria-labelledby="application-details-heading">
      <StepHeading id="application-details-heading">Application details</StepHeading>
      <p className="wizard__intro">
        Tell users of the consent screen what your application is, and where Portico may send them back. APIs:{' '}
        {draft.apis.map((api) => api.name).join(', ')}.
      </p>
      <form
        ref={formRef}
        className="form wizard__form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="application-details-heading"
      >
        {formError && (
          <FormAlert ref={alertRef} title="The client could not be created">
            {formError}
          </FormAlert>
        )}
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          description="Shown to users when they are asked to allow your application. 1 to 100 characters."
          value={name}
          error={errorFor('name')}
          onChange={(event) => {
            change({ name: event.target.value });
            clearServerError('name');
          }}
          onBlur={() => setTouched((current) => new Set(current).add('name'))}
        />
        <TextArea
          label="Description"
          name="description"
          optional
          description="What the application does, in a sentence or two. Up to 1,000 characters."
          value={description}
          error={errorFor('description')}
          onChange={(event) => {
            change({ description: event.target.value });
            clearServerError('description');
          }}
          onBlur={() => setTouched((current) => new Set(current).add('description'))}
        />
        <AppTypeField
          value={appType}
          unavailable={unavailable}
          error={errorFor('appType')}
          onChange={(type) => {
            change({ appType: type });
            clearServerError('appType', 'redirectUris');
          }}
        />
        {appType === 'service' ? (
          <p className="redirect-uris__none">
            Machine-to-machine services get tokens with their own credentials (client credentials flow), so
            they need no redirect URL.
          </p>
        ) : (
          <RedirectUrisField
            items={uris}
            errors={uriErrors}
            onChange={(next) => {
              // Indexes shift when a URL is added or removed, so the server's per-URL messages no longer
              // point at the right field: drop them all; an edit drops only that URL's message.
              if (next.length !== uris.length)
                clearServerError(...Object.keys(serverErrors).filter(isUriField));
              else
                clearServerError(
                  'redirectUris',
                  ...next.flatMap((item, i) => (item.value !== uris[i]?.value ? [`redirectUris/${i}`] : [])),
                );
              change({ uris: next });
            }}
            onBlurItem={(index) => setTouched((current) => new Set(current).add(`uri:${uris[index]?.key}`))}
          />
        )}
        <div className="wizard__actions">
          <Button variant="secondary" onClick={() => onBack(form)} disabled={complete.isPending}>
            Back
          </Button>
          <Button type="submit" loading={complete.isPending}>
            Create
          </Button>
        </div>
      </form>
    </section>
  );
}
