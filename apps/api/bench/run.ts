/**
 * `pnpm bench` (first part): the token endpoint against a bare Fastify hello-world, measured in the
 * same run on the same machine (issue 5, "Performance"). Starts both servers in child processes
 * (`servers.ts`), warms each up, then runs autocannon with 40 connections against:
 *   1. bare Fastify `GET /`,
 *   2. Portico `POST /oauth/token` with `grant_type=client_credentials` (client_secret_basic),
 * alternately (bare, token, bare, token) so drift on a shared machine hits both, and prints req/s,
 * p50, p99 and the ratio. Every token is persisted (`access_tokens`, by `jti`) and audited; the run
 * checks that the database holds one token per successful request.
 *
 * Target: token endpoint >= 25% of bare Fastify's req/s, p99 < 25 ms. A missed target is reported;
 * failed requests or tokens that were not persisted and audited fail the run (exit code 1).
 * Options (environment): BENCH_DURATION (seconds per measurement, default 10), BENCH_CONNECTIONS (40).
 */

import type { ChildProcess } from 'node:child_process';
import type autocannon from 'autocannon';
import {
  ask,
  CONNECTIONS,
  DURATION,
  fmt,
  type LoadResult,
  loadServer,
  printTable,
  startServer,
  stopServer,
} from './lib.js';
import type { ServerMessage } from './servers.js';

const WARMUP = 3;
const ROUNDS = 2;
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 25;

const start = (mode: 'bare' | 'portico') => startServer<ServerMessage>('./servers.ts', [mode]);

interface Measurement extends LoadResult {
  label: string;
  /** The server's CPU time (all its threads) per request, µs: unlike req/s, barely moved by load. */
  cpuPerRequest: number;
}

async function measure(
  label: string,
  server: ChildProcess,
  options: autocannon.Options,
  duration: number,
): Promise<Measurement> {
  return { label, ...(await loadServer(server, options, duration)) };
}

/** Several runs of one endpoint as one: total requests, mean req/s, the worst p50 and p99. */
function combine(runs: Measurement[]): Measurement {
  const first = runs[0]!;
  return {
    label: first.label,
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    reqPerSec: runs.reduce((sum, run) => sum + run.reqPerSec, 0) / runs.length,
    p50: Math.max(...runs.map((run) => run.p50)),
    p99: Math.max(...runs.map((run) => run.p99)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpuPerRequest: runs.reduce((sum, run) => sum + run.cpuPerRequest, 0) / runs.length,
  };
}

async function main(): Promise<number> {
  console.info(
    `Token endpoint benchmark: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s per side, alternating (after a ${WARMUP} s warm-up each).\n`,
  );
  const bare = await start('bare');
  const portico = await start('portico');
  try {
    const bareOptions: autocannon.Options = { url: `http://127.0.0.1:${bare.ready.port}/` };
    const credentials = Buffer.from(
      `${encodeURIComponent(portico.ready.clientId ?? '')}:${encodeURIComponent(portico.ready.clientSecret ?? '')}`,
    ).toString('base64');
    const tokenOptions: autocannon.Options = {
      url: `http://127.0.0.1:${portico.ready.port}/oauth/token`,
      method: 'POST',
      headers: {
        authorization: `Basic ${credentials}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    };

    // Reference only: Portico's cheapest route, i.e. what its plugins (helmet, ...) cost per request.
    const floorOptions: autocannon.Options = { url: `http://127.0.0.1:${portico.ready.port}/healthz` };

    await measure('warm-up', bare.child, bareOptions, WARMUP);
    await measure('warm-up', portico.child, tokenOptions, WARMUP);
    const before = await ask<ServerMessage, 'stats'>(portico.child, 'stats');
    const bareRuns: Measurement[] = [];
    const tokenRuns: Measurement[] = [];
    const floorRuns: Measurement[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await measure('bare Fastify GET /', bare.child, bareOptions, DURATION));
      tokenRuns.push(
        await measure('POST /oauth/token (client_credentials)', portico.child, tokenOptions, DURATION),
      );
      floorRuns.push(
        await measure('Portico GET /healthz (reference)', portico.child, floorOptions, DURATION / 2),
      );
    }
    const after = await ask<ServerMessage, 'stats'>(portico.child, 'stats');
    const baseline = combine(bareRuns);
    const token = combine(tokenRuns);
    const floor = combine(floorRuns);

    printTable(
      [baseline, token, floor].map((row): [string, Measurement] => [row.label, row]),
      [
        { header: 'req/s', width: 9, value: (row) => fmt(row.reqPerSec) },
        { header: 'p50 ms', width: 7, value: (row) => fmt(row.p50, 1) },
        { header: 'p99 ms', width: 7, value: (row) => fmt(row.p99, 1) },
        { header: 'CPU µs/req', width: 10, value: (row) => fmt(row.cpuPerRequest, 1) },
        { header: 'requests', width: 9, value: (row) => fmt(row.requests) },
        { header: 'non-2xx', width: 0, value: (row) => String(row.non2xx + row.errors) },
      ],
    );

    const ratio = token.reqPerSec / baseline.reqPerSec;
    const persisted = after.accessTokens - before.accessTokens;
    const audited = after.tokenAuditEvents - before.tokenAuditEvents;
    const issued = token.requests - token.non2xx;
    console.info('');
    console.info(`ratio token/bare: ${fmt(ratio * 100, 1)}% (target >= ${TARGET_RATIO * 100}%)`);
    console.info(`token p99: ${fmt(token.p99, 1)} ms (target < ${TARGET_P99_MS} ms)`);
    console.info(
      `server CPU per request: token ${fmt(token.cpuPerRequest, 1)} µs, bare ${fmt(baseline.cpuPerRequest, 1)} µs (${fmt((baseline.cpuPerRequest / token.cpuPerRequest) * 100, 1)}%; req/s depends on the load generator too)`,
    );
    console.info(
      `for reference, Portico's cheapest route reaches ${fmt((floor.reqPerSec / baseline.reqPerSec) * 100, 1)}% of bare Fastify`,
    );
    console.info(
      `tokens persisted during the run: ${fmt(persisted)} (audit events: ${fmt(audited)}, 2xx answers: ${fmt(issued)})`,
    );

    // Correctness problems fail the run; a missed performance target is reported (it is a benchmark,
    // not a timed test, and the figures depend on the machine).
    const failures: string[] = [];
    if (token.non2xx > 0 || token.errors > 0)
      failures.push(`${token.non2xx + token.errors} token requests failed`);
    // Requests still in flight when autocannon stops are persisted but not counted as answered.
    if (persisted < issued || audited !== persisted)
      failures.push('not every issued token was persisted and audited');
    const missed: string[] = [];
    if (ratio < TARGET_RATIO) missed.push('throughput ratio below target');
    if (token.p99 >= TARGET_P99_MS) missed.push('p99 latency above target');
    if (failures.length > 0) console.error(`\nResult: FAILED: ${failures.join('; ')}.`);
    else
      console.info(
        missed.length === 0 ? '\nResult: targets met.' : `\nResult: correct; ${missed.join('; ')}.`,
      );
    return failures.length === 0 ? 0 : 1;
  } finally {
    await Promise.all([stopServer(bare.child), stopServer(portico.child)]);
  }
}

process.exitCode = await main();
