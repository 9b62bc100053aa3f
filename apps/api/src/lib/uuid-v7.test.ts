import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid-v7.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7 (RFC 9562 §5.7)', () => {
  it('has the version and variant bits and encodes the millisecond timestamp', () => {
    const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    const id = uuidv7(now + 10_000_000);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now + 10_000_000);
  });

  it('increases strictly, also within one millisecond and past the counter', () => {
    const fixed = Date.now() + 20_000_000;
    const ids = Array.from({ length: 5000 }, () => uuidv7(fixed));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('never goes backwards when the clock does', () => {
    const later = uuidv7(Date.now() + 30_000_000);
    expect(uuidv7(Date.now()) > later).toBe(true);
  });
});
