import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const shared: Options = {
  // Unknown body fields are rejected (400), not silently stripped: contracts set additionalProperties: false.
  removeAdditional: false,
  useDefaults: true,
};

/** The most validation problems one answer lists (and logs). */
export const MAX_REPORTED_ERRORS = 20;

/**
 * Input with more nodes (objects, arrays and values) than this gets only the first problem found.
 * Every real request is far smaller; the bound is on an attacker's: with `allErrors`, Ajv reports
 * every unknown field of a 1 MB body (~95,000 of them), which took ~200 ms of the event loop and
 * a 5 MB answer, against ~15 ms for the first problem.
 */
const MAX_NODES_FOR_ALL_ERRORS = 1_000;

/**
 * Query strings, params and headers arrive as strings and need coercion ("2" → 2, "a" → ["a"]).
 * JSON bodies must not be coerced: with coercion `{ "quota": false }` validates as `null` ("unlimited")
 * against a nullable integer, and `0` can become `null` — bad input would silently change meaning.
 */
function createAjv(coerceTypes: Options['coerceTypes'], allErrors: boolean) {
  const ajv = new Ajv({ ...shared, coerceTypes, allErrors });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object with `default` on it.
  formats.default(ajv);
  return ajv;
}

/** Whether `value` has at most `limit` nodes; stops counting beyond. */
export function hasAtMostNodes(value: unknown, limit: number): boolean {
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length > 0) {
    if (++count > limit) return false;
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node.slice(0, limit));
    else if (typeof node === 'object' && node !== null) {
      for (const key in node) {
        if (stack.length > limit) break;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return true;
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Validates with the first problem found, which is all valid input costs; on failure, reports every
 * problem per field (up to `MAX_REPORTED_ERRORS`), unless the input is too big to go through twice.
 */
function reportingAllErrors(firstError: ValidateFunction, allErrors: () => ValidateFunction): Validate {
  const validate: Validate = (data) => {
    if (firstError(data)) {
      validate.errors = null;
      return true;
    }
    let errors = firstError.errors ?? [];
    if (hasAtMostNodes(data, MAX_NODES_FOR_ALL_ERRORS)) {
      const every = allErrors();
      every(data);
      errors = every.errors ?? errors;
    }
    validate.errors = errors.slice(0, MAX_REPORTED_ERRORS);
    return false;
  };
  return validate;
}

export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const ajv = {
    body: { first: createAjv(false, false), all: createAjv(false, true) },
    other: { first: createAjv('array', false), all: createAjv('array', true) },
  };
  return ({ schema, httpPart }) => {
    const { first, all } = httpPart === 'body' ? ajv.body : ajv.other;
    let every: ValidateFunction | undefined;
    // The all-errors twin is compiled when first needed: most routes never see invalid input.
    return reportingAllErrors(first.compile(schema as object), () => {
      every ??= all.compile(schema as object);
      return every;
    }) as ReturnType<FastifySchemaCompiler<unknown>>;
  };
}
