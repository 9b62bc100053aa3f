import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The only module that reads `process.env` (STYLE.md: config is parsed and validated once, in one file).
 * `loadConfig` is pure: it takes the environment as an argument so tests can pass their own object.
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface RateLimitRule {
  /** Requests allowed per window and per client IP. */
  max: number;
  windowMs: number;
}

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the SQLite database file, or `:memory:`. */
  dbFile: string;
  /** Public origin (no trailing slash), e.g. `https://portico.example.com`. Used as the OAuth `iss`. */
  issuer: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  demo: boolean;
  cookieSecure: boolean;
  logLevel: LogLevel;
  /** Signs session JWTs; when absent a random secret is generated once and persisted in the database. */
  sessionSecret: string | undefined;
  /** Folder holding the built portal (`index.html` + assets). */
  webDir: string;
  /**
   * Per address. `authorize`: every valid authorization request is stored (10 minutes) before anyone
   * signs in, so an anonymous caller must not be able to fill the database with them.
   */
  rateLimit: { login: RateLimitRule; register: RateLimitRule; authorize: RateLimitRule };
  /** Trust `X-Forwarded-*` from a reverse proxy (Fastify `trustProxy`): `true` or a list of proxy addresses. */
  trustProxy: boolean | string;
  /** Lifetime of a browser session. */
  sessionTtlMs: number;
  /** Gateway: how long an upstream may take to send its response headers (and between body chunks); then 504. */
  gatewayUpstreamTimeoutMs: number;
  /**
   * Gateway: a PEM file of CA certificates trusted for HTTPS upstreams besides Node's bundled roots
   * (an internal CA). Upstream certificates are always verified.
   */
  gatewayUpstreamCaFile: string | undefined;
  /** The authorization server (issue 5). */
  oauth: OAuthConfig;
  /** The retention sweep (`services/retention.ts`). */
  retention: RetentionConfig;
}

export interface RetentionConfig {
  /** How often the server deletes expired rows and old audit events; 0 = never (run `db:sweep`). */
  intervalMs: number;
  /** Expired tokens, codes, consent requests and sessions are kept this long after they expire. */
  expiredGraceMs: number;
  /** Audit events are kept this long; null = forever. */
  auditMaxAgeMs: number | null;
}

export interface OAuthConfig {
  /** Algorithm of signing keys generated on first start and by `keys:rotate` (RFC 9068 §2.1). */
  signingAlgorithm: 'ES256' | 'RS256';
  /** Authorization code lifetime (RFC 6749 §4.1.2: short; single use). */
  codeTtlMs: number;
  /** How long the consent screen may stay open. */
  authorizeRequestTtlMs: number;
  /** How often the server re-reads its signing keys (a CLI rotation takes effect within this time). */
  keyReloadMs: number;
  /** Brute-force limits on failed client authentication at /oauth/token, /revoke and /introspect. */
  authFailures: { perClient: RateLimitRule; perAddress: RateLimitRule };
}

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

