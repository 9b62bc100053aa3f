import { Ajv, type Options } from 'ajv';
import formats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const shared: Options = {
  // Unknown body fields are rejected (400), not silently stripped: contracts set additionalProperties: false.
  removeAdditional: false,
  // Every problem is reported per field; request size is bounded by bodyLimit and schema maxLengths.
  allErrors: true,
  useDefaults: true,
};

/**
 * Query strings, params and headers arrive as strings and need coercion ("2" → 2, "a" → ["a"]).
 * JSON bodies must not be coerced: with coercion `{ "quota": false }` validates as `null` ("unlimited")
 * against a nullable integer, and `0` can become `null` — bad input would silently change meaning.
 */
function createAjv(coerceTypes: Options['coerceTypes']) {
  const ajv = new Ajv({ ...shared, coerceTypes });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object with `default` on it.
  formats.default(ajv);
  return ajv;
}

export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = createAjv(false);
  const coercing = createAjv('array');
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object) as ReturnType<
      FastifySchemaCompiler<unknown>
    >;
}
