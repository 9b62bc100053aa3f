import { invalidRequest } from './errors.js';

/** A parsed form body or query string: repeated keys arrive as arrays. */
export type RawParams = Record<string, string | string[] | undefined>;

/**
 * Reads one OAuth parameter. RFC 6749 §3.1/§3.2: "Request and response parameters MUST NOT be
 * included more than once", and a parameter sent without a value is treated as omitted.
 */
export function singleParam(params: RawParams, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) throw invalidRequest(`The '${name}' parameter must not be repeated.`);
  return value === undefined || value === '' ? undefined : value;
}

export function requiredParam(params: RawParams, name: string): string {
  const value = singleParam(params, name);
  if (value === undefined) throw invalidRequest(`The '${name}' parameter is required.`);
  return value;
}

/** The first parameter that is repeated, if any — checked before anything else is read. */
export function repeatedParam(params: RawParams, names: readonly string[]): string | undefined {
  return names.find((name) => Array.isArray(params[name]));
}

/** Every value of a parameter that may be repeated (RFC 8707 `resource`); empty values are dropped. */
export function allParams(params: RawParams, name: string): string[] {
  const value = params[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.filter((item) => item !== '');
}
