import { displayNameKey } from '@portico/contracts';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * Text search for the lists (catalogue, APIs, policies, developers, users). SQLite's `lower()` and
 * `LIKE` fold ASCII letters only, so "émile" would not find "Émile Zola". `openDatabase` registers
 * `fold()`, the same folding names are compared by (`displayNameKey`: NFKC, then lower case), and
 * both sides of the match go through it.
 */
export const FOLD_FUNCTION = 'fold';

/** What `fold(value)` computes in SQL. */
export const foldText = (value: unknown): unknown =>
  typeof value === 'string' ? displayNameKey(value) : value;

/** `column` contains `q`, ignoring case beyond ASCII; `%`, `_` and `\` in `q` match themselves. */
export function containsText(column: SQLWrapper, q: string): SQL {
  const pattern = `%${displayNameKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`fold(${column}) like ${pattern} escape '\\'`;
}

/** Sort key for names, folded the same way: "Émile" and "émile" sort together, whatever their case. */
export const foldedOrder = (column: SQLWrapper): SQL => sql`fold(${column})`;