/** The portal build, resolved relative to this package so it works from `src/` (tsx) and `dist/` (node). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../portal/dist', import.meta.url));

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function str(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be 1 or 0 (or true/false), got "${raw}"`);
}

function origin(env: Env, name: string, fallback: string): string {
  const raw = str(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      name,
      `must be an absolute http(s) URL such as https://portico.example.com, got "${raw}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must use http or https, got "${url.protocol}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, 'must not contain credentials, a query or a fragment');
  }
  // RFC 8414 §3.1: an issuer with a path has its metadata at /.well-known/oauth-authorization-server/<path>,
  // and the portal, the API and the gateway are served from the root: an origin only.
  if (url.pathname !== '/') {
    throw new ConfigError(
      name,
      `must be an origin such as https://portico.example.com, without a path (got "${raw}")`,
    );
  }
  // RFC 8414 §2: the issuer is compared as a string, so normalise away a trailing slash once here.
  return url.href.replace(/\/+$/, '');
}

function email(env: Env, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  if (!/^[^\s@]+@[^\s@]+$/.test(raw)) throw new ConfigError(name, `must be an email address, got "${raw}"`);
  return raw.toLowerCase();
}

function trustProxy(env: Env, name: string): boolean | string {
  const raw = str(env, name);
  if (raw === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  // A comma-separated list of trusted proxy addresses or CIDR ranges.
  if (/^[0-9a-f.:/,\s]+$/i.test(raw)) return raw;
  throw new ConfigError(
    name,
    `must be true/false or a comma-separated list of proxy addresses, got "${raw}"`,
  );
}

export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const port = int(env, 'PORT', 3000, 0, 65_535);
  const issuer = origin(env, 'PORTICO_ISSUER', `http://localhost:${port}`);
  const logLevel = (str(env, 'PORTICO_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new ConfigError('PORTICO_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const adminPassword = str(env, 'PORTICO_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('PORTICO_ADMIN_PASSWORD', 'must be at least 12 characters long');
  }
  const sessionSecret = str(env, 'PORTICO_SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new ConfigError('PORTICO_SESSION_SECRET', 'must be at least 32 characters long');
  }
  const dbFile = str(env, 'PORTICO_DB_FILE') ?? './data/portico.db';
  const webDir = str(env, 'PORTICO_WEB_DIR');
  const upstreamCaFile = str(env, 'PORTICO_GATEWAY_CA_FILE');

  return {
    port,
    host: str(env, 'HOST') ?? '0.0.0.0',
    dbFile: dbFile === ':memory:' || isAbsolute(dbFile) ? dbFile : resolve(cwd, dbFile),
    issuer,
    adminEmail: email(env, 'PORTICO_ADMIN_EMAIL'),
    adminPassword,
    demo: bool(env, 'PORTICO_DEMO', false),
    cookieSecure: bool(env, 'PORTICO_COOKIE_SECURE', issuer.startsWith('https:')),
    logLevel: logLevel as LogLevel,
    sessionSecret,
    webDir: webDir === undefined ? DEFAULT_WEB_DIR : resolve(cwd, webDir),
    rateLimit: {
      login: { max: int(env, 'PORTICO_LOGIN_RATE_LIMIT', 10, 1, 100_000), windowMs: MINUTE },
      register: { max: int(env, 'PORTICO_REGISTER_RATE_LIMIT', 10, 1, 100_000), windowMs: MINUTE },
      authorize: { max: int(env, 'PORTICO_AUTHORIZE_RATE_LIMIT', 300, 1, 100_000), windowMs: MINUTE },
    },
    trustProxy: trustProxy(env, 'PORTICO_TRUST_PROXY'),
    sessionTtlMs: int(env, 'PORTICO_SESSION_TTL_HOURS', 24 * 7, 1, 24 * 365) * 60 * MINUTE,
    gatewayUpstreamTimeoutMs: int(env, 'PORTICO_GATEWAY_TIMEOUT_MS', 30_000, 100, 600_000),
    gatewayUpstreamCaFile: upstreamCaFile === undefined ? undefined : resolve(cwd, upstreamCaFile),
    oauth: {
      signingAlgorithm: signingAlgorithm(env, 'PORTICO_SIGNING_ALG'),
      codeTtlMs: 60_000,
      authorizeRequestTtlMs: 10 * MINUTE,
      keyReloadMs: 10_000,
      authFailures: {
        perClient: { max: int(env, 'PORTICO_OAUTH_CLIENT_AUTH_FAILURES', 10, 1, 100_000), windowMs: MINUTE },
        perAddress: {
          max: int(env, 'PORTICO_OAUTH_ADDRESS_AUTH_FAILURES', 30, 1, 100_000),
          windowMs: MINUTE,
        },
      },
    },
    retention: {
      intervalMs: int(env, 'PORTICO_RETENTION_INTERVAL_MINUTES', 60, 0, 24 * 60) * MINUTE,
      expiredGraceMs: DAY,
      // A year by default, as audit trails are commonly required to be kept (e.g. PCI DSS 10.5.1).
      auditMaxAgeMs: int(env, 'PORTICO_AUDIT_RETENTION_DAYS', 365, 0, 36_500) * DAY || null,
    },
  };
}

function signingAlgorithm(env: Env, name: string): OAuthConfig['signingAlgorithm'] {
  const raw = str(env, name)?.toUpperCase() ?? 'ES256';
  if (raw !== 'ES256' && raw !== 'RS256') throw new ConfigError(name, `must be ES256 or RS256, got "${raw}"`);
  return raw;
}

/**
 * Reads the real process environment. `defaults` fill in variables the environment leaves unset
 * (the demo start script turns demo data on this way, while `PORTICO_DEMO=0` still wins).
 */
export function loadConfigFromEnv(defaults: Env = {}): Config {
  return loadConfig({ ...defaults, ...process.env });
}
