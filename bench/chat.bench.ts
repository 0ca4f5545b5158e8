// `npm run bench -- chat`: consultation chat at scale. 1,000 consultation pairs (2,000
// sockets) exchange 500 messages/s for 60 s with persistence, on SQLite in one process,
// then on PostgreSQL + Redis across two processes (patients' sockets and posts on one,
// doctors' on the other, so every delivery crosses Redis); beside a bare `ws` relay
// measured in the same run. Then a saturation run (a fixed number of messages in flight)
// and the server's heap per idle socket at 10,000 sockets.
// Knobs: BENCH_PAIRS, BENCH_SECONDS, BENCH_RATE, BENCH_SATURATION_SECONDS, BENCH_IDLE_SOCKETS,
// BENCH_ONLY (some of relay,sqlite,postgres,heap), BENCH_PROFILE (a folder for the servers' CPU
// profiles), BENCH_TRACE=1 (latency per second of sending, to see a backlog build up);
// PostgreSQL and Redis from TEST_DATABASE_URL and TEST_REDIS_URL (that row is skipped, and
// says so, without them). Servers and clients run in separate processes.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Pool } from 'undici';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase, startLotus, type ServerProcess } from '../test/multinode/server-process.ts';
import type { Bench } from './index.ts';
import { offlineRegistryEnv, seedPairs, type Pair } from './chat.setup.ts';
import { startRelay, type IdleSpec, type LoadResult, type LoadSpec, type PhaseResult } from './chat.load.ts';

// Each doctor here holds ~100 chats and posts far more than the 120 messages a minute one
// person may; the limiter still runs on every post, with a ceiling the load stays under.
// BENCH_PROFILE=DIR writes each server process's CPU profile there (open in Chrome DevTools).
const serverEnv: Record<string, string> = { LOTUS_MESSAGES_PER_MINUTE: '1000000', LOTUS_FREE_REQUIRES_PHONE: 'false' };
const serverOptions = process.env.BENCH_PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] } : {};
const here = path.dirname(fileURLToPath(import.meta.url));
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const log = (line: string) => process.stdout.write(line + '\n');

function child(mode: 'relay' | 'load' | 'idle'): ChildProcess {
  return fork(path.join(here, 'chat.load.ts'), [mode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function nextMessage<T>(proc: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string; message?: string }) => {
      if (m.type === type) {
        proc.off('message', onMessage);
        resolve(m as T);
      } else if (m.type === 'error') reject(new Error(m.message));
    };
    proc.on('message', onMessage);
    proc.once('exit', (code) => reject(new Error(`${type}: the child process exited (${code})`)));
  });
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const proc = child('load');
  const result = nextMessage<{ result: LoadResult }>(proc, 'result');
  proc.send(spec);
  return (await result).result;
}

function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap and RSS growth of *this* process (the server) per socket held by a child. */
async function heapPerSocket(spec: IdleSpec, gc: () => void): Promise<{ heap: number; rss: number }> {
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 100));
    }
    return process.memoryUsage();
  };
  const before = await settle();
  const proc = child('idle');
  const ready = nextMessage(proc, 'ready');
  proc.send(spec);
  await ready;
  await new Promise((r) => setTimeout(r, 1000));
  const after = await settle();
  proc.send({ type: 'close' });
  await new Promise((r) => proc.once('exit', r));
  return { heap: (after.heapUsed - before.heapUsed) / spec.count, rss: (after.rss - before.rss) / spec.count };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux), or null. */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface PostResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** CPU milliseconds per stored message, for each server process. */
  cpuPerMessage: number[];
}

/** Stored messages at saturation: `connections` POSTs in flight for `seconds` (closed loop),
 * over `conversations` pairs, the sender alternating; patients' posts go to `patientBase`,
 * doctors' to `doctorBase`. Counts 201s; CPU of the given server processes per message. */
