/**
 * A small Markdown subset for catalogue descriptions, parsed into a tree that React renders as
 * elements. Nothing is ever handed to `innerHTML`: raw HTML in the source stays literal text
 * (escape-first by construction), and links keep only http(s) and mailto targets, so
 * `[x](javascript:...)` cannot run script.
 *
 * Supported: ATX headings (`#`..`######`), paragraphs, `-`/`*`/`1.` lists, fenced code blocks,
 * `>` quotes, `---` rules; inline `code`, **strong**, *emphasis* or _emphasis_ and [links](https://...).
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'code'; text: string; lang: string | null }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Only absolute http(s)/mailto URLs survive; anything else (javascript:, data:, relative) is dropped. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)\s*([\w+-]*)\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  return parseBlocks(lines, 0);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };

  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(marker)) body.push(lines[i++] ?? '');
      i++; // closing fence (or end of input)
      blocks.push({ type: 'code', text: body.join('\n'), lang: fence[2] || null });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      flush();
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < 3) {
      flush();
      const body: string[] = [];
      while (i < lines.length) {
        const quoted = QUOTE.exec(lines[i] ?? '');
        if (!quoted) break;
        body.push(quoted[1] ?? '');
        i++;
      }
      blocks.push({ type: 'quote', children: parseBlocks(body, depth + 1) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    if (bullet || ordered) {
      flush();
      const pattern = bullet ? BULLET : ORDERED;
      const items: Inline[][] = [];
      while (i < lines.length) {
        const item = pattern.exec(lines[i] ?? '');
        if (!item) break;
        items.push(parseInline(item[1] ?? ''));
        i++;
      }
      blocks.push({ type: 'list', ordered: Boolean(ordered), items });
      continue;
    }
    paragraph.push(line.trim());
    i++;
  }
  flush();
  return blocks;
}

const LINK = /^\[([^\]\n]+)\]\(([^()\s]+)\)/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const pushText = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length && /[\\`*_[\]()#>-]/.test(text[i + 1] ?? '')) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        pushText();
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (text.startsWith('**', i) || text.startsWith('__', i)) {
      const marker = text.slice(i, i + 2);
      const end = text.indexOf(marker, i + 2);
      if (end > i + 2) {
        pushText();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((char === '*' || char === '_') && text[i + 1] !== ' ') {
      const end = text.indexOf(char, i + 1);
      // `snake_case_words` stay literal: underscore emphasis must not start inside a word.
      const wordBefore = char === '_' && i > 0 && /\w/.test(text[i - 1] ?? '');
      if (end > i + 1 && text[end - 1] !== ' ' && !wordBefore) {
        pushText();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (char === '[') {
      const link = LINK.exec(text.slice(i));
      if (link) {
        const href = safeHref(link[2] ?? '');
        pushText();
        const children = parseInline(link[1] ?? '');
        if (href) out.push({ type: 'link', href, children });
        else out.push(...children);
        i += link[0].length;
        continue;
      }
    }
    buffer += char;
    i++;
  }
  pushText();
  return out;
}
