import { render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLeaveGuard } from './use-leave-guard';

function Guarded({ active }: { active: boolean }) {
  useLeaveGuard(active);
  return null;
}

afterEach(() => {
  window.history.scrollRestoration = 'auto';
});

describe('useLeaveGuard', () => {
  it('gives scroll restoration back when the page is left (its entry replaced by the next page)', async () => {
    const view = render(<Guarded active />);
    // Guarded: Back onto the page must not jump to an old scroll position.
    expect(window.history.scrollRestoration).toBe('manual');
    // Leaving through a link replaces the guard entry (as the router does), then the page unmounts.
    window.history.replaceState({ next: 'page' }, '');
    view.unmount();
    await waitFor(() => expect(window.history.scrollRestoration).toBe('auto'));
  });
});
