import { APP_TYPE_PROFILES, APP_TYPES, type AppType } from '@portico/contracts';
import { useId } from 'react';

const DESCRIPTIONS: Record<AppType, string> = {
  web: 'Runs on a server that can keep a secret. Authorization code flow with PKCE and refresh tokens.',
  spa_native:
    'Runs in the browser or on a device and cannot keep a secret. Authorization code flow with PKCE, no client secret.',
  service: 'A backend calling APIs on its own behalf. Client credentials flow; no users, no redirect URL.',
};

export interface AppTypeFieldProps {
  value: AppType;
  onChange: (value: AppType) => void;
  /** Why a type cannot be chosen (e.g. a selected API does not allow its flow). */
  unavailable?: Partial<Record<AppType, string>>;
  error?: string | undefined;
}

/** The application type as a radio group; the labels are the product documentation's. */
export function AppTypeField({ value, onChange, unavailable = {}, error }: AppTypeFieldProps) {
  const name = useId();
  const errorId = useId();
  return (
    <fieldset className="app-type" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">Application type</legend>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      <div className="app-type__options">
        {APP_TYPES.map((type) => {
          const id = `${name}-${type}`;
          const reason = unavailable[type];
          return (
            <div key={type} className="app-type__option" data-checked={value === type || undefined}>
              <input
                type="radio"
                id={id}
                name="appType"
                value={type}
                checked={value === type}
                disabled={reason !== undefined}
                aria-describedby={`${id}-description`}
                onChange={() => onChange(type)}
              />
              <label htmlFor={id}>
                <span className="app-type__label">{APP_TYPE_PROFILES[type].label}</span>
                <span id={`${id}-description`} className="app-type__description">
                  {reason ?? DESCRIPTIONS[type]}
                </span>
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
