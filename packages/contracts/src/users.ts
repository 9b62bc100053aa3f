import { type Static, Type } from 'typebox';
import { Role, User, UserStatus } from './auth.js';
import { Page, PageQuery } from './common.js';

/** `GET /api/admin/users`: page through accounts, `q` searches email and name. */
export const UserListQuery = Type.Object(
  {
    ...PageQuery.properties,
    role: Type.Optional(Role),
    status: Type.Optional(UserStatus),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const UserListResponse = Page(User);
export type UserListResponse = Static<typeof UserListResponse>;
