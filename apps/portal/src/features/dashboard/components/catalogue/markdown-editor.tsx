import { LONG_DESCRIPTION_MAX } from '@portico/contracts';
import { lazy, Suspense, useId, useState } from 'react';
import { TextArea } from '@/components/ui/field';
import { LoadingState } from '@/components/ui/spinner';

// The renderer is only needed once someone opens the preview.
const MarkdownView = lazy(() => import('@/components/markdown/markdown-view'));

export interface MarkdownEditorProps {
  label: string;
  name: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

/**
 * A Markdown textarea with Write / Preview tabs. The preview uses the same escape-first renderer as
 * the portal's catalogue page, so what the admin previews is what developers will see.
 */
export function MarkdownEditor({ label, name, value, error, onChange }: MarkdownEditorProps) {
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [errorSeen, setErrorSeen] = useState(error);
  // An error needs the textarea on screen, to be read and to take focus: a new error switches back to
  // Write, during this render so the form's focus on the first invalid field finds it shown.
  if (error !== errorSeen) {
    setErrorSeen(error);
    if (error) setTab('write');
  }
  const baseId = useId();
  const tabs = [
    { id: 'write', label: 'Write' },
    { id: 'preview', label: 'Preview' },
  ] as const;

  return (
    <div className="markdown-editor">
      <div role="tablist" aria-label={`${label} editor`} className="markdown-editor__tabs">
        {tabs.map((t, index) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${baseId}-${t.id}-tab`}
            aria-selected={tab === t.id}
            aria-controls={`${baseId}-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="markdown-editor__tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(event) => {
              // WAI-ARIA tabs pattern: arrow keys move between tabs.
              if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                const next = tabs[(index + 1) % tabs.length];
                if (next) {
                  setTab(next.id);
                  document.getElementById(`${baseId}-${next.id}-tab`)?.focus();
                }
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-write`}
        aria-labelledby={`${baseId}-write-tab`}
        hidden={tab !== 'write'}
      >
        <TextArea
          label={label}
          name={name}
          optional
          rows={10}
          description={`Markdown: headings, lists, **bold**, *italic*, \`code\`, links. HTML is shown as text. Up to ${LONG_DESCRIPTION_MAX.toLocaleString('en')} characters.`}
          value={value}
          error={error}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      {tab === 'preview' && (
        <div
          role="tabpanel"
          id={`${baseId}-preview`}
          aria-labelledby={`${baseId}-preview-tab`}
          className="markdown-editor__preview"
        >
          {value.trim() === '' ? (
            <p className="admin-form__hint">Nothing to preview yet.</p>
          ) : (
            <Suspense fallback={<LoadingState label="Loading the preview…" variant="inline" />}>
              <MarkdownView source={value} />
            </Suspense>
          )}
        </div>
      )}
    </div>
  );
}
