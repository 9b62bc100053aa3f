/**
 * What both benchmark drivers (`run.ts`, `gateway.ts`) share: forking the measured servers, talking to
 * them over the IPC channel, running autocannon and printing the results. The servers' own setup is in
 * `server-lib.ts`, so this side never loads the app it measures.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const DURATION = Number(process.env.BENCH_DURATION ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 40);

/** What every server process says over IPC: at least that it is ready, and on which port. */
export type Message = { type: string } & Record<string, unknown>;
type Ready<M extends Message> = Extract<M, { type: 'ready' }>;

/**
 * Forks `script` (a file next to this one) with `args` and waits for its `ready` message. The child
 * inherits tsx's loader and the `@portico/source` condition through `execArgv`.
 */
export function startServer<M extends Message>(
  script: string,
  args: string[],
): Promise<{ child: ChildProcess; ready: Ready<M> }> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited early (${code})`)));
    child.on('message', (message: M) => {
      if (message.type === 'ready') resolve({ child, ready: message as Ready<M> });
    });
  });
}

/** Sends `{ type }` to the server and resolves with its answer of the same type. */
export function ask<M extends Message, T extends M['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve) => {
    const onMessage = (message: M) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as Extract<M, { type: T }>);
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

/** What a server answers to `{ type: 'cpu' }` (see `answerCpuQueries` in `server-lib.ts`). */
export type CpuMessage = { type: 'cpu'; micros: number };

/** The server's CPU time so far (user + system, all threads, µs): per request, it is robust to load. */
const cpuMicros = async (child: ChildProcess): Promise<number> =>
  (await ask<CpuMessage, 'cpu'>(child, 'cpu')).micros;

/** Disconnecting is the servers' signal to close (and delete their temporary database). */
export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.disconnect();
  });
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

/** One autocannon run of `duration` seconds with CONNECTIONS connections. */
export async function load(options: autocannon.Options, duration: number): Promise<LoadResult> {
  const result = await autocannon({ connections: CONNECTIONS, duration, ...options });
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A right-aligned column of the results table; the last one is usually left unpadded (width 0). */
export interface Column<R> {
  header: string;
  width: number;
  value: (row: R) => string;
}

/** Prints the results: a left-aligned label column, then `columns`, two spaces apart. */
export function printTable<R>(rows: Array<[string, R]>, columns: Column<R>[]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  const line = (label: string, cells: string[]) =>
    [label.padEnd(width), ...cells.map((cell, i) => cell.padStart(columns[i]?.width ?? 0))].join('  ');
  console.info(
    line(
      'endpoint',
      columns.map((column) => column.header),
    ),
  );
  for (const [label, row] of rows) {
    console.info(
      line(
        label,
        columns.map((column) => column.value(row)),
      ),
    );
  }
}

/** `load`, plus the `server` process's CPU time per request (µs): unlike req/s, barely moved by load. */
export async function loadServer(
  server: ChildProcess,
  options: autocannon.Options,
  duration: number,
): Promise<LoadResult & { cpuPerRequest: number }> {
  const before = await cpuMicros(server);
  const result = await load(options, duration);
  const after = await cpuMicros(server);
  return { ...result, cpuPerRequest: (after - before) / Math.max(1, result.requests) };
}
