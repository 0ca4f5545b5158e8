// `npm run bench -- encyclopedia`: 32,000 generated entries in a fresh database (SQLite,
// or a fresh schema of DATABASE_URL=postgres://…), the import time, then over HTTP at 32
// connections: entry reads beside a bare Fastify route returning the same JSON, and
// search in English and in Chinese (two-character queries), cached as served and with
// the answer cache off, and distinct one- and two-word queries from the corpus' own words
// (every query new, so no cache helps), answered from the in-memory index and, for
// comparison, from the database's (as LOTUS_SEARCH_INDEX=off would). ENC_COUNT changes the corpus size (320000 for the
// large run); BENCH_SECONDS each run's length.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { generateInto } from '../src/server/features/encyclopedia/encyclopedia.cli.ts';
import { syntheticEntry } from '../src/server/features/encyclopedia/encyclopedia.generate.ts';
import type { Bench } from './index.ts';
import { benchConfig, loadHttp, printTable } from './harness.ts';

const EN_WORDS = [
  'fibrosis',
  'inflammation',
  'stenosis',
  'atrophy',
  'neuropathy',
  'syndrome',
  'lesion',
  'oedema',
  'haemorrhage',
  'sclerosis',
  'renal',
  'hepatic',
  'cardiac',
  'pulmonary',
  'gastric',
  'thyroid',
  'vascular',
  'retinal',
  'pain',
  'fatigue',
  'fever',
  'swelling',
  'nausea',
  'dizziness',
  'itching',
  'cough',
  'stiffness',
  'weakness',
  'numbness',
  'headache',
  'chronic',
  'acute',
];
const ZH_WORDS = [
  '狭窄',
  '增生',
  '萎缩',
  '感染',
  '损伤',
  '钙化',
  '水肿',
  '出血',
  '缺血',
  '硬化',
  '囊肿',
  '痉挛',
  '溃疡',
  '皮肤',
  '脊髓',
  '血管',
  '肌肉',
  '关节',
  '淋巴',
  '胆道',
  '食管',
  '疼痛',
  '乏力',
  '发热',
  '肿胀',
  '恶心',
  '头晕',
  '瘙痒',
  '咳嗽',
  '僵硬',
  '麻木',
  '头痛',
];

/** Distinct one- and two-word queries from the corpus' own words (English and French
 * entries' titles and text), each asked once: the long tail an answer cache never sees
 * twice. Deterministic order; singles and pairs interleaved (one single to two pairs). */
export function distinctQueries(counts: { en: number; fr: number }, sample = 3000): string[] {
  const words = new Set<string>();
  for (const lang of ['en', 'fr'] as const) {
    for (let i = 0; i < Math.min(sample, counts[lang]); i++) {
      const e = syntheticEntry(i, lang);
      const text = [e.title, ...Object.values(e.sections)].join(' ').toLowerCase();
      for (const w of text.split(/[^\p{L}]+/u)) if (w.length >= 4) words.add(w);
    }
  }
  const list = [...words].sort();
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const shuffle = <T>(a: T[]) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const singles = shuffle([...list]);
  const pairs: string[] = [];
  for (let i = 0; i < list.length; i++) for (let j = 0; j < list.length; j++) if (i !== j) pairs.push(`${list[i]} ${list[j]}`);
  shuffle(pairs);
  const out: string[] = [];
  let p = 0;
  for (const single of singles) {
    out.push(single);
    if (p < pairs.length) out.push(pairs[p++]!);
    if (p < pairs.length) out.push(pairs[p++]!);
  }
  while (p < pairs.length) out.push(pairs[p++]!);
  return out;
}

