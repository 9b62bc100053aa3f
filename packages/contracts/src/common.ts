import { type Static, type TSchema, Type } from 'typebox';

/** ISO-8601 timestamp string (UTC). */
export const Timestamp = Type.String({ format: 'date-time' });

/** Opaque resource id (UUID v4 / v7). */
export const Id = Type.String({ minLength: 1, maxLength: 64 });

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
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
