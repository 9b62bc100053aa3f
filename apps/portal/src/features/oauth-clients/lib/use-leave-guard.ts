import { useEffect, useState } from 'react';

/**
 * Asks before leaving a page that shows something unrecoverable (a secret shown once). The portal
 * uses declarative routes (no data router, so no `useBlocker`): in-app links are intercepted in the
 * capture phase, the browser's Back button meets a guard history entry pushed while the page is
 * guarded, and closing or reloading the tab gets the browser's own `beforeunload` prompt.
 *
 * Returns the link the user tried to follow (`GO_BACK` for the Back button, or `null`), and
 * `leave`/`stay` to resolve it.
 */
/** `pendingHref` when the user pressed the browser's Back button. */
export const GO_BACK = 'history:back';

/** Completes a confirmed leave: `GO_BACK` skips the guard entry and the page itself. */
export function leaveTo(href: string, navigate: (href: string) => void) {
  if (href === GO_BACK) window.history.go(-2);
  else navigate(href);
}

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
    // Back would leave silently: keep a duplicate entry of this page on top, so Back lands on the same
    // URL (the router keeps the page mounted), then put the entry back and ask.
    const pushGuardEntry = () => window.history.pushState(window.history.state, '', window.location.href);
    pushGuardEntry();
    const onPopState = () => {
      pushGuardEntry();
      setPendingHref(GO_BACK);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState);
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