async function freshPostgresSchema(url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `bench_enc_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

const bench: Bench = {
  summary: 'encyclopedia: import 32,000 entries (ENC_COUNT), entry reads vs a bare route, English vs Chinese search, cached and distinct (uncacheable) queries',
  async run() {
    const total = Number(process.env.ENC_COUNT ?? 32_000);
    const config = benchConfig();
    let drop: (() => Promise<void>) | null = null;
    if (config.database.kind === 'postgres') {
      const fresh = await freshPostgresSchema(config.database.url);
      config.database = { ...config.database, schema: fresh.schema };
      drop = fresh.drop;
    }
    const lotus = await buildApp(config);
    const encyclopedia = lotus.services.encyclopedia;
    const counts = { en: Math.round(total * 0.75), fr: Math.round(total * 0.125), zh: 0 };
    counts.zh = total - counts.en - counts.fr;

    const started = performance.now();
    for (const lang of ['en', 'fr', 'zh'] as const) await generateInto(encyclopedia, counts[lang], lang);
    const importSeconds = (performance.now() - started) / 1000;
    const db = config.database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
    process.stdout.write(
      `\n${db}: imported ${total} entries (${counts.en} en, ${counts.fr} fr, ${counts.zh} zh) in ${importSeconds.toFixed(1)} s (${Math.round(total / importSeconds)} entries/s)\n`,
    );

    // The same JSON from a bare Fastify route: 500 entries held in a map.
    const slugs = Array.from({ length: 500 }, (_, i) => syntheticEntry((i * 37) % counts.en, 'en').slug);
    const bodies = new Map<string, string>();
    for (const slug of slugs) bodies.set(slug, (await encyclopedia.entryJson(slug, 'en'))!);
    const bare = Fastify();
    bare.get<{ Params: { slug: string } }>('/api/encyclopedia/entries/:slug', async (request, reply) =>
      reply.type('application/json; charset=utf-8').send(bodies.get(request.params.slug)),
    );
    await bare.listen({ port: 0, host: '127.0.0.1' });
    await lotus.app.listen({ port: 0, host: '127.0.0.1' });
    const portOf = (app: { server: { address(): unknown } }) => (app.server.address() as { port: number }).port;
    const lotusUrl = `http://127.0.0.1:${portOf(lotus.app)}`;
    const bareUrl = `http://127.0.0.1:${portOf(bare)}`;
    const entryPaths = slugs.map((s) => `/api/encyclopedia/entries/${s}`);
    const searchPaths = (words: string[]) => words.map((w) => `/api/encyclopedia/search?q=${encodeURIComponent(w)}`);
    const seconds = Number(process.env.BENCH_SECONDS ?? 10);
    // The in-memory search index, built now as on a server that has answered a search since it
    // started (otherwise the first runs would measure the database while it is being built).
    const index = encyclopedia.index;
    const memoryBefore = process.memoryUsage();
    const buildStarted = performance.now();
    const built = await index.ready();
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    const memoryAfter = process.memoryUsage();
    try {
      const baseline = await loadHttp(entryPaths.map((p) => bareUrl + p));
      const entry = await loadHttp(entryPaths.map((p) => lotusUrl + p));
      const searchEn = await loadHttp(searchPaths(EN_WORDS).map((p) => lotusUrl + p));
      const searchZh = await loadHttp(searchPaths(ZH_WORDS).map((p) => lotusUrl + p));
      // The long tail: every query new (the answer cache, on as served, never hits), answered
      // from the in-memory index, then from the database's (LOTUS_SEARCH_INDEX=off), each
      // from the start of the same list.
      const distinct = distinctQueries(counts);
      const served = { ...index.served };
      // Each distinct run starts with nothing cached (entries read for earlier runs included).
      lotus.services.encyclopediaSearch.forget();
      const tail = await loadHttp(searchPaths(distinct).map((p) => lotusUrl + p));
      const tailFromMemory = index.served.memory - served.memory;
      const tailRequests = Math.round(tail.rps * seconds);
      lotus.services.encyclopediaSearch.caching = false;
      const coldEn = await loadHttp(searchPaths(EN_WORDS).map((p) => lotusUrl + p));
      const coldZh = await loadHttp(searchPaths(ZH_WORDS).map((p) => lotusUrl + p));
      index.enabled = false;
      lotus.services.encyclopediaSearch.forget();
      const tailDb = await loadHttp(searchPaths(distinct).map((p) => lotusUrl + p));
      const coldEnDb = await loadHttp(searchPaths(EN_WORDS).map((p) => lotusUrl + p));
      const coldZhDb = await loadHttp(searchPaths(ZH_WORDS).map((p) => lotusUrl + p));
      index.enabled = true;
      lotus.services.encyclopediaSearch.caching = true;
      const stats = index.stats();
      const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
      process.stdout.write(
        built && stats
          ? `\nIn-memory index: built in ${buildSeconds.toFixed(1)} s from the database; ${stats.documents} documents, ${stats.tokens} tokens, ${stats.postings} postings, ~${mb(stats.bytes)} MB of arrays (heap + array buffers grew ${mb(memoryAfter.heapUsed + memoryAfter.arrayBuffers - memoryBefore.heapUsed - memoryBefore.arrayBuffers)} MB, RSS ${mb(memoryAfter.rss)} MB); ${tailFromMemory} distinct searches answered from it\n`
          : `\nIn-memory index: not built (${index.enabled ? 'the encyclopedia kept changing' : 'LOTUS_SEARCH_INDEX=off'})\n`,
      );
      printTable(`${db}, ${total} entries: GET /api/encyclopedia/entries/:slug (500 entries), 32 connections, ${seconds} s each`, [
        { name: 'bare Fastify, same JSON (baseline)', ...baseline },
        { name: 'Lotus entry read', ...entry },
      ]);
      printTable(`${db}, ${total} entries: GET /api/encyclopedia/search (32 one-word queries per language), against entry reads`, [
        { name: 'Lotus entry read (baseline)', ...entry },
        { name: 'search English', ...searchEn },
        { name: 'search Chinese, 2 characters', ...searchZh },
        { name: 'search English, answer cache off', ...coldEn },
        { name: 'search Chinese, answer cache off', ...coldZh },
        { name: 'search, distinct 1-2 word queries', ...tail },
        { name: 'English, cache off, index off', ...coldEnDb },
        { name: 'Chinese, cache off, index off', ...coldZhDb },
        { name: 'distinct queries, index off', ...tailDb },
      ]);
      process.stdout.write(
        tailRequests === 0
          ? `\nDistinct queries: none answered within the ${seconds} s window (each took longer), so no rate or percentile is shown\n`
          : `\nDistinct queries: ${tailRequests} asked of ${distinct.length} (${tailRequests <= distinct.length ? 'none repeated' : 'some repeated: the list ran out'}); ${((tail.rps / Math.max(entry.rps, 1)) * 100).toFixed(1)}% of the entry-read rate (target ≥ 30%), p99 ${tail.p99.toFixed(1)} ms (target ≤ 25 ms); with the index off ${((tailDb.rps / Math.max(entry.rps, 1)) * 100).toFixed(1)}%, p99 ${tailDb.p99.toFixed(1)} ms\n`,
      );
      process.stdout.write(
        `\nChinese/English search p95: ${(searchZh.p95 / Math.max(searchEn.p95, 0.001)).toFixed(2)}x cached, ${(coldZh.p95 / Math.max(coldEn.p95, 0.001)).toFixed(2)}x with the cache off\n`,
      );
    } finally {
      await bare.close();
      await lotus.app.close();
      if (drop) await drop();
    }
  },
};
export default bench;
