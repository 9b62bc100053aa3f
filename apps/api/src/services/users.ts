import type { User, UserListQuery, UserListResponse } from '@portico/contracts';
import type { UserRow } from '../db/schema.js';
import type { UsersRepository } from '../repositories/users.js';

/** The public view of a user row: never exposes the password hash. */
export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
  };
}

export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  getById(id: string): User | undefined {
    const row = this.users.findById(id);
    return row ? toUserDto(row) : undefined;
  }

  list(query: UserListQuery): UserListResponse {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = this.users.list({
      page,
      pageSize,
      ...(query.q ? { q: query.q } : {}),
      ...(query.role ? { role: query.role } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    return { items: items.map(toUserDto), total, page, pageSize };
  }
}
