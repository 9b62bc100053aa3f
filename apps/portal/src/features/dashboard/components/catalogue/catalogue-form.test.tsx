import { type AdminCatalogueEntry, type CatalogueEntryInput, LONG_DESCRIPTION_MAX } from '@portico/contracts';
import { createPorticoClient } from '@portico/sdk';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { AppProvider, createAppQueryClient } from '@/app/provider';
import { json, mockFetch } from '@/testing/render-app';
import { CatalogueForm } from './catalogue-form';

const entry: AdminCatalogueEntry = {
  id: 'e1',
  api: { id: 'a1', name: 'Payments API', authMode: 'oauth2' },
  policy: { id: 'p1', name: 'Gold' },
  name: 'Payments',
  shortDescription: 'Take payments',
  longDescription: '',
  visibility: 'public',
  approval: 'auto',
  maxClientsPerDeveloper: null,
  clientCount: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

function setup() {
  const fetch = mockFetch({
    'GET /api/admin/apis': () =>
      json(200, { items: [{ id: 'a1', name: 'Payments API' }], total: 1, page: 1, pageSize: 100 }),
    'GET /api/admin/policies': () =>
      json(200, { items: [{ id: 'p1', name: 'Gold', active: true }], total: 1, page: 1, pageSize: 100 }),
  });
  const onSubmit = vi.fn(async (_body: CatalogueEntryInput) => undefined);
  const user = userEvent.setup();
  render(
    <AppProvider client={createPorticoClient({ fetch })} queryClient={createAppQueryClient()}>
      <MemoryRouter>
        <CatalogueForm entry={entry} submitLabel="Save entry" onSubmit={onSubmit} />
      </MemoryRouter>
    </AppProvider>,
  );
  return { user, onSubmit };
}

describe('CatalogueForm', () => {
  it('shows and focuses an invalid number of clients per developer', async () => {
    const { user, onSubmit } = setup();
    const max = await screen.findByLabelText(/OAuth clients per developer/);
    await user.type(max, '0');
    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(max.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(max);
  });

  it('switches from Preview back to Write to show and focus a long description error', async () => {
    const { user, onSubmit } = setup();
    const textarea = await screen.findByRole('textbox', { name: /^Long description/ });
    fireEvent.change(textarea, { target: { value: 'x'.repeat(LONG_DESCRIPTION_MAX + 1) } });
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    const panel = textarea.closest('[role="tabpanel"]')!;
    expect(panel.hasAttribute('hidden')).toBe(true);
    // Browsers refuse focus to a hidden element (happy-dom does not): record what focus() found.
    const hiddenWhenFocused: boolean[] = [];
    const focus = textarea.focus.bind(textarea);
    vi.spyOn(textarea, 'focus').mockImplementation((options) => {
      hiddenWhenFocused.push(panel.hasAttribute('hidden'));
      focus(options);
    });

    await user.click(screen.getByRole('button', { name: 'Save entry' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('tab', { name: 'Write' }).getAttribute('aria-selected')).toBe('true');
    expect(panel.hasAttribute('hidden')).toBe(false);
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(hiddenWhenFocused).toEqual([false]);
    expect(document.activeElement).toBe(textarea);

    // The error does not pin the tab: the preview opens again while it is still there.
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByRole('tab', { name: 'Preview' }).getAttribute('aria-selected')).toBe('true');
  });
});
