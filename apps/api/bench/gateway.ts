/**
 * `pnpm bench` (second part; `pnpm --filter @portico/api bench:gateway` alone): the gateway against a
 * bare Fastify proxy (issue 6, "Performance"). In one run, on one machine, the same requests (with the
 * same bearer token) to the same upstream:
 *   1. bare proxy   `GET /gw/payments/charges`  — @fastify/reply-from, no checks;
 *   2. Portico      `GET /gw/payments/charges`  — every check (signature from the cache, revocation,
 *      audience, client, developer, subscription, scope, rate limit, quota), header rewriting
 *      (hop-by-hop, X-Forwarded-*, identity, RateLimit-*) and usage counting.
 * autocannon with 40 connections; each side is warmed up, then the two are measured alternately,
 * BENCH_ROUNDS times, so drift on a shared machine hits both. Reports req/s, p50, p99, the ratio, the
 * latency the gateway adds, and each proxy's CPU time per request (from `process.cpuUsage()` in the
 * server process: the least load-sensitive of these figures on a busy machine).
 *
 * Targets: gateway >= 80% of the bare proxy's req/s; p99 added latency < 2 ms.
 * Options (environment): BENCH_DURATION (seconds per measurement, default 10), BENCH_ROUNDS (3),
 * BENCH_CONNECTIONS (40).
 */
import type { ChildProcess } from 'node:child_process';
import type autocannon from 'autocannon';
import type { GatewayServerMessage } from './gateway-servers.js';
import { ask, CONNECTIONS, DURATION, fmt, loadServer, printTable, startServer, stopServer } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 5;
const TARGET_RATIO = 0.8;
const TARGET_ADDED_P99_MS = 2;

const start = (mode: string, ...args: string[]) =>
  startServer<GatewayServerMessage>('./gateway-servers.ts', [mode, ...args]);

interface Measurement {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  failed: number;
  /** Server CPU time per answered request, µs. */
  cpuPerRequest: number;
}

async function measure(
  server: ChildProcess,
  options: autocannon.Options,
  duration: number,
): Promise<Measurement> {
  const result = await loadServer(server, options, duration);
  return {
    requests: result.requests,
    reqPerSec: result.reqPerSec,
    p50: result.p50,
    p99: result.p99,
    failed: result.non2xx + result.errors,
    cpuPerRequest: result.cpuPerRequest,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Over the rounds: requests add up; rates and latencies are averaged; CPU per request is the median. */
function combine(runs: Measurement[]): Measurement {
  const n = runs.length;
  return {
    requests: runs.reduce((s, r) => s + r.requests, 0),
    reqPerSec: runs.reduce((s, r) => s + r.reqPerSec, 0) / n,
    p50: runs.reduce((s, r) => s + r.p50, 0) / n,
    p99: runs.reduce((s, r) => s + r.p99, 0) / n,
    failed: runs.reduce((s, r) => s + r.failed, 0),
    cpuPerRequest: median(runs.map((r) => r.cpuPerRequest)),
  };
}

async function main(): Promise<number> {
  console.info(
    `Gateway benchmark: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s per side, alternating (after a ${WARMUP} s warm-up each).\n`,
  );
  const upstream = await start('upstream');
  const target = `http://127.0.0.1:${upstream.ready.port}`;
  const bare = await start('bare-proxy', target);
  const portico = await start('portico', target);
  try {
    const path = `/gw/${(portico.ready.listenPath ?? '').replace(/^\/+|\/+$/g, '')}/charges`;
    // The same request to both: the bare proxy simply forwards the token it does not check.
    const headers = { authorization: `Bearer ${portico.ready.token}` };
    const bareOptions: autocannon.Options = { url: `http://127.0.0.1:${bare.ready.port}${path}`, headers };
    const gatewayOptions: autocannon.Options = {
      url: `http://127.0.0.1:${portico.ready.port}${path}`,
      headers,
    };

    await measure(bare.child, bareOptions, WARMUP);
    await measure(portico.child, gatewayOptions, WARMUP);
    const before = await ask<GatewayServerMessage, 'stats'>(portico.child, 'stats');
    const bareRuns: Measurement[] = [];
    const gatewayRuns: Measurement[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await measure(bare.child, bareOptions, DURATION));
      gatewayRuns.push(await measure(portico.child, gatewayOptions, DURATION));
    }
    const after = await ask<GatewayServerMessage, 'stats'>(portico.child, 'stats');
    const baseline = combine(bareRuns);
    const gateway = combine(gatewayRuns);

    const rows: Array<[string, Measurement]> = [
      [`bare proxy GET ${path}`, baseline],
      [`Portico gateway GET ${path} (all checks)`, gateway],
    ];
    printTable(rows, [
      { header: 'req/s', width: 9, value: (row) => fmt(row.reqPerSec) },
      { header: 'p50 ms', width: 7, value: (row) => fmt(row.p50, 1) },
      { header: 'p99 ms', width: 7, value: (row) => fmt(row.p99, 1) },
      { header: 'CPU µs/req', width: 10, value: (row) => fmt(row.cpuPerRequest, 1) },
      { header: 'requests', width: 9, value: (row) => fmt(row.requests) },
      { header: 'failed', width: 0, value: (row) => String(row.failed) },
    ]);
    console.info(
      `per round, req/s bare/gateway: ${bareRuns.map((r, i) => `${fmt(r.reqPerSec)}/${fmt(gatewayRuns[i]?.reqPerSec ?? 0)}`).join(', ')}`,
    );

    const ratio = gateway.reqPerSec / baseline.reqPerSec;
    const addedP50 = gateway.p50 - baseline.p50;
    const addedP99 = gateway.p99 - baseline.p99;
    const counted = after.usageRequests - before.usageRequests;
    console.info('');
    console.info(`ratio gateway/bare: ${fmt(ratio * 100, 1)}% (target >= ${TARGET_RATIO * 100}%)`);
    console.info(
      `CPU per request: ${fmt(gateway.cpuPerRequest, 1)} µs vs ${fmt(baseline.cpuPerRequest, 1)} µs (+${fmt(gateway.cpuPerRequest - baseline.cpuPerRequest, 1)} µs for the checks)`,
    );
    console.info(
      `added latency: p50 ${fmt(addedP50, 2)} ms, p99 ${fmt(addedP99, 2)} ms (target p99 < ${TARGET_ADDED_P99_MS} ms)`,
    );
    console.info(
      `requests counted in usage during the run: ${fmt(counted)} (answered: ${fmt(gateway.requests)})`,
    );

    const problems: string[] = [];
    if (gateway.failed > 0) problems.push(`${gateway.failed} gateway requests failed`);
    // Requests still in flight when autocannon stops are counted but not reported as answered.
    if (counted < gateway.requests) problems.push('usage counted fewer requests than were answered');
    if (ratio < TARGET_RATIO) problems.push('throughput ratio below target');
    if (addedP99 >= TARGET_ADDED_P99_MS) problems.push('added p99 latency above target');
    console.info(problems.length === 0 ? '\nResult: targets met.' : `\nResult: ${problems.join('; ')}.`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await Promise.all([stopServer(bare.child), stopServer(portico.child)]);
    await stopServer(upstream.child);
  }
}

process.exitCode = await main();
