import type { ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from './markdown';
import './markdown.css';

/**
 * Renders untrusted Markdown as React elements (never `innerHTML`), see `lib/markdown.ts`.
 * Loaded lazily by `MarkdownPreview`, so the parser is not part of the dashboard's first chunk.
 */
export default function MarkdownView({ source }: { source: string }) {
  const blocks = parseMarkdown(source);
  // Descriptions sit under the page's own h1/h2: the document's top heading level (whether its author
  // started at `#` or `##`) becomes an h3, and deeper levels follow without skipping one.
  const levels = blocks.flatMap((block) => (block.type === 'heading' ? [block.level] : []));
  const shift = 3 - (levels.length > 0 ? Math.min(...levels) : 1);
  const renderBlock = (block: Block, index: number): ReactNode => {
    if (block.type === 'heading') {
      const Tag = `h${Math.max(3, Math.min(6, block.level + shift))}` as 'h3' | 'h4' | 'h5' | 'h6';
      return <Tag key={index}>{block.children.map(renderInline)}</Tag>;
    }
    if (block.type === 'quote') return <blockquote key={index}>{block.children.map(renderBlock)}</blockquote>;
    return renderBody(block, index);
  };
  return <div className="markdown">{blocks.map(renderBlock)}</div>;
}

function renderBody(block: Exclude<Block, { type: 'heading' | 'quote' }>, index: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={index}>{block.children.map(renderInline)}</p>;
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{item.map(renderInline)}</li>);
      return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
    }
    case 'code':
      return (
        <pre key={index}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={index} />;
  }
}

function renderInline(inline: Inline, index: number): ReactNode {
  switch (inline.type) {
    case 'text':
      return inline.text;
    case 'code':
      return <code key={index}>{inline.text}</code>;
    case 'strong':
      return <strong key={index}>{inline.children.map(renderInline)}</strong>;
    case 'em':
      return <em key={index}>{inline.children.map(renderInline)}</em>;
    case 'link':
      return (
        <a key={index} href={inline.href} rel="nofollow noopener noreferrer" target="_blank">
          {inline.children.map(renderInline)}
        </a>
      );
  }
}
