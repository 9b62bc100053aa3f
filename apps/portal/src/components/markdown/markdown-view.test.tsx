import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import MarkdownView from './markdown-view';

describe('MarkdownView', () => {
  it('renders Markdown as elements, headings nested under the page heading', () => {
    render(<MarkdownView source={'# Payments\n\n- **fast**\n- [docs](https://docs.example/pay)'} />);
    expect(screen.getByRole('heading', { level: 3, name: 'Payments' })).toBeTruthy();
    expect(screen.getByRole('list').textContent).toBe('fastdocs');
    const link = screen.getByRole('link', { name: 'docs' });
    expect(link.getAttribute('href')).toBe('https://docs.example/pay');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('starts at h3 whatever level the author started at, without skipping a level', () => {
    render(<MarkdownView source={'## Overview\n\ntext\n\n### Errors\n\n> # Quoted'} />);
    expect(screen.getByRole('heading', { level: 3, name: 'Overview' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 4, name: 'Errors' })).toBeTruthy();
    // Never above the page's own headings.
    expect(screen.getByRole('heading', { level: 3, name: 'Quoted' })).toBeTruthy();
  });

  it('shows raw HTML as text and never creates script-capable elements', () => {
    const { container } = render(
      <MarkdownView
        source={'<img src=x onerror="alert(1)"><script>alert(2)</script> [x](javascript:alert(3))'}
      />,
    );
    expect(container.querySelector('img, script, iframe')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(screen.queryByRole('link')).toBeNull();
  });
});
