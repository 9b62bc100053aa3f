import { useEffect, useState } from 'react';

/**
 * Asks before leaving a page that shows something unrecoverable (a secret shown once). The portal
 * uses declarative routes (no data router, so no `useBlocker`): in-app links are intercepted in the
 * capture phase, and closing or reloading the tab gets the browser's own `beforeunload` prompt.
 *
 * Returns the link the user tried to follow (or `null`), and `leave`/`stay` to resolve it.
 */
export function useLeaveGuard(active: boolean) {
  const [pendingHref, setPendingHref] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show their "Leave site?" prompt.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      ) {
        return;
      }
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download'))
        return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      // Stop the router's own click handler; the dialog decides.
      event.preventDefault();
      event.stopPropagation();
      setPendingHref(`${url.pathname}${url.search}${url.hash}`);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [active]);

  return {
    pendingHref,
    stay: () => setPendingHref(null),
    /** Clears the request; the caller navigates to the returned href. */
    leave: () => {
      const href = pendingHref;
      setPendingHref(null);
      return href;
    },
  };
}
