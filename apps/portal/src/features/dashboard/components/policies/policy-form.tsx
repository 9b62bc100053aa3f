import {
  type AdminApi,
  type AdminPolicy,
  type FieldError,
  PolicyInput,
  QUOTA_RENEWALS,
} from '@portico/contracts';
import { Button } from '@/components/ui/button';
import { Select, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import type { FieldErrors } from '@/lib/validation';
import { useAdminForm } from '../../hooks/use-admin-form';
import { useApiChoices } from '../../hooks/use-api-choices';
import { formErrors, numberOrText } from '../../lib/form-errors';
import { ApiOptions, Checkbox, FormActions, FormSection } from '../form-parts';

interface RightRow {
  key: number;
  apiId: string;
  /** Every scope the API defines, including ones added later (stored as an empty list). */
  allScopes: boolean;
  scopes: string[];
}

interface PolicyFormValues {
  name: string;
  rights: RightRow[];
  requests: string;
  perSeconds: string;
  unlimitedQuota: boolean;
  quotaMax: string;
  quotaRenewal: string;
  tokenExpiry: string;
  active: boolean;
}

let lastKey = 0;
const rightRow = (apiId = '', allowedScopes: string[] = []): RightRow => ({
  key: ++lastKey,
  apiId,
  allScopes: allowedScopes.length === 0,
  scopes: allowedScopes,
});

function initialValues(policy?: AdminPolicy, apiId?: string): PolicyFormValues {
  return {
    name: policy?.name ?? '',
    rights: policy
      ? policy.accessRights.map((r) => rightRow(r.apiId, r.allowedScopes))
      : [rightRow(apiId ?? '')],
    requests: String(policy?.rateLimit.requests ?? 100),
    perSeconds: String(policy?.rateLimit.perSeconds ?? 60),
    unlimitedQuota: policy ? policy.quota === null : false,
    quotaMax: String(policy?.quota?.max ?? 10_000),
    quotaRenewal: String(policy?.quota?.renewalSeconds ?? 86_400),
    tokenExpiry: String(policy?.tokenExpiry ?? 3600),
    active: policy?.active ?? true,
  };
}

export function toPolicyBody(values: PolicyFormValues): PolicyInput {
  return {
    name: values.name.trim(),
    accessRights: values.rights.map((right) => ({
      apiId: right.apiId,
      allowedScopes: right.allScopes ? [] : right.scopes,
    })),
    rateLimit: {
      requests: numberOrText(values.requests) as number,
      perSeconds: numberOrText(values.perSeconds) as number,
    },
    quota: values.unlimitedQuota
      ? null
      : { max: numberOrText(values.quotaMax) as number, renewalSeconds: Number(values.quotaRenewal) },
    tokenExpiry: numberOrText(values.tokenExpiry) as number,
    active: values.active,
  };
}

function rightsRules(values: PolicyFormValues, apis: readonly AdminApi[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  values.rights.forEach((right, index) => {
    if (right.apiId === '') errors.push({ field: `accessRights/${index}/apiId`, message: 'choose an API' });
    else if (seen.has(right.apiId))
      errors.push({ field: `accessRights/${index}/apiId`, message: 'this API is already listed' });
    seen.add(right.apiId);
    const api = apis.find((a) => a.id === right.apiId);
    if (
      api &&
      api.authMode === 'oauth2' &&
      api.scopes.length > 0 &&
      !right.allScopes &&
      right.scopes.length === 0
    ) {
      errors.push({
        field: `accessRights/${index}/allowedScopes`,
        message: 'choose at least one scope, or all scopes',
      });
    }
  });
  return errors;
}

export function validatePolicy(values: PolicyFormValues, apis: readonly AdminApi[]): FieldErrors {
  const errors = formErrors(PolicyInput, toPolicyBody(values), rightsRules(values, apis));
  if (errors.accessRights === 'Add at least 1') errors.accessRights = 'Grant at least one API';
  return errors;
}

export interface PolicyFormProps {
  policy?: AdminPolicy;
  /** Preselects an API for a new policy (from an API's page). */
  apiId?: string;
  submitLabel: string;
  onSubmit: (body: PolicyInput) => Promise<unknown>;
  onCancel?: () => void;
}

/** Create or edit a policy: which APIs (and scopes) it grants, rate limit, quota, token expiry. */
export function PolicyForm({ policy, apiId, submitLabel, onSubmit, onCancel }: PolicyFormProps) {
  const { apis, fallback } = useApiChoices('A policy grants access to APIs.');
  const { values, update, clearServerErrors, errorFor, formError, pending, formRef, submit } = useAdminForm({
    initialValues: () => initialValues(policy, apiId),
    validate: (values) => validatePolicy(values, apis),
    toBody: toPolicyBody,
    serverFields: (values) => [
      'name',
      'accessRights',
      'rateLimit/requests',
      'rateLimit/perSeconds',
      'quota/max',
      'tokenExpiry',
      ...values.rights.flatMap((_, i) => [`accessRights/${i}/apiId`, `accessRights/${i}/allowedScopes`]),
    ],
    onSubmit,
  });
  if (fallback) return fallback;

  const change = (patch: Partial<PolicyFormValues>) => {
    update(patch);
    clearServerErrors();
  };
  const updateRight = (index: number, patch: Partial<RightRow>) =>
    change({ rights: values.rights.map((r, i) => (i === index ? { ...r, ...patch } : r)) });

  return (
    <form ref={formRef} className="form admin-form" noValidate onSubmit={submit} aria-label={submitLabel}>
      {formError && <FormAlert title="The policy could not be saved">{formError}</FormAlert>}
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        value={values.name}
        error={errorFor('name')}
        onChange={(event) => change({ name: event.target.value })}
      />

      <FormSection
        legend="Access rights"
        field="accessRights"
        description={
          <>
            The APIs this policy grants, each with the scopes it allows.
            {policy && ' Narrowing access revokes the tokens that exceed it.'}
          </>
        }
        error={errorFor('accessRights')}
      >
        <ul className="rights-rows">
          {values.rights.map((right, index) => {
            const api = apis.find((a) => a.id === right.apiId);
            const scopeError = errorFor(`accessRights/${index}/allowedScopes`);
            return (
              <li key={right.key} className="rights-rows__row">
                <Select
                  label={`API ${index + 1}`}
                  name={`accessRights/${index}/apiId`}
                  value={right.apiId}
                  error={errorFor(`accessRights/${index}/apiId`)}
                  onChange={(event) =>
                    updateRight(index, { apiId: event.target.value, allScopes: true, scopes: [] })
                  }
                >
                  <ApiOptions apis={apis} />
                </Select>
                {api && api.authMode === 'oauth2' && api.scopes.length > 0 && (
                  <FormSection legend={`Scopes of ${api.name}`} error={scopeError} nested>
                    <div className="checkbox-list">
                      <Checkbox
                        label="All scopes, including ones added later"
                        name={`accessRights/${index}/allowedScopes`}
                        checked={right.allScopes}
                        onChange={(event) =>
                          updateRight(index, { allScopes: event.target.checked, scopes: [] })
                        }
                      />
                      {!right.allScopes &&
                        api.scopes.map((scope) => (
                          <Checkbox
                            key={scope.name}
                            label={
                              <>
                                <code>{scope.name}</code>
                                {scope.description && (
                                  <span className="checkbox__hint"> — {scope.description}</span>
                                )}
                              </>
                            }
                            name={`accessRights/${index}/scope/${scope.name}`}
                            checked={right.scopes.includes(scope.name)}
                            onChange={(event) =>
                              updateRight(index, {
                                scopes: event.target.checked
                                  ? [...right.scopes, scope.name]
                                  : right.scopes.filter((s) => s !== scope.name),
                              })
                            }
                          />
                        ))}
                    </div>
                  </FormSection>
                )}
                {values.rights.length > 1 && (
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove API ${index + 1}${api ? ` (${api.name})` : ''}`}
                    onClick={() => change({ rights: values.rights.filter((_, i) => i !== index) })}
                  >
                    Remove
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => change({ rights: [...values.rights, rightRow()] })}
        >
          Add another API
        </Button>
      </FormSection>

      <FormSection legend="Rate limit">
        <div className="admin-form__row">
          <TextField
            label="Requests"
            name="rateLimit/requests"
            inputMode="numeric"
            value={values.requests}
            error={errorFor('rateLimit/requests')}
            onChange={(event) => change({ requests: event.target.value })}
          />
          <TextField
            label="Per (seconds)"
            name="rateLimit/perSeconds"
            inputMode="numeric"
            value={values.perSeconds}
            error={errorFor('rateLimit/perSeconds')}
            onChange={(event) => change({ perSeconds: event.target.value })}
          />
        </div>
      </FormSection>

      <FormSection legend="Quota">
        <Checkbox
          label="Unlimited"
          name="unlimitedQuota"
          checked={values.unlimitedQuota}
          onChange={(event) => change({ unlimitedQuota: event.target.checked })}
        />
        {!values.unlimitedQuota && (
          <div className="admin-form__row">
            <TextField
              label="Requests per period"
              name="quota/max"
              inputMode="numeric"
              value={values.quotaMax}
              error={errorFor('quota/max')}
              onChange={(event) => change({ quotaMax: event.target.value })}
            />
            <Select
              label="Renews every"
              name="quota/renewalSeconds"
              value={values.quotaRenewal}
              onChange={(event) => change({ quotaRenewal: event.target.value })}
            >
              {QUOTA_RENEWALS.map((renewal) => (
                <option key={renewal.seconds} value={renewal.seconds}>
                  {renewal.label}
                </option>
              ))}
              {!QUOTA_RENEWALS.some((r) => String(r.seconds) === values.quotaRenewal) && (
                <option value={values.quotaRenewal}>{values.quotaRenewal} seconds</option>
              )}
            </Select>
          </div>
        )}
      </FormSection>

      <div className="admin-form__row">
        <TextField
          label="Token expiry (seconds)"
          name="tokenExpiry"
          inputMode="numeric"
          description="Longest access-token lifetime under this policy (60 to 86,400)."
          value={values.tokenExpiry}
          error={errorFor('tokenExpiry')}
          onChange={(event) => change({ tokenExpiry: event.target.value })}
        />
        <Checkbox
          label="Active"
          className="admin-form__checkbox"
          name="active"
          checked={values.active}
          onChange={(event) => change({ active: event.target.checked })}
        />
      </div>

      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
