import { type Static, type TSchema, Type } from 'typebox';

/** ISO-8601 timestamp string (UTC). */
export const Timestamp = Type.String({ format: 'date-time' });

/** Opaque resource id (UUID v4 / v7). */
export const Id = Type.String({ minLength: 1, maxLength: 64 });

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/**
 * The last page a list may be asked for. Without a bound, `?page=1e20` passes as an integer and the
 * offset it makes overflows SQLite's 64-bit integers (a 500). With at most 100 items a page this still
 * reaches 10 million rows; further back than that, narrow the list with its filters.
 */
export const PAGE_MAX = 100_000;

/** 1-based page number of a list query. */
export const PageNumber = Type.Integer({ minimum: 1, maximum: PAGE_MAX, default: 1 });

export const PageQuery = Type.Object({
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'free-text search' })),
});
export type PageQuery = Static<typeof PageQuery>;

/** A page of `item`s with the total count for pagination controls. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1 }),
  });
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const OkResponse = Type.Object({ ok: Type.Literal(true) });
export type OkResponse = Static<typeof OkResponse>;
