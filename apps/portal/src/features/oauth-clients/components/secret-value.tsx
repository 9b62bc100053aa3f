import { CopyButton } from '@/components/ui/copy-button';

export interface SecretValueProps {
  label: string;
  value: string;
  /** Accessible name of the copy button, e.g. "Copy client secret". */
  copyLabel: string;
}

/** A credential or endpoint shown in full, selectable, with a copy button. */
export function SecretValue({ label, value, copyLabel }: SecretValueProps) {
  return (
    <div className="credential">
      <dt>{label}</dt>
      <dd>
        <code className="credential__value">{value}</code>
        <CopyButton value={value} accessibleLabel={copyLabel} />
      </dd>
    </div>
  );
}
