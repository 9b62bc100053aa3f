import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { AuditListQuery } from './admin-audit.js';
import { PAGE_MAX, PageQuery } from './common.js';
import * as contracts from './index.js';

/** Every exported schema a client sends: bodies, queries, params, inputs and patches. */
const requestSchemas = Object.entries(contracts as Record<string, unknown>).filter(
  ([name, value]) => /(Query|Body|Patch|Input|Params|Request)$/.test(name) && typeof value === 'object',
);

/** Paths of the integer/number fields below `schema` that have no `maximum`. */
function unboundedNumbers(schema: unknown, path: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const found =
    (types.includes('integer') || types.includes('number')) && s.maximum === undefined ? [path] : [];
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  for (const [name, child] of Object.entries(properties))
    found.push(...unboundedNumbers(child, `${path}.${name}`));
  found.push(...unboundedNumbers(s.items, `${path}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = Array.isArray(s[key]) ? (s[key] as unknown[]) : [];
    for (const child of branches) found.push(...unboundedNumbers(child, path));
  }
  return found;
}

describe('request limits', () => {
  it('bounds every number a request carries, so none can overflow what the server does with it', () => {
    expect(requestSchemas.length).toBeGreaterThan(30);
    expect(requestSchemas.flatMap(([name, schema]) => unboundedNumbers(schema, name))).toEqual([]);
  });

  it('accepts page numbers up to PAGE_MAX in every list query', () => {
    for (const schema of [PageQuery, AuditListQuery, contracts.ApiListQuery, contracts.UserListQuery]) {
      expect(Value.Check(schema, { page: PAGE_MAX })).toBe(true);
      expect(Value.Check(schema, { page: PAGE_MAX + 1 })).toBe(false);
      expect(Value.Check(schema, { page: 1e20 })).toBe(false);
    }
  });
});
