import { isPorticoApiError } from '@portico/sdk';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';

/** A page chunk that no longer exists on the server: the app was redeployed since this tab loaded. */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
      error.message,
    )
  );
}

export interface RouteErrorProps {
  error: unknown;
  reset: () => void;
}

/** Shown in place of a page that failed to render or load; the header and menu stay usable. */
export function RouteError({ error, reset }: RouteErrorProps) {
  if (isChunkLoadError(error)) {
    return (
      <div className="route-error" role="alert">
        <PageHeader
          title="Portico has been updated"
          description="This page changed since you opened Portico. Reload to get the new version."
        />
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </div>
    );
  }
  return (
    <div className="route-error" role="alert">
      <PageHeader
        title="Something went wrong"
        description={
          isPorticoApiError(error) ? error.message : 'This page failed to load. Trying again usually helps.'
        }
      />
      <div className="crash__actions">
        <Button onClick={reset}>Try again</Button>
        <Button variant="secondary" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </div>
    </div>
  );
}