async function postSaturation(spec: { pairs: Pair[]; patientBase: string; doctorBase: string; connections: number; seconds: number; pids: Array<number | undefined>; tag: string }): Promise<PostResult> {
  const pools = new Map<string, Pool>();
  const poolFor = (base: string) => {
    let pool = pools.get(base);
    if (!pool) pools.set(base, (pool = new Pool(base, { connections: spec.connections, pipelining: 1 })));
    return pool;
  };
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  let stored = 0;
  const warmupEnd = performance.now() + Math.min(2000, spec.seconds * 200);
  const end = warmupEnd + spec.seconds * 1000;
  let cpuBefore: Array<number | null> = [];
  const timer = setTimeout(() => (cpuBefore = spec.pids.map(cpuSecondsOf)), warmupEnd - performance.now());
  const n = spec.pairs.length;
  async function worker() {
    while (performance.now() < end) {
      const i = next++;
      const pair = spec.pairs[i % n]!;
      const fromDoctor = Math.floor(i / n) % 2 === 1;
      const member = fromDoctor ? pair.doctor : pair.patient;
      const started = performance.now();
      try {
        const response = await poolFor(fromDoctor ? spec.doctorBase : spec.patientBase).request({
          path: `/api/conversations/${pair.conversationId}/messages`,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(member.token ? { authorization: `Bearer ${member.token}` } : {}) },
          body: JSON.stringify({ clientId: `${spec.tag}${i}`, text: `Benchmark message ${i}: how are you feeling since this morning?` }),
        });
        await response.body.text();
        if (response.statusCode !== 201) errors++;
        else if (started >= warmupEnd) stored++;
      } catch {
        errors++;
      }
      if (started >= warmupEnd) latencies.push(performance.now() - started);
    }
  }
  await Promise.all(Array.from({ length: spec.connections }, worker));
  clearTimeout(timer);
  const cpuAfter = spec.pids.map(cpuSecondsOf);
  await Promise.all([...pools.values()].map((p) => p.close()));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    rps: stored / spec.seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
    cpuPerMessage: cpuAfter.map((after, k) => (after !== null && cpuBefore[k] != null && stored > 0 ? ((after - cpuBefore[k]!) * 1000) / stored : NaN)),
  };
}

const RELAY = 'bare ws relay (baseline)';
const BARE_ROUTE = 'bare POST route (baseline)';
const ms = (v: number) => v.toFixed(1).padStart(7);
const pad = (s: string, n: number) => s.padEnd(n);

