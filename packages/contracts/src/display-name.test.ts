import { describe, expect, it } from 'vitest';
import { displayNameKey, displayNameProblem } from './display-name.js';

describe('display names', () => {
  it('accepts anything visible, in any script, emoji sequences included', () => {
    for (const name of ['Ada', 'Zoë Café', '李小龍', 'محمد', 'Shop 🛒', 'Team 👩‍💻', 'A\u00a0B']) {
      expect(displayNameProblem(name), name).toBeUndefined();
    }
  });

  it('asks for a name when nothing would be seen', () => {
    for (const name of ['', '   ', '\u200b', '\u00a0\ufeff', '\u2060\u200d']) {
      expect(displayNameProblem(name), JSON.stringify(name)).toBe('Enter a name.');
    }
  });

  it('refuses control characters and direction overrides or isolates', () => {
    for (const name of ['Shop\u0000', 'Sh\nop', 'Acme \u202egnp.exe', 'Acme\u2066x\u2069', 'a\u202ab']) {
      expect(displayNameProblem(name), JSON.stringify(name)).toBe(
        'Use visible characters only, without control or text-direction characters.',
      );
    }
  });

  it('compares names without case or compatibility differences', () => {
    expect(displayNameKey('Élan')).toBe(displayNameKey('élan'));
    expect(displayNameKey('ﬁle')).toBe(displayNameKey('FILE'));
    expect(displayNameKey('Élan')).not.toBe(displayNameKey('Elan'));
  });
});
