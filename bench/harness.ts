// Shared benchmark plumbing: a config for a throwaway database, an HTTP load runner
// (autocannon) and a table printer that shows each row relative to the baseline.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { loadConfig, type Config } from '../src/server/config.ts';

export function benchConfig(env: Record<string, string> = {}): Config {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-bench-'));
  return loadConfig({ NODE_ENV: 'test', LOTUS_DATA_DIR: dir, LOG_LEVEL: 'silent', LOTUS_FREE_REQUIRES_PHONE: 'false', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}), ...env });
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** Keeps `connections` requests in flight for `seconds`, cycling through `urls`, and
 * records every latency (exact percentiles, no histogram buckets). */
export async function loadHttp(
  url: string | string[],
  options: { connections?: number; seconds?: number; headers?: Record<string, string>; method?: string; body?: (i: number) => string } = {},
): Promise<LoadResult> {
  const urls = Array.isArray(url) ? url : [url];
  const origin = new URL(urls[0]!).origin;
  const paths = urls.map((u) => new URL(u).pathname + new URL(u).search);
  const connections = options.connections ?? 32;
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 10);
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const warmupEnd = performance.now() + Math.min(2000, seconds * 200);
  const end = warmupEnd + seconds * 1000;
  async function worker() {
    while (performance.now() < end) {
      const i = next++;
      const started = performance.now();
      try {
        const response = await pool.request({
          origin,
          path: paths[i % paths.length]!,
          method: (options.method ?? 'GET') as 'GET',
          headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
          ...(options.body ? { body: options.body(i) } : {}),
        });
        await response.body.text();
        if (response.statusCode >= 400) errors++;
      } catch {
        errors++;
      }
      if (started >= warmupEnd) latencies.push(performance.now() - started);
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}

export function printTable(title: string, rows: Array<{ name: string } & LoadResult>): void {
  const base = rows[0]!.rps || 1;
  const lines = [
    `\n${title}`,
    `| ${'run'.padEnd(34)} | ${'req/s'.padStart(9)} | ${'vs baseline'.padStart(11)} | ${'p50 ms'.padStart(7)} | ${'p95 ms'.padStart(7)} | ${'p99 ms'.padStart(7)} | ${'errors'.padStart(6)} |`,
    `|${'-'.repeat(36)}|${'-'.repeat(11)}|${'-'.repeat(13)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(8)}|`,
    ...rows.map(
      (r) =>
        `| ${r.name.padEnd(34)} | ${r.rps.toFixed(0).padStart(9)} | ${((r.rps / base) * 100).toFixed(0).padStart(10)}% | ${r.p50.toFixed(1).padStart(7)} | ${r.p95.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${String(r.errors).padStart(6)} |`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
