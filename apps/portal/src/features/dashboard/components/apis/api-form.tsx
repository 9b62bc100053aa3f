import {
  type AdminApi,
  ApiInput,
  AUTH_MODES,
  type AuthMode,
  checkApiRules,
  GRANT_TYPES,
  type GrantType,
  normaliseListenPath,
} from '@portico/contracts';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import type { FieldErrors } from '@/lib/validation';
import { useAdminForm } from '../../hooks/use-admin-form';
import { formErrors, numberOrText } from '../../lib/form-errors';
import { AUTH_MODE_LABELS, GRANT_TYPE_LABELS } from '../../lib/format';
import { Checkbox, FormActions, FormSection } from '../form-parts';

interface ScopeRow {
  key: number;
  name: string;
  description: string;
}

export interface ApiFormValues {
  name: string;
  slug: string;
  listenPath: string;
  upstreamUrl: string;
  authMode: AuthMode;
  active: boolean;
  grantTypes: GrantType[];
  scopes: ScopeRow[];
  accessTokenTtl: string;
  refreshTokenTtl: string;
}

let lastKey = 0;
const scopeRow = (name = '', description = ''): ScopeRow => ({ key: ++lastKey, name, description });

function initialValues(api?: AdminApi): ApiFormValues {
  return {
    name: api?.name ?? '',
    slug: api?.slug ?? '',
    listenPath: api?.listenPath ?? '',
    upstreamUrl: api?.upstreamUrl ?? '',
    authMode: api?.authMode ?? 'oauth2',
    active: api?.active ?? true,
    grantTypes: api ? [...api.grantTypes] : ['authorization_code', 'refresh_token'],
    scopes: api ? api.scopes.map((s) => scopeRow(s.name, s.description)) : [],
    accessTokenTtl: String(api?.accessTokenTtl ?? 3600),
    refreshTokenTtl: String(api?.refreshTokenTtl ?? 2_592_000),
  };
}

export function toApiBody(values: ApiFormValues): ApiInput {
  const oauth = values.authMode === 'oauth2';
  return {
    name: values.name.trim(),
    slug: values.slug.trim(),
    listenPath: values.listenPath.trim(),
    upstreamUrl: values.upstreamUrl.trim(),
    authMode: values.authMode,
    active: values.active,
    // OAuth settings only travel with an OAuth 2.0 API; the server refuses them otherwise.
    grantTypes: oauth ? GRANT_TYPES.filter((g) => values.grantTypes.includes(g)) : [],
    scopes: oauth
      ? values.scopes.map((s) => ({ name: s.name.trim(), description: s.description.trim() }))
      : [],
    accessTokenTtl: numberOrText(values.accessTokenTtl) as number,
    refreshTokenTtl: numberOrText(values.refreshTokenTtl) as number,
  };
}

/** Same rules as the server: the contracts schema, then the cross-field rules from contracts. */
export function validateApi(values: ApiFormValues): FieldErrors {
  const body = toApiBody(values);
  const errors = formErrors(ApiInput, body, checkApiRules(body));
  if (errors.slug && /format|valid value/.test(errors.slug)) {
    errors.slug = 'Use lower-case letters, digits and single dashes, e.g. payments-v2';
  }
  for (const [field, message] of Object.entries(errors)) {
    if (/^scopes\/\d+\/name$/.test(field) && message === 'Use the format shown') {
      errors[field] = 'Start with a lower-case letter; then a-z, 0-9, ":", ".", "_" or "-"';
    }
  }
  if (errors.upstreamUrl === 'Use the format shown') errors.upstreamUrl = 'Use an http:// or https:// URL';
  return errors;
}

const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

export interface ApiFormProps {
  api?: AdminApi;
  submitLabel: string;
  /** Resolves when saved; a rejected `PorticoApiError` is shown next to the fields it names. */
  onSubmit: (body: ApiInput) => Promise<unknown>;
  onCancel?: () => void;
}

/**
 * Create or edit an API. Validated on submit with the contracts schema and rules the server uses;
 * errors then follow the input. Slug and listen path are suggested from the name until edited.
 */
