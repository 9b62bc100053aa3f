import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './button';
import { ConfirmDialog } from './confirm-dialog';
import { CopyButton } from './copy-button';
import { Dialog } from './dialog';
import { TextField } from './field';
import { Pagination } from './pagination';
import { Stepper } from './stepper';
import { type SortState, Table } from './table';
import { ToastProvider, useToast } from './toast';

describe('TextField', () => {
  it('ties label, description and error to the input', () => {
    render(<TextField label="Client name" description="Shown to users" error="Enter a name" />);
    const input = screen.getByLabelText('Client name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toEqual([
      'Shown to users',
      'Enter a name',
    ]);
  });
});

describe('Button', () => {
  it('is disabled and busy while loading, keeping its name', () => {
    render(<Button loading>Save</Button>);
    const button = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.type).toBe('button');
  });
});

describe('ConfirmDialog', () => {
  function Harness({ onConfirm }: { onConfirm: () => void }) {
    const [open, setOpen] = useState(false);
    return (
      <>
        <Button onClick={() => setOpen(true)}>Delete client</Button>
        <ConfirmDialog
          open={open}
          title="Delete this client?"
          description="Every token it holds stops working."
          confirmLabel="Delete"
          tone="danger"
          onConfirm={onConfirm}
          onCancel={() => setOpen(false)}
        />
      </>
    );
  }

  it('opens named, focuses Cancel, closes on Escape and returns focus', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    const trigger = screen.getByRole('button', { name: 'Delete client' });
    await user.click(trigger);

    const dialog = screen.getByRole('dialog', { name: 'Delete this client?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Escape on a modal <dialog> fires `cancel`.
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(onConfirm).not.toHaveBeenCalled();

    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('Dialog', () => {
  function Harness({ onClose }: { onClose: () => void }) {
    const [open, setOpen] = useState(false);
    const [confirmed, setConfirmed] = useState(false);
    return (
      <>
        <Button onClick={() => setOpen(true)}>Show secret</Button>
        <Dialog
          open={open}
          onClose={() => {
            onClose();
            if (confirmed) setOpen(false);
          }}
          title="New client secret"
          footer={
            <Button data-autofocus onClick={() => setConfirmed(true)}>
              I have copied it
            </Button>
          }
        />
      </>
    );
  }

  it('stays open when the browser force-closes it while the parent still has it open', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    const trigger = screen.getByRole('button', { name: 'Show secret' });
    await user.click(trigger);
    const dialog = screen.getByRole('dialog', { name: 'New client secret' }) as HTMLDialogElement;
    const confirm = within(dialog).getByRole('button', { name: 'I have copied it' });

    // What Chrome and Firefox do on a second Escape, although `cancel` was prevented.
    act(() => dialog.close());
    expect(onClose).toHaveBeenCalledOnce();
    expect(dialog.open).toBe(true);
    expect(document.activeElement).toBe(confirm);

    // Once the parent agrees, the same forced close goes through and focus goes back.
    await user.click(confirm);
    act(() => dialog.close());
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(dialog.open).toBe(false);
    expect(screen.queryByRole('button', { name: 'I have copied it' })).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });
});

describe('Dialog focus return', () => {
  /**
   * A list whose rows open a dialog; confirming removes the row (`remove`: as the dialog closes, or in
   * a later render, as when the list is refetched) or disables its button.
   */
  function List({ outcome }: { outcome: 'remove' | 'remove-later' | 'disable' | 'keep' }) {
    const headingRef = useRef<HTMLHeadingElement>(null);
    const [open, setOpen] = useState(false);
    const [done, setDone] = useState(false);
    const [gone, setGone] = useState(false);
    return (
      <>
        <h2 ref={headingRef} tabIndex={-1}>
          Rows
        </h2>
        {!gone && (
          <Button disabled={done && outcome === 'disable'} onClick={() => setOpen(true)}>
            Act on row
          </Button>
        )}
        <Button onClick={() => setGone(true)}>Refetch</Button>
        <ConfirmDialog
          open={open}
          title="Act?"
          confirmLabel="Confirm"
          returnFocusTo={headingRef}
          onConfirm={() => {
            setOpen(false);
            setDone(true);
            if (outcome === 'remove') setGone(true);
          }}
          onCancel={() => setOpen(false)}
        />
      </>
    );
  }

  const heading = () => screen.getByRole('heading', { name: 'Rows' });

  it('returns focus to the opener when it is still there', async () => {
    const user = userEvent.setup();
    render(<List outcome="keep" />);
    const opener = screen.getByRole('button', { name: 'Act on row' });
    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(document.activeElement).toBe(opener);
  });

  it('focuses returnFocusTo when the opener was removed', async () => {
    const user = userEvent.setup();
    render(<List outcome="remove" />);
    await user.click(screen.getByRole('button', { name: 'Act on row' }));
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(screen.queryByRole('button', { name: 'Act on row' })).toBeNull();
    expect(document.activeElement).toBe(heading());
  });

  it('focuses returnFocusTo when the opener is now disabled', async () => {
    const user = userEvent.setup();
    render(<List outcome="disable" />);
    await user.click(screen.getByRole('button', { name: 'Act on row' }));
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect((screen.getByRole('button', { name: 'Act on row' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement).toBe(heading());
  });

  it('moves on to returnFocusTo when the opener goes away just after the dialog closed', async () => {
    const user = userEvent.setup();
    render(<List outcome="remove-later" />);
    const opener = screen.getByRole('button', { name: 'Act on row' });
    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(document.activeElement).toBe(opener);
    // The refetched list arrives without the row (clicked programmatically: focus stays on the opener).
    act(() => screen.getByRole('button', { name: 'Refetch' }).click());
    expect(screen.queryByRole('button', { name: 'Act on row' })).toBeNull();
    expect(document.activeElement).toBe(heading());
  });
});

describe('Toast', () => {
  function Notify() {
    const toast = useToast();
    return <Button onClick={() => toast.show({ title: 'Secret rotated', tone: 'success' })}>Rotate</Button>;
  }

  it('announces in a live region and can be dismissed', async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Notify />
      </ToastProvider>,
    );
    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(region.getAttribute('aria-live')).toBe('polite');
    await user.click(screen.getByRole('button', { name: 'Rotate' }));
    expect(within(region).getByText('Secret rotated')).toBeTruthy();
    await user.click(within(region).getByRole('button', { name: 'Dismiss notification' }));
    expect(within(region).queryByText('Secret rotated')).toBeNull();
  });
});

describe('CopyButton', () => {
  it('copies and announces it', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    render(<CopyButton value="client-123" accessibleLabel="Copy client ID" />);
    await user.click(screen.getByRole('button', { name: 'Copy client ID' }));
    expect(writeText).toHaveBeenCalledWith('client-123');
    expect(screen.getByRole('status').textContent).toBe('Copied');
  });

  it('says so when the clipboard is refused', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(<CopyButton value="secret" />);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(screen.getByRole('status').textContent).toMatch(/Copy failed/);
  });

  it('shows the failure on the button and selects the value shown beside it', async () => {
    const user = userEvent.setup();
    // A plain-HTTP page has no `navigator.clipboard` at all.
    const clipboard = vi
      .spyOn(navigator, 'clipboard', 'get')
      .mockReturnValue(undefined as unknown as Clipboard);
    render(
      <dl>
        <dt>Client ID</dt>
        <dd>
          <code>client-123</code>
          <CopyButton value="client-123" accessibleLabel="Copy client ID" />
        </dd>
      </dl>,
    );
    const button = screen.getByRole('button', { name: 'Copy client ID' });
    await user.click(button);
    expect(button.textContent).toBe('Copy failed — select and copy');
    expect(window.getSelection()?.toString()).toBe('client-123');
    clipboard.mockRestore();
  });

  it('shows a value that is not on the page, selected, when copying fails', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(<CopyButton value="token-abc" label="Copy token" accessibleLabel="Copy access token" />);
    await user.click(screen.getByRole('button', { name: 'Copy access token' }));
    const input = screen.getByRole('textbox', {
      name: 'Copy access token: the value to copy',
    }) as HTMLInputElement;
    expect(input.value).toBe('token-abc');
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, 'token-abc'.length]);
    writeText.mockRestore();
  });
});