const bench: Bench = {
  summary: 'consultation chat: 1,000 pairs at 500 msg/s on SQLite and on PostgreSQL + Redis (2 processes) vs a bare ws relay; heap per idle socket',
  async run() {
    const pairs = num('BENCH_PAIRS', 1000);
    const seconds = num('BENCH_SECONDS', 60);
    const rate = num('BENCH_RATE', 500);
    const saturationSeconds = num('BENCH_SATURATION_SECONDS', 15);
    const saturationWidth = num('BENCH_SATURATION_WIDTH', 64);
    const idleSockets = num('BENCH_IDLE_SOCKETS', 10_000);
    const postSeconds = num('BENCH_POST_SECONDS', 10);
    const postConnections = num('BENCH_POST_CONNECTIONS', 32);
    const postConversations = num('BENCH_POST_CONVERSATIONS', 64);
    const posts: Array<{ name: string; result: PostResult }> = [];
    const saturate = (name: string, pairList: Pair[], patientBase: string, doctorBase: string, pids: Array<number | undefined>) =>
      postSaturation({ pairs: pairList.slice(0, postConversations), patientBase, doctorBase, connections: postConnections, seconds: postSeconds, pids, tag: `s${posts.length}${Math.random().toString(36).slice(2, 8)}-` }).then((result) => {
        posts.push({ name, result });
      });
    const warmupSeconds = Math.min(5, Math.max(1, seconds / 10));
    const pgUrl = process.env.TEST_DATABASE_URL;
    const redisUrl = process.env.TEST_REDIS_URL;
    const phase = { rate, seconds, warmupSeconds, saturationSeconds, saturationWidth };
    const rows: Array<{ name: string; result: LoadResult }> = [];
    const notes: string[] = [];
    const cleanups: Array<() => Promise<void>> = [];

    try {
      const only = (part: string) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(part);
      // 1. The baseline: a bare ws relay in its own process, the same sockets and rate.
      if (only('relay')) {
        log(`bare ws relay: ${pairs * 2} sockets…`);
        const relay = child('relay');
        const { port, httpPort } = await nextMessage<{ port: number; httpPort: number }>(relay, 'listening');
        const fakePairs = Array.from({ length: pairs }, (_, i) => ({ conversationId: `pair${i}`, patient: { id: 'p', token: '' }, doctor: { id: 'd', token: '' }, lastSeq: 0 }));
        const relayBase = `http://127.0.0.1:${port}`;
        rows.push({ name: RELAY, result: await load({ kind: 'bare', pairs: fakePairs, patientServer: relayBase, doctorServer: relayBase, ...phase }) });
        log(`bare POST route: ${postConnections} connections for ${postSeconds} s…`);
        const bareBase = `http://127.0.0.1:${httpPort}`;
        await saturate(BARE_ROUTE, fakePairs, bareBase, bareBase, [relay.pid]);
        relay.send({ type: 'close' });
      }

      // 2. One Lotus process on a SQLite file (its pairs also serve the heap measure).
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-chat-bench-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const sqliteEnv = { ...offlineRegistryEnv, ...serverEnv, LOTUS_DATA_DIR: dir, LOTUS_SECRET: 'chat-benchmark-secret-at-least-32-characters' };
      let sqlitePairs: Pair[] = [];
      if (only('sqlite') || only('heap')) {
        log(`SQLite: making ${pairs} consultation pairs…`);
        sqlitePairs = await seedPairs(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...sqliteEnv }), pairs, log);
      }
      if (only('sqlite')) {
        const one = await startLotus(sqliteEnv, serverOptions);
        try {
          log(`SQLite, 1 process: ${rate} msg/s for ${seconds} s…`);
          rows.push({ name: 'Lotus, SQLite, 1 process', result: await load({ kind: 'lotus', pairs: sqlitePairs, patientServer: one.base, doctorServer: one.base, ...phase }) });
          log(`SQLite, 1 process: stored messages at saturation, ${postConnections} connections…`);
          await saturate('Lotus, SQLite, 1 process', sqlitePairs, one.base, one.base, [one.child.pid]);
        } finally {
          await one.stop();
        }
      }

      // 3. Two Lotus processes on PostgreSQL and Redis: patients on A, doctors on B.
      if (only('postgres') && pgUrl && redisUrl) {
        const database = await createDatabase(pgUrl, 'lotus_chat_bench');
        cleanups.push(() => database.drop());
        const pgDir = mkdtempSync(path.join(os.tmpdir(), 'lotus-chat-bench-pg-'));
        cleanups.push(async () => rmSync(pgDir, { recursive: true, force: true }));
        const pgEnv = { ...offlineRegistryEnv, ...serverEnv, LOTUS_DATA_DIR: pgDir, DATABASE_URL: database.url, REDIS_URL: redisUrl, LOTUS_SECRET: 'chat-benchmark-secret-at-least-32-characters' };
        log(`PostgreSQL: making ${pairs} consultation pairs…`);
        const pgPairs = await seedPairs(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...pgEnv }), pairs, log);
        const single = await startLotus({ ...pgEnv, REDIS_URL: '' }, serverOptions);
        try {
          log(`PostgreSQL, 1 process: ${rate} msg/s for ${seconds} s…`);
          rows.push({ name: 'Lotus, PostgreSQL, 1 process', result: await load({ kind: 'lotus', pairs: pgPairs, patientServer: single.base, doctorServer: single.base, ...phase }) });
          log(`PostgreSQL, 1 process: stored messages at saturation, ${postConnections} connections…`);
          await saturate('Lotus, PostgreSQL, 1 process', pgPairs, single.base, single.base, [single.child.pid]);
        } finally {
          await single.stop();
        }
        const a = await startLotus(pgEnv, serverOptions);
        const b = await startLotus(pgEnv, serverOptions).catch(async (error) => {
          await a.stop();
          throw error;
        });
        try {
          log(`PostgreSQL + Redis, 2 processes: ${rate} msg/s for ${seconds} s…`);
          rows.push({ name: 'Lotus, PostgreSQL + Redis, 2 proc.', result: await load({ kind: 'lotus', pairs: pgPairs, patientServer: a.base, doctorServer: b.base, ...phase }) });
          log(`PostgreSQL + Redis, 2 processes: stored messages at saturation, ${postConnections} connections…`);
          await saturate('Lotus, PostgreSQL + Redis, 2 proc.', pgPairs, a.base, b.base, [a.child.pid, b.child.pid]);
        } finally {
          await Promise.all([a.stop(), b.stop()]);
        }
      } else if (only('postgres')) {
        notes.push('PostgreSQL + Redis row skipped: set TEST_DATABASE_URL and TEST_REDIS_URL (e.g. postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379).');
      }

      // 4. Heap per idle socket: the server in this process (so its heap can be read after a
      // full GC), the sockets held by a child process.
      let bareHeap: { heap: number; rss: number } | null = null;
      let lotusHeap: { heap: number; rss: number } | null = null;
      if (only('heap')) {
        log(`heap per idle socket: ${idleSockets} sockets…`);
        const gc = gcFunction();
        const bareRelay = await startRelay();
        bareHeap = await heapPerSocket({ kind: 'bare', url: `http://127.0.0.1:${bareRelay.port}`, count: idleSockets, members: [{ token: '', conversationId: '', lastSeq: 0 }] }, gc);
        await bareRelay.close();
        const lotus = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...sqliteEnv }));
        await lotus.app.listen({ port: 0, host: '127.0.0.1' });
        // Subscribed past the end: nothing to replay, as for a client that is up to date.
        const members = sqlitePairs.flatMap((p) => [
          { token: p.patient.token, conversationId: p.conversationId, lastSeq: 1_000_000_000 },
          { token: p.doctor.token, conversationId: p.conversationId, lastSeq: 1_000_000_000 },
        ]);
        try {
          lotusHeap = await heapPerSocket({ kind: 'lotus', url: `http://127.0.0.1:${(lotus.app.server.address() as { port: number }).port}`, count: idleSockets, members }, gc);
        } finally {
          await lotus.app.close();
        }
      }

      // The tables.
      const base = (rows.find((r) => r.name === RELAY) ?? rows[0])?.result;
      const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
      const rateTable = (title: string, pick: (r: LoadResult) => PhaseResult, offered: string) => {
        if (!base) return;
        log(`\n${title}`);
        log(line([pad('run', 36), 'offered/s', 'delivered/s', 'vs relay', ' p50 ms', ' p95 ms', ' p99 ms', ' max ms', 'POST p99', 'lost', 'errors']));
        log(line(['-'.repeat(36), '-'.repeat(9), '-'.repeat(11), '-'.repeat(8), '-'.repeat(7), '-'.repeat(7), '-'.repeat(7), '-'.repeat(7), '-'.repeat(8), '-'.repeat(4), '-'.repeat(6)]));
        for (const { name, result } of rows) {
          const r = pick(result);
          log(
            line([
              pad(name, 36),
              offered.padStart(9),
              r.throughput.toFixed(0).padStart(11),
              `${((r.throughput / (pick(base).throughput || 1)) * 100).toFixed(0)}%`.padStart(8),
              ms(r.p50),
              ms(r.p95),
              ms(r.p99),
              ms(r.max),
              (r.postP99 === null ? '—' : r.postP99.toFixed(1)).padStart(8),
              String(r.lost).padStart(4),
              String(r.errors).padStart(6),
            ]),
          );
        }
      };
      rateTable(`Delivery, ${pairs} pairs (${pairs * 2} sockets), ${rate} msg/s offered for ${seconds} s after ${warmupSeconds} s warm-up, every message persisted (latency: send → partner's socket)`, (r) => r.rate, String(rate));
      rateTable(`Saturation: ${saturationWidth} messages in flight, each waiting for its delivery, ${saturationSeconds} s`, (r) => r.saturation, '—');
      const bareRoute = posts.find((p) => p.name === BARE_ROUTE)?.result;
      if (posts.length > 0) {
        log(`\nStored messages at saturation: POST /api/conversations/:id/messages, ${postConnections} connections over ${postConversations} conversations, ${postSeconds} s (201 only after the message is stored)`);
        log(line([pad('run', 36), '    msg/s', 'vs bare route', ' p50 ms', ' p95 ms', ' p99 ms', 'errors', 'CPU ms/msg per process']));
        log(line(['-'.repeat(36), '-'.repeat(9), '-'.repeat(13), '-'.repeat(7), '-'.repeat(7), '-'.repeat(7), '-'.repeat(6), '-'.repeat(22)]));
        for (const { name, result } of posts) {
          log(
            line([
              pad(name, 36),
              result.rps.toFixed(0).padStart(9),
              (bareRoute ? `${((result.rps / (bareRoute.rps || 1)) * 100).toFixed(0)}%` : '—').padStart(13),
              ms(result.p50),
              ms(result.p95),
              ms(result.p99),
              String(result.errors).padStart(6),
              result.cpuPerMessage.map((c) => (Number.isNaN(c) ? '—' : c.toFixed(3))).join(' / ').padStart(22),
            ]),
          );
        }
      }
      if (bareHeap && lotusHeap) {
        log(`\nHeap per idle socket, ${idleSockets} sockets held open (Lotus: authenticated and subscribed to its conversation)`);
        log(line([pad('server', 36), 'heap KB/socket', 'RSS KB/socket']));
        log(line(['-'.repeat(36), '-'.repeat(14), '-'.repeat(13)]));
        log(line([pad('bare ws server (baseline)', 36), (bareHeap.heap / 1024).toFixed(2).padStart(14), (bareHeap.rss / 1024).toFixed(2).padStart(13)]));
        log(line([pad('Lotus', 36), (lotusHeap.heap / 1024).toFixed(2).padStart(14), (lotusHeap.rss / 1024).toFixed(2).padStart(13)]));
      }

      const oneNode = rows.find((r) => r.name.includes('SQLite'))?.result.rate;
      const onePg = rows.find((r) => r.name.includes('PostgreSQL, 1'))?.result.rate;
      const twoNodes = rows.find((r) => r.name.includes('2 proc'))?.result.rate;
      const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
      log('\nTargets');
      if (oneNode) log(`  p99 ≤ 50 ms on one process: ${oneNode.p99.toFixed(1)} ms, ${mark(oneNode.p99 <= 50)}`);
      if (oneNode && twoNodes) log(`  p99 across two processes ≤ 2× one SQLite process (${(2 * oneNode.p99).toFixed(1)} ms): ${twoNodes.p99.toFixed(1)} ms, ${mark(twoNodes.p99 <= 2 * oneNode.p99)}`);
      if (onePg && twoNodes) log(`  p99 across two processes ≤ 2× one PostgreSQL process (${(2 * onePg.p99).toFixed(1)} ms): ${twoNodes.p99.toFixed(1)} ms, ${mark(twoNodes.p99 <= 2 * onePg.p99)}`);
      for (const { name, result } of posts.filter((p) => p.name !== BARE_ROUTE && bareRoute)) {
        const share = name.includes('SQLite') ? 0.5 : 0.3;
        log(`  stored msg/s ≥ ${share * 100}% of the bare route, ${name}: ${((result.rps / bareRoute!.rps) * 100).toFixed(0)}%, ${mark(result.rps >= share * bareRoute!.rps)}`);
        if (name.includes('1 process')) log(`  p99 ≤ 25 ms at ${postConnections} connections, ${name}: ${result.p99.toFixed(1)} ms, ${mark(result.p99 <= 25)}`);
      }
      for (const r of rows.filter((row) => base && row.name !== RELAY && base !== row.result)) {
        log(`  throughput ≥ 50% of the relay at the offered rate, ${r.name}: ${((r.result.rate.throughput / base!.rate.throughput) * 100).toFixed(0)}%, ${mark(r.result.rate.throughput >= 0.5 * base!.rate.throughput)}`);
      }
      if (lotusHeap) log(`  heap ≤ 8 KB per idle socket: ${(lotusHeap.heap / 1024).toFixed(2)} KB, ${mark(lotusHeap.heap <= 8 * 1024)}`);
      for (const n of notes) log(`  ${n}`);
      log(`  (2 cores shared by the servers, the load generator${pgUrl ? ', PostgreSQL and Redis' : ''}; connect times: ${rows.map((r) => `${r.name.split(',')[0]} ${r.result.connectSeconds.toFixed(1)} s`).join(', ')})`);
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    }
  },
};
export default bench;
