import { useEffect, useState } from 'react';

/** `pendingHref` when the user pressed the browser's Back button. */
export const GO_BACK = 'history:back';

/** Marks the history entry the guard pushed, so it can take it away again. */
const GUARD_MARK = 'porticoLeaveGuard';

const onGuardEntry = () => {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && GUARD_MARK in state;
};

// The guard entry is taken away a task after the guard turns off, not at once: React's StrictMode
// remounts effects straight away, and a guard that comes back in the meantime keeps the entry.
let pendingRemoval: ReturnType<typeof setTimeout> | undefined;

/**
 * Completes a confirmed leave: `GO_BACK` skips the guard entry and the page itself. A link replaces
 * the guard entry, so Back from there does not meet a stale duplicate of the page.
 */
export function leaveTo(href: string, navigate: (href: string, options?: { replace?: boolean }) => void) {
  if (href === GO_BACK) {
    // Unmark the entry so the guard, turning off, does not also go back from it.
    const { [GUARD_MARK]: _mark, ...state } = (window.history.state ?? {}) as Record<string, unknown>;
    window.history.replaceState(state, '');
    window.history.go(-2);
  } else {
    navigate(href, { replace: onGuardEntry() });
  }
}

/**
 * Asks before leaving a page that shows something unrecoverable (a secret shown once). The portal
 * uses declarative routes (no data router, so no `useBlocker`): in-app links are intercepted in the
 * capture phase, the browser's Back button meets a guard history entry pushed while the page is
 * guarded, and closing or reloading the tab gets the browser's own `beforeunload` prompt.
 *
 * Turning the guard off (or leaving) takes its history entry away again.
 *
 * Returns the link the user tried to follow (`GO_BACK` for the Back button, or `null`), and
 * `leave`/`stay` to resolve it.
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
    // Back would leave silently: keep a duplicate entry of this page on top, so Back lands on the same
    // URL (the router keeps the page mounted), then put the entry back and ask. Turning off takes the
    // entry away again, so Back later does not stop on a copy of this page.
    const pushGuardEntry = () => {
      // Back onto the page's own entry (the user's, or ours below) stays on the same page: the browser
      // must not restore that entry's old scroll position. The guard entry inherits the mode.
      window.history.scrollRestoration = 'manual';
      window.history.pushState({ ...window.history.state, [GUARD_MARK]: true }, '', window.location.href);
    };
    clearTimeout(pendingRemoval);
    if (!onGuardEntry()) pushGuardEntry();
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
      // Still on the guard entry (not navigated away): go back off it. Either way the browser restores
      // scroll positions again from here on (entries made while guarded inherited "manual").
      pendingRemoval = setTimeout(() => {
        if (!onGuardEntry()) {
          window.history.scrollRestoration = 'auto';
          return;
        }
        const restoreScrolling = () => {
          window.history.scrollRestoration = 'auto';
        };
        window.addEventListener('popstate', restoreScrolling, { once: true });
        window.history.back();
      });
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