export function ApiForm({ api, submitLabel, onSubmit, onCancel }: ApiFormProps) {
  const { values, update, clearServerErrors, errorFor, formError, pending, formRef, submit } = useAdminForm({
    initialValues: () => initialValues(api),
    validate: validateApi,
    toBody: toApiBody,
    serverFields: (values) => [
      ...Object.keys(values),
      ...values.scopes.flatMap((_, i) => [`scopes/${i}/name`, `scopes/${i}/description`]),
    ],
    onSubmit,
  });
  const [derived, setDerived] = useState({ slug: !api, listenPath: !api });
  const focusScope = useRef<number | null>(null);
  const oauth = values.authMode === 'oauth2';
  const listen = normaliseListenPath(values.listenPath);

  useEffect(() => {
    if (focusScope.current === null) return;
    formRef.current?.querySelector<HTMLInputElement>(`[data-scope="${focusScope.current}"]`)?.focus();
    focusScope.current = null;
  });

  /** Server errors stay until a field they name changes. */
  const change = (patch: Partial<ApiFormValues>, touched?: string[]) => {
    update(patch);
    if (touched) clearServerErrors(touched);
  };

  const onName = (name: string) => {
    const slug = slugify(name);
    change(
      {
        name,
        ...(derived.slug ? { slug } : {}),
        ...(derived.listenPath ? { listenPath: slug ? `/${slug}/` : '' } : {}),
      },
      ['name'],
    );
  };

  const updateScope = (index: number, patch: Partial<ScopeRow>) =>
    change({ scopes: values.scopes.map((s, i) => (i === index ? { ...s, ...patch } : s)) }, [
      `scopes/${index}/name`,
      `scopes/${index}/description`,
      'scopes',
    ]);

  return (
    <form ref={formRef} className="form admin-form" noValidate onSubmit={submit} aria-label={submitLabel}>
      {formError && <FormAlert title="The API could not be saved">{formError}</FormAlert>}

      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        value={values.name}
        error={errorFor('name')}
        onChange={(event) => onName(event.target.value)}
      />
      <div className="admin-form__row">
        <TextField
          label="Slug"
          name="slug"
          autoComplete="off"
          spellCheck={false}
          description="Lower-case letters, digits and dashes; unique."
          value={values.slug}
          error={errorFor('slug')}
          onChange={(event) => {
            setDerived((d) => ({ ...d, slug: false }));
            change({ slug: event.target.value }, ['slug']);
          }}
        />
        <TextField
          label="Listen path"
          name="listenPath"
          autoComplete="off"
          spellCheck={false}
          description={
            listen.ok ? (
              <>
                Served by the gateway at <code>/gw{listen.value}</code>
              </>
            ) : (
              'The gateway prefix, e.g. /payments/; unique.'
            )
          }
          value={values.listenPath}
          error={errorFor('listenPath')}
          onChange={(event) => {
            setDerived((d) => ({ ...d, listenPath: false }));
            change({ listenPath: event.target.value }, ['listenPath']);
          }}
        />
      </div>
      <TextField
        label="Upstream URL"
        name="upstreamUrl"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://payments.internal.example/v1"
        description="Where the gateway forwards requests (http or https)."
        value={values.upstreamUrl}
        error={errorFor('upstreamUrl')}
        onChange={(event) => change({ upstreamUrl: event.target.value }, ['upstreamUrl'])}
      />
      <div className="admin-form__row">
        <Select
          label="Authentication"
          name="authMode"
          value={values.authMode}
          error={errorFor('authMode')}
          onChange={(event) =>
            change({ authMode: event.target.value as AuthMode }, ['authMode', 'grantTypes', 'scopes'])
          }
        >
          {AUTH_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {AUTH_MODE_LABELS[mode]}
            </option>
          ))}
        </Select>
        <Checkbox
          label="Active"
          className="admin-form__checkbox"
          name="active"
          checked={values.active}
          onChange={(event) => change({ active: event.target.checked })}
        />
      </div>

      {oauth && (
        <>
          <FormSection
            legend="Grant types"
            field="grantTypes"
            description="Which OAuth 2.0 grants clients may use with this API. Refresh tokens need the authorization code grant."
            error={errorFor('grantTypes')}
          >
            <div className="checkbox-list">
              {GRANT_TYPES.map((grant) => (
                <Checkbox
                  key={grant}
                  label={GRANT_TYPE_LABELS[grant]}
                  name={`grantTypes/${grant}`}
                  checked={values.grantTypes.includes(grant)}
                  aria-invalid={errorFor('grantTypes') ? true : undefined}
                  onChange={(event) =>
                    change(
                      {
                        grantTypes: event.target.checked
                          ? [...values.grantTypes, grant]
                          : values.grantTypes.filter((g) => g !== grant),
                      },
                      ['grantTypes'],
                    )
                  }
                />
              ))}
            </div>
          </FormSection>

          <FormSection
            legend="Scopes"
            field="scopes"
            description={
              <>
                The permissions this API defines. Policies grant a subset of them.
                {api && ' Removing a scope revokes the tokens that carry it.'}
              </>
            }
            error={errorFor('scopes')}
          >
            {values.scopes.length === 0 && <p className="admin-form__hint">No scopes yet.</p>}
            <ul className="scope-rows">
              {values.scopes.map((scope, index) => (
                <li key={scope.key} className="scope-rows__row">
                  <TextField
                    label={`Scope ${index + 1} name`}
                    name={`scopes/${index}/name`}
                    data-scope={scope.key}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="payments:read"
                    value={scope.name}
                    error={errorFor(`scopes/${index}/name`)}
                    onChange={(event) => updateScope(index, { name: event.target.value })}
                  />
                  <TextField
                    label={`Scope ${index + 1} description`}
                    name={`scopes/${index}/description`}
                    autoComplete="off"
                    optional
                    value={scope.description}
                    error={errorFor(`scopes/${index}/description`)}
                    onChange={(event) => updateScope(index, { description: event.target.value })}
                  />
                  <Button
                    variant="ghost"
                    size="sm"
                    className="scope-rows__remove"
                    aria-label={`Remove scope ${index + 1}${scope.name ? ` (${scope.name})` : ''}`}
                    onClick={() => {
                      const next = values.scopes.filter((_, i) => i !== index);
                      focusScope.current = next[Math.min(index, next.length - 1)]?.key ?? null;
                      change({ scopes: next }, ['scopes']);
                    }}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                const row = scopeRow();
                focusScope.current = row.key;
                change({ scopes: [...values.scopes, row] }, ['scopes']);
              }}
            >
              Add scope
            </Button>
          </FormSection>

          <div className="admin-form__row">
            <TextField
              label="Access token lifetime (seconds)"
              name="accessTokenTtl"
              inputMode="numeric"
              description="60 to 86,400. Policies may shorten it."
              value={values.accessTokenTtl}
              error={errorFor('accessTokenTtl')}
              onChange={(event) => change({ accessTokenTtl: event.target.value }, ['accessTokenTtl'])}
            />
            <TextField
              label="Refresh token lifetime (seconds)"
              name="refreshTokenTtl"
              inputMode="numeric"
              description="3,600 to 31,536,000 (a year)."
              value={values.refreshTokenTtl}
              error={errorFor('refreshTokenTtl')}
              onChange={(event) => change({ refreshTokenTtl: event.target.value }, ['refreshTokenTtl'])}
            />
          </div>
        </>
      )}

      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