describe('Stepper', () => {
  it('marks the current step', () => {
    render(
      <Stepper
        current={1}
        steps={[
          { id: 'apis', label: 'Select APIs' },
          { id: 'details', label: 'Application details' },
          { id: 'done', label: 'Credentials' },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Progress' })).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-current'))).toEqual([null, 'step', null]);
    expect(items[0]?.textContent).toContain('(completed)');
  });
});

describe('Table', () => {
  it('sorts through header buttons and reports aria-sort', async () => {
    const user = userEvent.setup();
    const rows = [
      { id: '1', name: 'Payments' },
      { id: '2', name: 'Orders' },
    ];
    function Harness() {
      const [sort, setSort] = useState<SortState>({ column: 'name', direction: 'asc' });
      const sorted = [...rows].sort(
        (a, b) => a.name.localeCompare(b.name) * (sort.direction === 'asc' ? 1 : -1),
      );
      return (
        <Table
          caption="APIs"
          columns={[
            { id: 'name', header: 'Name', cell: (row) => row.name, sortable: true, isRowHeader: true },
          ]}
          rows={sorted}
          getRowKey={(row) => row.id}
          sort={sort}
          onSortChange={setSort}
        />
      );
    }
    render(<Harness />);
    const table = screen.getByRole('table', { name: 'APIs' });
    const header = within(table).getByRole('columnheader');
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Orders', 'Payments']);

    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Payments', 'Orders']);
  });
});

describe('Pagination', () => {
  it('pages through results and disables the ends', async () => {
    const onPageChange = vi.fn();
    render(<Pagination page={1} pageSize={20} total={45} onPageChange={onPageChange} />);
    const nav = screen.getByRole('navigation', { name: 'Pagination' });
    expect(nav.textContent).toContain('Showing 1–20 of 45');
    expect(nav.textContent).toContain('Page 1 of 3');
    expect((within(nav).getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => within(nav).getByRole('button', { name: 'Next' }).click());
    expect(onPageChange).toHaveBeenCalledWith(2);
  });

  it('renders nothing for a single page', () => {
    const { container } = render(<Pagination page={1} pageSize={20} total={3} onPageChange={() => {}} />);
    expect(container.innerHTML).toBe('');
  });
});
