// `npm run bench -- relevance`: nDCG@5 and MRR of the graded relevance set
// (test/fixtures/search-relevance) per reader language, on SQLite and, when DATABASE_URL or
// TEST_DATABASE_URL names a PostgreSQL, on PostgreSQL too (a fresh schema). The baseline in the
// same run is the same demo encyclopedia without its terms (no lay-term table, no
// dictionary titles): what the entries' own titles, synonyms and texts find alone.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { seedEncyclopediaDemo } from '../src/server/features/encyclopedia/encyclopedia.demo.ts';
import { evaluate, type LangScore } from '../test/support/relevance.ts';
import type { Bench } from './index.ts';
import { benchConfig } from './harness.ts';

async function measure(databaseUrl: string | null): Promise<{ baseline: LangScore[]; withTerms: LangScore[] }> {
  let schema: string | null = null;
  if (databaseUrl) {
    schema = `bench_rel_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
  }
  const config = benchConfig(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: 'sqlite::memory:' });
  if (schema && config.database.kind === 'postgres') config.database = { ...config.database, schema };
  const lotus = await buildApp(config);
  try {
    const search = async (q: string, lang: string) => {
      const res = await lotus.app.inject({ method: 'GET', url: `/api/encyclopedia/search?q=${encodeURIComponent(q)}&lang=${lang}&limit=10` });
      return (res.json().results as Array<{ slug: string }>).map((r) => r.slug);
    };
    await seedEncyclopediaDemo(lotus.services.encyclopedia, lotus.services.accounts, { terms: false });
    const baseline = await evaluate(search);
    await seedEncyclopediaDemo(lotus.services.encyclopedia, lotus.services.accounts);
    const withTerms = await evaluate(search);
    return { baseline, withTerms };
  } finally {
    await lotus.app.close();
    if (schema && databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  }
}

const bench: Bench = {
  summary: 'encyclopedia search relevance: nDCG@5 and MRR per language and database, beside the entries without their terms',
  async run() {
    const pgUrl = [process.env.DATABASE_URL, process.env.TEST_DATABASE_URL].find((u) => u?.startsWith('postgres')) ?? null;
    const runs: Array<[string, string | null]> = [['SQLite', null], ...(pgUrl ? [['PostgreSQL', pgUrl] as [string, string]] : [])];
    const lines = [
      `| ${'database'.padEnd(10)} | lang | queries | ${'baseline nDCG@5'.padStart(15)} | ${'nDCG@5'.padStart(7)} | ${'baseline MRR'.padStart(12)} | ${'MRR'.padStart(6)} |`,
      `|${'-'.repeat(12)}|------|---------|${'-'.repeat(17)}|${'-'.repeat(9)}|${'-'.repeat(14)}|${'-'.repeat(8)}|`,
    ];
    for (const [name, url] of runs) {
      const { baseline, withTerms } = await measure(url);
      for (const s of withTerms) {
        const b = baseline.find((x) => x.lang === s.lang)!;
        lines.push(`| ${name.padEnd(10)} | ${s.lang.padEnd(4)} | ${String(s.queries).padStart(7)} | ${b.ndcg5.toFixed(3).padStart(15)} | ${s.ndcg5.toFixed(3).padStart(7)} | ${b.mrr.toFixed(3).padStart(12)} | ${s.mrr.toFixed(3).padStart(6)} |`);
      }
      const misses = withTerms.flatMap((s) => s.misses.map((m) => `${s.lang} “${m.q}” → ${m.got.slice(0, 3).join(', ') || 'nothing'}`));
      if (misses.length) lines.push(`  ${name}: best entry not first for ${misses.join('; ')}`);
    }
    process.stdout.write(`\nSearch relevance (graded set in test/fixtures/search-relevance; baseline: the same entries without lay terms and dictionary titles)\n${lines.join('\n')}\n`);
  },
};

export default bench;
