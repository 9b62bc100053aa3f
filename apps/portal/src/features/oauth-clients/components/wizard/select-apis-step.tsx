import type { OAuthClient, PortalCatalogueEntry } from '@portico/contracts';
import { useCatalogue, useCreateClient, useUpdateClient } from '@portico/sdk/react';
import { type FocusEvent, type MouseEvent, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, errorMessage } from '@/components/ui/error-state';
import { FormAlert } from '@/components/ui/form-alert';
import { LoadingState } from '@/components/ui/spinner';
import { formatQuota, formatRateLimit } from '@/lib/format-limits';
import { StepHeading } from './step-heading';

export interface SelectApisStepProps {
  /** The draft being changed, if the developer came back to this step. */
  draft?: OAuthClient | undefined;
  /** Entry ids selected when the step opens (the draft's APIs, or one preselected from the catalogue). */
  initialSelection: readonly string[];
  onSaved: (draft: OAuthClient) => void;
}

/**
 * Step "Select APIs": the public catalogue entries whose API uses OAuth 2.0. Hovering an entry, or
 * focusing it with the keyboard, reveals its **Select API** button; selected APIs are listed aside
 * and can be removed. **Save and continue** stores the draft on the server.
 */
export function SelectApisStep({ draft, initialSelection, onSaved }: SelectApisStepProps) {
  const catalogue = useCatalogue({ authMode: 'oauth2' });
  const create = useCreateClient();
  const update = useUpdateClient();
  const [selected, setSelected] = useState<string[]>(() => [...initialSelection]);
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selectedHeadingRef = useRef<HTMLHeadingElement>(null);
  const saving = create.isPending || update.isPending;

  const entries = catalogue.data?.items ?? [];
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  // Entries of the draft that left the catalogue still show, so they can be removed. A new client's
  // preselection (`?api=` from the catalogue) that is no OAuth 2.0 entry is dropped, with a note.
  const usable = (id: string) => draft !== undefined || byId.has(id);
  const picked = catalogue.isSuccess ? selected.filter(usable) : selected;
  const droppedPreselection = catalogue.isSuccess && initialSelection.some((id) => !usable(id));
  const selectedEntries = picked.map((id) => ({ id, entry: byId.get(id) }));

  // The clicked button disappears with both actions; move focus first so it does not fall to <body>.
  const select = (id: string, event: MouseEvent<HTMLButtonElement>) => {
    // To the entry itself: it stays revealed, and Tab goes on to the next one.
    event.currentTarget.closest('li')?.focus();
    setError(null);
    setSelected((current) => (current.includes(id) ? current : [...current, id]));
  };
  const remove = (id: string, event: MouseEvent<HTMLButtonElement>) => {
    // To the next Remove button, else the previous one, else the list's heading.
    const item = event.currentTarget.closest('li');
    const neighbour = item?.nextElementSibling ?? item?.previousElementSibling;
    (neighbour?.querySelector('button') ?? selectedHeadingRef.current)?.focus();
    setSelected((current) => current.filter((entry) => entry !== id));
  };

  const save = () => {
    if (picked.length === 0) {
      setError('Select at least one API.');
      return;
    }
    setError(null);
    const onError = (failure: unknown) => setError(errorMessage(failure));
    if (draft)
      update.mutate({ id: draft.id, body: { catalogueEntryIds: picked } }, { onSuccess: onSaved, onError });
    else create.mutate({ catalogueEntryIds: picked }, { onSuccess: onSaved, onError });
  };

  // Keep the entry revealed while focus moves between it and its own button.
  const onBlur = (event: FocusEvent<HTMLLIElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null);
  };

  return (
    <section className="wizard__step" aria-labelledby="select-apis-heading">
      <StepHeading id="select-apis-heading">Select APIs</StepHeading>
      <p className="wizard__intro">
        Choose the APIs your application will call. Only APIs secured with OAuth 2.0 can be used by an OAuth
        client.
      </p>

      {catalogue.isPending ? (
        <LoadingState label="Loading APIs…" variant="inline" />
      ) : catalogue.isError ? (
        <ErrorState
          title="The APIs could not be loaded"
          error={catalogue.error}
          onRetry={() => catalogue.refetch()}
          retrying={catalogue.isFetching}
        />
      ) : entries.length === 0 ? (
        <EmptyState
          headingLevel={3}
          title="No API uses OAuth 2.0 yet"
          description="An administrator has to publish an API secured with OAuth 2.0 in the catalogue before you can create an OAuth client."
        />
      ) : (
        <div className="select-apis">
          <div>
            <h3 className="select-apis__title" id="available-apis">
              Available APIs
            </h3>
            <ul className="api-options" aria-labelledby="available-apis">
              {entries.map((entry) => {
                const isSelected = selected.includes(entry.id);
                const revealed = hovered === entry.id || focused === entry.id;
                return (
                  <li
                    key={entry.id}
                    className="api-option"
                    data-selected={isSelected || undefined}
                    data-revealed={revealed || undefined}
                    // biome-ignore lint/a11y/noNoninteractiveTabindex: the entry is a keyboard stop that reveals "Select API" (documented flow)
                    tabIndex={0}
                    aria-labelledby={`api-${entry.id}`}
                    aria-describedby={`api-${entry.id}-description`}
                    // mouseover, not mouseenter: it also fires when the list renders under a pointer that then moves.
                    onMouseOver={() => setHovered(entry.id)}
                    onMouseLeave={() => setHovered((current) => (current === entry.id ? null : current))}
                    onFocus={() => setFocused(entry.id)}
                    onBlur={onBlur}
                  >
                    <ApiOptionDetails entry={entry} />
                    <div className="api-option__action">
                      {isSelected ? (
                        <Badge tone="success">Selected</Badge>
                      ) : (
                        // Always in place (so revealing it moves nothing), but hidden — also from the
                        // keyboard and assistive technology — until the entry is hovered or focused.
                        <Button
                          size="sm"
                          aria-describedby={`api-${entry.id}`}
                          style={revealed ? undefined : { visibility: 'hidden' }}
                          onClick={(event) => select(entry.id, event)}
                        >
                          Select API
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>

          <aside className="select-apis__selected" aria-labelledby="selected-apis">
            <h3 ref={selectedHeadingRef} className="select-apis__title" id="selected-apis" tabIndex={-1}>
              Selected APIs
            </h3>
            {droppedPreselection && (
              <p className="select-apis__none">
                The API you came from does not use OAuth 2.0, so an OAuth client cannot use it.
              </p>
            )}
            {selectedEntries.length === 0 ? (
              <p className="select-apis__none">
                None yet. Hover over an API, or move to it with the Tab key, and choose{' '}
                <strong>Select API</strong>.
              </p>
            ) : (
              <ul className="selected-apis" aria-labelledby="selected-apis">
                {selectedEntries.map(({ id, entry }) => {
                  const name =
                    entry?.name ??
                    draft?.apis.find((api) => api.catalogueEntryId === id)?.name ??
                    'Unavailable API';
                  return (
                    <li key={id} className="selected-apis__item">
                      <span>{name}</span>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${name}`}
                        onClick={(event) => remove(id, event)}
                      >
                        Remove
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )}
          </aside>
        </div>
      )}

      {error && <FormAlert title="Cannot continue yet">{error}</FormAlert>}
      <div className="wizard__actions">
        <Button onClick={save} loading={saving} disabled={catalogue.isPending || catalogue.isError}>
          Save and continue
        </Button>
      </div>
    </section>
  );
}

function ApiOptionDetails({ entry }: { entry: PortalCatalogueEntry }) {
  return (
    <div className="api-option__details">
      <p className="api-option__name">
        <span id={`api-${entry.id}`}>{entry.name}</span>
        {entry.approval === 'manual' && (
          <>
            {' '}
            <Badge tone="warning">Needs approval</Badge>
          </>
        )}
      </p>
      <p className="api-option__description" id={`api-${entry.id}-description`}>
        {entry.shortDescription}
        <span className="api-option__limits">
          {formatRateLimit(entry.limits)} · Quota: {formatQuota(entry.limits)}
        </span>
      </p>
    </div>
  );
}
