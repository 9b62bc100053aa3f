/**
 * Names people read about someone else — an OAuth client's name and its developer's on the consent
 * screen, a developer's in the Dashboard — must read as what they are: something visible, and no
 * control characters or Unicode direction controls (embeddings, overrides, isolates and marks), which
 * can make "Acme\u202Eevil" display as another name. No TypeBox here: the portal's wizard imports it.
 */

/** Direction controls: LRE…RLO, LRI…PDI, and the marks LRM, RLM, ALM. */
const DIRECTION = '\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C';
const HIDDEN = `\\p{Cc}${DIRECTION}`;
/**
 * Nothing a reader sees: spaces, separators, format characters, lone combining marks, and the
 * blank-looking letters (Hangul fillers, the blank braille pattern).
 */
const INVISIBLE = '\\s\\p{Z}\\p{Cf}\\p{Cc}\\p{M}\\u115F\\u1160\\u3164\\uFFA0\\u2800';

/**
 * JSON schema `pattern` (matched with Unicode property escapes, as Ajv and TypeBox do): no hidden
 * character, and at least one visible one. Linear in the input's length — a lookahead finds a
 * visible character, then one class runs to the end — as it is also run on over-long input.
 */
export const DISPLAY_NAME_PATTERN = `^(?=[\\s\\S]*?[^${INVISIBLE}])[^${HIDDEN}]*$`;

const VISIBLE_NAME = new RegExp(DISPLAY_NAME_PATTERN, 'u');
const HAS_HIDDEN = new RegExp(`[${HIDDEN}]`, 'u');
/** In free text (a description) line breaks and tabs are fine; other controls and direction controls are not. */
const HIDDEN_IN_TEXT = new RegExp(`[${DIRECTION}\\0-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]`, 'u');

/** What is wrong with a display name: nothing visible in it, or a hidden character. */
export type DisplayNameIssue = 'blank' | 'hidden';

export function displayNameIssue(name: string): DisplayNameIssue | undefined {
  if (VISIBLE_NAME.test(name)) return undefined;
  return HAS_HIDDEN.test(name) ? 'hidden' : 'blank';
}

/** Why `name` cannot be a display name, in words for a form, or `undefined` when it can. */
export function displayNameProblem(name: string): string | undefined {
  const issue = displayNameIssue(name);
  if (issue === undefined) return undefined;
  return issue === 'hidden'
    ? 'Use visible characters only, without control or text-direction characters.'
    : 'Enter a name.';
}

/** Why free text shown to others (a client's description) cannot be used, or `undefined`. */
export function displayTextProblem(text: string): string | undefined {
  return HIDDEN_IN_TEXT.test(text)
    ? 'Use visible characters and line breaks only, without control or text-direction characters.'
    : undefined;
}

/** What two names are compared by: "Élan" and "élan", or "ﬁle" and "file", are the same name. */
export const displayNameKey = (name: string): string => name.normalize('NFKC').toLowerCase();
