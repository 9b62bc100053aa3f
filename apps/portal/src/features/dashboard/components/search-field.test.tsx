import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SearchField } from './search-field';

/** Like a list page: the search lands in the URL trimmed, and comes back down as `value`. */
function Harness({ initial = '', onSearch }: { initial?: string; onSearch: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <SearchField
        label="Search APIs"
        value={value}
        onSearch={(text) => {
          onSearch(text);
          setValue(text.trim());
        }}
      />
      <button type="button" onClick={() => setValue('')}>
        Clear filters
      </button>
    </>
  );
}

describe('SearchField', () => {
  it('keeps a trailing space typed before the pause', async () => {
    const user = userEvent.setup();
    const onSearch = vi.fn();
    render(<Harness onSearch={onSearch} />);
    const box = screen.getByRole('searchbox', { name: 'Search APIs' }) as HTMLInputElement;

    await user.type(box, 'pay ');
    await waitFor(() => expect(onSearch).toHaveBeenCalledWith('pay '));
    expect(box.value).toBe('pay ');
    await user.type(box, 'api');
    expect(box.value).toBe('pay api');
    await waitFor(() => expect(onSearch).toHaveBeenLastCalledWith('pay api'));
  });

  it('follows a change from outside', async () => {
    const user = userEvent.setup();
    render(<Harness initial="orders" onSearch={vi.fn()} />);
    const box = screen.getByRole('searchbox', { name: 'Search APIs' }) as HTMLInputElement;
    expect(box.value).toBe('orders');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(box.value).toBe('');
  });
});
