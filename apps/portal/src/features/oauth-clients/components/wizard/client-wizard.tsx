import { APP_TYPES, type ClientCredentials, type OAuthClient } from '@portico/contracts';
import { isPorticoApiError } from '@portico/sdk';
import { useClient, useCompleteClient, useUpdateClient } from '@portico/sdk/react';
import { type ReactNode, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { Stepper } from '@/components/ui/stepper';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { wizardHref } from '../../lib/wizard-href';
import { draftDetailsPatch } from '../client-details-validation';
import { uriItem } from '../redirect-uris-field';
import { ApplicationDetailsStep, type DetailsForm } from './application-details-step';
import { CredentialsStep } from './credentials-step';
import { SelectApisStep } from './select-apis-step';

const STEPS = [
  { id: 'apis', label: 'Select APIs' },
  { id: 'details', label: 'Application details' },
  { id: 'credentials', label: 'Credentials' },
] as const;

/**
 * The OAuth client wizard. Its place lives in the URL (`?draft=<id>`, `&step=apis`), so a reload or
 * "Continue setup" resumes the draft saved by **Save and continue**; only the credentials, which must
 * never be stored, live in memory. The wizard is one history entry: its steps replace it, and so does
 * the client page it ends on, so the browser's Back leaves the wizard instead of landing on a step
 * that no longer applies (a finished draft's `?draft=` URL only redirects to the client).
 */
interface TypedDetails {
  draftId: string;
  form: DetailsForm;
}

/**
 * The typed details live in the tab's sessionStorage too, so a reload keeps them (what the draft
 * accepts is also saved on it when going Back). Never a secret: a name, a description, an app type
 * and redirect URLs. Anything unreadable there is ignored.
 */
const TYPED_DETAILS_KEY = 'portico.wizard.details';

function loadTypedDetails(): TypedDetails | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(TYPED_DETAILS_KEY) ?? 'null') as TypedDetails | null;
    const form = saved?.form;
    if (typeof saved?.draftId !== 'string' || typeof form?.name !== 'string') return null;
    if (typeof form.description !== 'string' || !Array.isArray(form.uris)) return null;
    const appType = (APP_TYPES as readonly unknown[]).includes(form.appType) ? form.appType : null;
    // Fresh keys: the saved ones belong to the page before the reload.
    const uris = form.uris.map((item) => uriItem(String(item.value)));
    return { draftId: saved.draftId, form: { ...form, appType, uris } };
  } catch {
    return null;
  }
}

function saveTypedDetails(typed: TypedDetails | null): void {
  try {
    if (typed === null) sessionStorage.removeItem(TYPED_DETAILS_KEY);
    else sessionStorage.setItem(TYPED_DETAILS_KEY, JSON.stringify(typed));
  } catch {
    // Storage full or disabled: the details still survive Back, in memory.
  }
}

export function ClientWizard() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const draftId = params.get('draft') ?? undefined;
  const preselected = params.get('api');
  const editingApis = params.get('step') === 'apis';
  const draft = useClient(draftId);
  const complete = useCompleteClient();
  const update = useUpdateClient();
  const [credentials, setCredentials] = useState<ClientCredentials | null>(null);
  // What was typed in "Application details", so Back then Save and continue, or a reload, brings it back.
  const [details, setDetails] = useState<TypedDetails | null>(loadTypedDetails);
  const keepDetails = (typed: TypedDetails) => {
    setDetails(typed);
    saveTypedDetails(typed);
  };

  const goToDetails = (saved: OAuthClient) => {
    navigate(wizardHref({ draft: saved.id }), { replace: true });
  };

  let current = 0;
  let body: ReactNode;
  if (credentials) {
    current = 2;
    body = (
      <CredentialsStep
        credentials={credentials}
        onDone={() => navigate(paths.oauthClients.detail.getHref(credentials.client.id), { replace: true })}
      />
    );
  } else if (!draftId) {
    body = <SelectApisStep initialSelection={preselected ? [preselected] : []} onSaved={goToDetails} />;
  } else if (draft.isPending) {
    body = <LoadingState label="Loading your draft…" />;
  } else if (draft.isError) {
    body =
      isPorticoApiError(draft.error) && draft.error.status === 404 ? (
        <ErrorState title="This draft no longer exists" error={draft.error} />
      ) : (
        <ErrorState
          title="Your draft could not be loaded"
          error={draft.error}
          onRetry={() => draft.refetch()}
          retrying={draft.isFetching}
        />
      );
  } else if (draft.data.status !== 'draft' && !complete.isPending && !complete.isSuccess) {
    // Already set up (e.g. the credentials page was reloaded): the secret cannot be shown again.
    return <Navigate to={paths.oauthClients.detail.getHref(draft.data.id)} replace />;
  } else if (editingApis) {
    body = (
      <SelectApisStep
        key={draft.data.id}
        draft={draft.data}
        initialSelection={draft.data.apis.map((api) => api.catalogueEntryId)}
        onSaved={goToDetails}
      />
    );
  } else {
    current = 1;
    body = (
      <ApplicationDetailsStep
        key={draft.data.id}
        draft={draft.data}
        complete={complete}
        initialForm={details?.draftId === draft.data.id ? details.form : undefined}
        onFormChange={(form) => keepDetails({ draftId: draft.data.id, form })}
        onBack={(form) => {
          // Also saved on the draft (what it accepts of it), so a reload or "Continue setup" keeps it.
          // Best effort: what was typed stays in memory either way, and Create reports any problem.
          const patch = draftDetailsPatch(draft.data, {
            name: form.name,
            description: form.description,
            appType: form.appType,
            redirectUris: form.uris.map((item) => item.value),
          });
          if (patch) update.mutate({ id: draft.data.id, body: patch });
          navigate(wizardHref({ draft: draft.data.id, step: 'apis' }), { replace: true });
        }}
        onCreated={(result) => {
          setCredentials(result);
          saveTypedDetails(null);
          // The secret now lives in this state only: drop the mutation (and its copy) from the mutation cache.
          complete.reset();
          toast.show({
            tone: 'success',
            title:
              result.client.status === 'pending'
                ? 'OAuth client created, waiting for approval'
                : 'OAuth client created',
          });
        }}
      />
    );
  }

  return (
    <div className="wizard">
      <PageHeader
        title="Create OAuth Client"
        description="Choose the APIs your application needs, describe the application, then copy its credentials."
        actions={
          current < 2 && (
            <Link to={paths.oauthClients.list.getHref()} className={buttonClassName({ variant: 'ghost' })}>
              Cancel
            </Link>
          )
        }
      />
      <Stepper steps={STEPS} current={current} label="OAuth client setup" />
      {body}
    </div>
  );
}
