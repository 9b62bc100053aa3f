import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

describe('parseMarkdown', () => {
  it('parses headings, paragraphs, lists, code, quotes and rules', () => {
    const blocks = parseMarkdown(
      [
        '# Payments',
        '',
        'Take **card** payments',
        'in *one* call.',
        '',
        '- create',
        '- refund',
        '',
        '1. first',
        '2. second',
        '',
        '```bash',
        'curl <x>',
        '```',
        '> note',
        '',
        '---',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'code',
      'quote',
      'rule',
    ]);
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Take ' },
        { type: 'strong', children: [{ type: 'text', text: 'card' }] },
        { type: 'text', text: ' payments in ' },
        { type: 'em', children: [{ type: 'text', text: 'one' }] },
        { type: 'text', text: ' call.' },
      ],
    });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true });
    expect(blocks[4]).toEqual({ type: 'code', text: 'curl <x>', lang: 'bash' });
  });

  it('keeps raw HTML as literal text', () => {
    const blocks = parseMarkdown('<img src=x onerror=alert(1)> <script>alert(1)</script>');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: '<img src=x onerror=alert(1)> <script>alert(1)</script>' }],
      },
    ]);
  });
});

describe('links', () => {
  it('keeps http(s) and mailto links', () => {
    expect(parseInline('[docs](https://example.com/a)')).toEqual([
      { type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'docs' }] },
    ]);
  });

  it.each(['javascript:void0', 'JAVASCRIPT:void0', 'data:text/html,x', 'vbscript:x', '/relative'])(
    'drops the %s target but keeps the text',
    (href) => {
      expect(parseInline(`[click](${href})`)).toEqual([{ type: 'text', text: 'click' }]);
    },
  );

  it('never produces a link for script URLs, whatever their shape', () => {
    for (const source of [
      '[x](javascript:alert(1))',
      '[x]( javascript:alert`1`)',
      '[x](java\nscript:alert(1))',
    ]) {
      expect(JSON.stringify(parseMarkdown(source))).not.toContain('"link"');
    }
  });

  it('safeHref normalises and filters', () => {
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example');
    expect(safeHref(' javascript:alert(1)')).toBeNull();
  });
});

describe('inline details', () => {
  it('leaves snake_case words alone and honours escapes', () => {
    expect(parseInline('use client_id_here and \\*stars\\*')).toEqual([
      { type: 'text', text: 'use client_id_here and *stars*' },
    ]);
  });

  it('parses inline code without interpreting its content', () => {
    expect(parseInline('`**x**`')).toEqual([{ type: 'code', text: '**x**' }]);
  });
});
