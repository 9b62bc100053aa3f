import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { DeveloperCreateBody, DeveloperPatch } from './admin-developers.js';
import { PersonName, RegisterBody } from './auth.js';

describe('PersonName', () => {
  it('refuses names that are blank once trimmed or hide characters (the server stores them trimmed)', () => {
    for (const name of [
      '',
      ' ',
      '   ',
      '\t\n',
      '\u00a0',
      '\u2003\ufeff',
      '\u200b',
      'Ada\u0000',
      'Ada\u202e',
    ]) {
      expect(Value.Check(PersonName, name), JSON.stringify(name)).toBe(false);
    }
  });

  it('accepts any name with something visible in it, spaces around included', () => {
    for (const name of ['Ada', ' Ada ', 'Ada Lovelace', 'Zoë', '李']) {
      expect(Value.Check(PersonName, name), name).toBe(true);
    }
  });

  it('applies to registration and to the admin’s developer forms', () => {
    const password = 'correct-horse-battery-staple-42';
    expect(Value.Check(RegisterBody, { email: 'a@example.test', name: '   ', password })).toBe(false);
    expect(Value.Check(DeveloperCreateBody, { email: 'a@example.test', name: '   ', password })).toBe(false);
    expect(Value.Check(DeveloperPatch, { name: '   ' })).toBe(false);
    expect(Value.Check(DeveloperPatch, { name: 'Ada' })).toBe(true);
  });
});
