import { describe, expect, it } from 'vitest';
import {
  DISPLAY_NAME_PATTERN,
  displayNameKey,
  displayNameProblem,
  displayTextProblem,
} from './display-name.js';

describe('display names', () => {
  it('accepts anything visible, in any script, emoji sequences included', () => {
    for (const name of ['Ada', 'Zoë Café', '李小龍', 'محمد', 'Shop 🛒', 'Team 👩‍💻', 'A\u00a0B']) {
      expect(displayNameProblem(name), name).toBeUndefined();
    }
  });

  it('asks for a name when nothing would be seen', () => {
    for (const name of [
      '',
      '   ',
      '\u200b',
      '\u00a0\ufeff',
      '\u2060\u200d',
      '\u3164',
      '\u2800',
      '\u0301\u0301',
    ]) {
      expect(displayNameProblem(name), JSON.stringify(name)).toBe('Enter a name.');
    }
  });

  it('refuses control characters and direction overrides or isolates', () => {
    for (const name of [
      'Shop\u0000',
      'Sh\nop',
      'Acme \u202egnp.exe',
      'Acme\u2066x\u2069',
      'a\u202ab',
      'Acme\u200f',
      '\u061cAcme',
    ]) {
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

  it('checks free text for hidden characters but allows line breaks', () => {
    expect(displayTextProblem('Line one\nLine two\r\n\tindented')).toBeUndefined();
    for (const text of ['Nice\u202e app', 'bell\u0007', 'mark\u200e']) {
      expect(displayTextProblem(text), JSON.stringify(text)).toBe(
        'Use visible characters and line breaks only, without control or text-direction characters.',
      );
    }
  });

  // The schema runs the pattern even on input far over maxLength (Ajv reports every error). The
  // first version backtracked quadratically: 200,000 characters ending in a direction override
  // took over a minute, blocking the event loop. Linear, this takes milliseconds.
  it('matches in linear time on long input', { timeout: 10_000 }, () => {
    const pattern = new RegExp(DISPLAY_NAME_PATTERN, 'u');
    for (const tail of ['\u202e', '\u0000']) {
      const long = `${'a'.repeat(200_000)}${tail}`;
      expect(pattern.test(long)).toBe(false);
      expect(displayNameProblem(long)).toBe(
        'Use visible characters only, without control or text-direction characters.',
      );
    }
  });
});
