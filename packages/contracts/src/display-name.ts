/**
 * Names people read about someone else — an OAuth client's name and its developer's on the consent
 * screen, a developer's in the Dashboard — must read as what they are: something visible, and no
 * control characters or Unicode direction overrides/isolates (U+202A–U+202E, U+2066–U+2069), which
 * can make "Acme\u202Eevil" display as another name. No TypeBox here: the portal's wizard imports it.
 */

const HIDDEN = '\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069';
/** Spaces, separators and invisible format characters: nothing a reader sees. */
const INVISIBLE = '\\s\\p{Z}\\p{Cf}\\p{Cc}';

/** JSON schema `pattern` (matched with Unicode property escapes, as Ajv and TypeBox do). */
export const DISPLAY_NAME_PATTERN = `^[^${HIDDEN}]*[^${INVISIBLE}][^${HIDDEN}]*$`;

const VISIBLE_NAME = new RegExp(DISPLAY_NAME_PATTERN, 'u');
const HAS_HIDDEN = new RegExp(`[${HIDDEN}]`, 'u');

/** Why `name` cannot be a display name, in words for a form, or `undefined` when it can. */
export function displayNameProblem(name: string): string | undefined {
  if (VISIBLE_NAME.test(name)) return undefined;
  return HAS_HIDDEN.test(name)
    ? 'Use visible characters only, without control or text-direction characters.'
    : 'Enter a name.';
}

/** What two names are compared by: "Élan" and "élan", or "ﬁle" and "file", are the same name. */
export const displayNameKey = (name: string): string => name.normalize('NFKC').toLowerCase();
