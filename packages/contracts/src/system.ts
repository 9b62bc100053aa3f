import { type Static, Type } from 'typebox';

/** `GET /healthz`: the process is up. */
export const HealthResponse = Type.Object({ status: Type.Literal('ok') });
export type HealthResponse = Static<typeof HealthResponse>;

/** `GET /readyz`: the process can serve traffic (the database answers). */
export const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Object({ database: Type.Boolean() }),
});
export type ReadyResponse = Static<typeof ReadyResponse>;

/** `/_echo/*`: a built-in upstream that reflects the request, used by the demo APIs behind the gateway. */
export const EchoResponse = Type.Object({
  method: Type.String(),
  path: Type.String(),
  query: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
  headers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
  body: Type.Optional(Type.Unknown()),
});
export type EchoResponse = Static<typeof EchoResponse>;
