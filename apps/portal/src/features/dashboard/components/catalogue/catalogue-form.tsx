import {
  type AdminCatalogueEntry,
  CatalogueEntryInput,
  type FieldError,
  type Visibility,
} from '@portico/contracts';
import { useAdminPolicies } from '@portico/sdk/react';
import { Link } from 'react-router-dom';
import { Select, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { paths } from '@/config/paths';
import { useAdminForm } from '../../hooks/use-admin-form';
import { useApiChoices } from '../../hooks/use-api-choices';
import { formErrors, numberOrText } from '../../lib/form-errors';
import { ApiOptions, FormActions, RadioGroup } from '../form-parts';
import { MarkdownEditor } from './markdown-editor';

interface EntryFormValues {
  apiId: string;
  policyId: string;
  name: string;
  shortDescription: string;
  longDescription: string;
  visibility: Visibility;
  approval: 'auto' | 'manual';
  /** Named as in the request body, so the input's name, its errors and focusFirstError agree. */
  maxClientsPerDeveloper: string;
}

function initialValues(entry?: AdminCatalogueEntry): EntryFormValues {
  return {
    apiId: entry?.api.id ?? '',
    policyId: entry?.policy.id ?? '',
    name: entry?.name ?? '',
    shortDescription: entry?.shortDescription ?? '',
    longDescription: entry?.longDescription ?? '',
    visibility: entry?.visibility ?? 'public',
    approval: entry?.approval ?? 'auto',
    maxClientsPerDeveloper: entry?.maxClientsPerDeveloper == null ? '' : String(entry.maxClientsPerDeveloper),
  };
}

export function toEntryBody(values: EntryFormValues): CatalogueEntryInput {
  const max = values.maxClientsPerDeveloper.trim();
  return {
    apiId: values.apiId,
    policyId: values.policyId,
    name: values.name.trim(),
    shortDescription: values.shortDescription.trim(),
    longDescription: values.longDescription,
    visibility: values.visibility,
    approval: values.approval,
    maxClientsPerDeveloper: max === '' ? null : (numberOrText(max) as number),
  };
}

function entryRules(values: EntryFormValues): FieldError[] {
  const errors: FieldError[] = [];
  if (values.apiId === '') errors.push({ field: 'apiId', message: 'choose the API to publish' });
  if (values.policyId === '')
    errors.push({ field: 'policyId', message: 'choose a policy that grants this API' });
  return errors;
}

const validateEntry = (values: EntryFormValues) =>
  formErrors(CatalogueEntryInput, toEntryBody(values), entryRules(values));

export interface CatalogueFormProps {
  entry?: AdminCatalogueEntry;
  submitLabel: string;
  onSubmit: (body: CatalogueEntryInput) => Promise<unknown>;
  onCancel?: () => void;
}

/** Publish one API with one policy; only policies that grant the chosen API are offered. */
export function CatalogueForm({ entry, submitLabel, onSubmit, onCancel }: CatalogueFormProps) {
  const { values, update, clearServerErrors, errorFor, formError, pending, formRef, submit } = useAdminForm({
    initialValues: () => initialValues(entry),
    validate: validateEntry,
    toBody: toEntryBody,
    serverFields: (values) => Object.keys(values),
    onSubmit,
  });
  const { apis, fallback } = useApiChoices('The catalogue publishes APIs.');
  const policiesQuery = useAdminPolicies({ apiId: values.apiId || undefined, pageSize: 100, sort: 'name' });
  if (fallback) return fallback;
  const policies = values.apiId && policiesQuery.data ? policiesQuery.data.items : [];

  const change = (patch: Partial<EntryFormValues>) => {
    update(patch);
    clearServerErrors();
  };

  return (
    <form ref={formRef} className="form admin-form" noValidate onSubmit={submit} aria-label={submitLabel}>
      {formError && <FormAlert title="The catalogue entry could not be saved">{formError}</FormAlert>}
      <div className="admin-form__row">
        <Select
          label="API"
          name="apiId"
          value={values.apiId}
          error={errorFor('apiId')}
          onChange={(event) => change({ apiId: event.target.value, policyId: '' })}
        >
          <ApiOptions apis={apis} />
        </Select>
        <Select
          label="Policy"
          name="policyId"
          value={values.policyId}
          disabled={values.apiId === '' || policiesQuery.isPending}
          description={
            values.apiId === '' ? (
              'Choose the API first; only policies that grant it are listed.'
            ) : policiesQuery.isSuccess && policies.length === 0 ? (
              <>
                No policy grants this API yet —{' '}
                <Link to={paths.dashboard.policyNew.getHref()}>create one</Link>.
              </>
            ) : (
              'Only policies that grant the chosen API are listed.'
            )
          }
          error={errorFor('policyId')}
          onChange={(event) => change({ policyId: event.target.value })}
        >
          <option value="">Choose a policy…</option>
          {policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
              {policy.active ? '' : ' (inactive)'}
            </option>
          ))}
        </Select>
      </div>
      <TextField
        label="Display name"
        name="name"
        autoComplete="off"
        value={values.name}
        error={errorFor('name')}
        onChange={(event) => change({ name: event.target.value })}
      />
      <TextField
        label="Short description"
        name="shortDescription"
        optional
        description="One line shown in the catalogue list (up to 280 characters)."
        value={values.shortDescription}
        error={errorFor('shortDescription')}
        onChange={(event) => change({ shortDescription: event.target.value })}
      />
      <MarkdownEditor
        label="Long description"
        name="longDescription"
        value={values.longDescription}
        error={errorFor('longDescription')}
        onChange={(longDescription) => change({ longDescription })}
      />
      <div className="admin-form__row">
        <RadioGroup
          legend="Visibility"
          name="visibility"
          value={values.visibility}
          options={[
            { value: 'public', label: 'Public — listed in the portal catalogue' },
            { value: 'hidden', label: 'Hidden — not listed' },
          ]}
          onChange={(visibility) => change({ visibility })}
        />
        <RadioGroup
          legend="Approval"
          name="approval"
          value={values.approval}
          options={[
            { value: 'auto', label: 'Automatic — clients work at once' },
            { value: 'manual', label: 'Manual — an admin approves each client' },
          ]}
          onChange={(approval) => change({ approval })}
        />
      </div>
      <TextField
        label="OAuth clients per developer"
        name="maxClientsPerDeveloper"
        inputMode="numeric"
        optional
        description="Leave empty for no limit."
        value={values.maxClientsPerDeveloper}
        error={errorFor('maxClientsPerDeveloper')}
        onChange={(event) => change({ maxClientsPerDeveloper: event.target.value })}
      />
      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
