import { lazy, Suspense } from 'react';
import { useParams } from 'react-router-dom';
import { LoadingState } from '@/components/ui/spinner';
import { CatalogueEntryView } from '@/features/catalogue/components/catalogue-entry-view';
import { wizardHref } from '@/features/oauth-clients/lib/wizard-href';
import '@/features/catalogue/catalogue.css';

// The same escape-first Markdown renderer the dashboard previews with, so API owners see what developers
// see; loaded on demand so it stays out of the initial bundle.
const MarkdownView = lazy(() => import('@/components/markdown/markdown-view'));

export default function CatalogueEntryRoute() {
  const { id = '' } = useParams();
  return (
    <CatalogueEntryView
      id={id}
      createClientHref={(entryId) => wizardHref({ api: entryId })}
      renderDocs={(markdown) => (
        <Suspense fallback={<LoadingState label="Loading the documentation…" variant="inline" />}>
          <MarkdownView source={markdown} />
        </Suspense>
      )}
    />
  );
}
