// `npm run bench -- community`: reading the community at scale. A thread with 5,000
// replies and a forum with 50,000 threads; their pages over HTTP at 32 connections, each
// beside a bare Fastify route returning the same JSON, measured in the same run.
// Targets: ≥ 35% of the bare route's throughput, p99 ≤ 100 ms.
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { renderMarkdown, RENDER_VERSION } from '../src/server/features/community/community.markdown.ts';
import { newId } from '../src/server/platform/ids.ts';
import type { Bench } from './index.ts';
import { benchConfig, loadHttp, printTable, type LoadResult } from './harness.ts';

const REPLIES = Number(process.env.BENCH_REPLIES ?? 5000);
const THREADS = Number(process.env.BENCH_THREADS ?? 50_000);
const BATCH = 500;

const bodies = [
  'I have had **type 2 diabetes** for six years. Walking after dinner brought my evening readings down by about 1.5 mmol/L.',
  'Ask your doctor about the timing of metformin: taking it *with* food helped my stomach a lot.\n\n- smaller meals\n- more fibre\n- water',
  '我也是这样，早上空腹血糖偏高。医生说可能是黎明现象，建议睡前少吃碳水。',
  'Mon médecin m’a conseillé de noter mes glycémies pendant deux semaines avant de changer le traitement. [Le guide](https://www.has-sante.fr) est utile.',
];

/** Runs the targets in turn, three rounds, so that a machine whose load changes during
 * the run (other processes, CI neighbours) weighs on each target alike. Each row is the
 * mean throughput and the median latency percentiles of its rounds. */
async function interleaved(targets: [string, string, string[]], rounds = 3): Promise<[LoadResult, LoadResult, LoadResult]> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10) / rounds;
  const results: LoadResult[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) results[i]!.push(await loadHttp(target, { seconds }));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return results.map((runs): LoadResult => ({
    rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length,
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  })) as [LoadResult, LoadResult, LoadResult];
}

const bench: Bench = {
  summary: 'community: a 5,000-reply thread and a 50,000-thread forum vs a bare Fastify route',
  async run() {
    const lotus = await buildApp(benchConfig({ LOTUS_COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR: '10000', LOTUS_COMMUNITY_POSTS_PER_HOUR: '100000' }));
    const { community, accounts } = lotus.services;
    const q = community.store.q();

    const started = performance.now();
    const authors: string[] = [];
    for (let i = 0; i < 40; i++)
      authors.push(await accounts.createPasswordlessUser({ displayName: `Member ${i + 1}`, roles: i % 8 === 0 ? ['patient', 'doctor'] : ['patient'] }));
    const forumId = 'frm_diabetes';
    const now = Date.parse('2026-06-01T00:00:00.000Z');
    const iso = (offsetSeconds: number) => new Date(now + offsetSeconds * 1000).toISOString();
    const post = (threadId: string, seq: number, at: string) => {
      const body = bodies[seq % bodies.length]!;
      return {
        id: newId('pst'),
        thread_id: threadId,
        seq,
        author_id: authors[seq % authors.length]!,
        anonymous: 0,
        pseudonym: null,
        body,
        html: renderMarkdown(body),
        render_version: RENDER_VERSION,
        red_flags: '[]',
        status: 'published',
        hold_reason: null,
        moderation_reason: null,
        like_count: seq % 7,
        is_first: seq === 1 ? 1 : 0,
        created_at: at,
        edited_at: null,
      };
    };

    // The big forum: 50,000 threads, each with its opening post.
    for (let start = 0; start < THREADS; start += BATCH) {
      await lotus.platform.database.transaction(async () => {
        const threads = [];
        const posts = [];
        for (let i = start; i < Math.min(start + BATCH, THREADS); i++) {
          const id = newId('thr');
          const first = post(id, 1, iso(i));
          threads.push({
            id,
            forum_id: forumId,
            author_id: authors[i % authors.length]!,
            anonymous: 0,
            pseudonym: null,
            title: `Question ${i + 1} about glucose, diet and medication`,
            status: 'published',
            first_post_id: first.id,
            best_post_id: null,
            post_count: 1 + (i % 12),
            last_seq: 1,
            red_flag: 0,
            search_text: `question ${i + 1} about glucose`,
            created_at: iso(i),
            last_post_at: iso(i),
          });
          posts.push(first);
        }
        await community.store.q().insertInto('community_threads').values(threads).execute();
        await community.store.q().insertInto('community_posts').values(posts).execute();
      });
    }
    await q.updateTable('community_forums').set({ thread_count: THREADS }).where('id', '=', forumId).execute();

    // The long thread: 5,000 replies.
    const threadId = newId('thr');
    const opener = post(threadId, 1, iso(THREADS + 1));
    await q
      .insertInto('community_threads')
      .values({
        id: threadId,
        forum_id: 'frm_heart_blood_pressure',
        author_id: authors[0]!,
        anonymous: 0,
        pseudonym: null,
        title: 'Living with high blood pressure: the long thread',
        status: 'published',
        first_post_id: opener.id,
        best_post_id: null,
        post_count: REPLIES + 1,
        last_seq: REPLIES + 1,
        red_flag: 0,
        search_text: 'living with high blood pressure',
        created_at: opener.created_at,
        last_post_at: iso(THREADS + REPLIES + 2),
      })
      .execute();
    await q.insertInto('community_posts').values(opener).execute();
    for (let start = 2; start <= REPLIES + 1; start += BATCH) {
      const rows = [];
      for (let seq = start; seq < Math.min(start + BATCH, REPLIES + 2); seq++) rows.push(post(threadId, seq, iso(THREADS + seq)));
      await q.insertInto('community_posts').values(rows).execute();
    }
    process.stdout.write(`seeded ${THREADS} threads and a ${REPLIES}-reply thread in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    await lotus.app.listen({ port: 0, host: '127.0.0.1' });
    const threadJson = (await lotus.app.inject({ url: `/api/community/threads/${threadId}?page=1` })).json();
    const forumJson = (await lotus.app.inject({ url: `/api/community/forums/${forumId}?page=1` })).json();
    if (threadJson.posts.length !== 20 || forumJson.threads.length !== 20) throw new Error('seeding failed: pages are not full');
    const bare = Fastify();
    bare.get('/thread', async () => threadJson);
    bare.get('/forum', async () => forumJson);
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const portOf = (app: { server: { address(): unknown } }) => (app.server.address() as { port: number }).port;
    const lotusUrl = `http://127.0.0.1:${portOf(lotus.app)}`;
    const bareUrl = `http://127.0.0.1:${portOf(bare)}`;
    const threadPages = Math.ceil((REPLIES + 1) / 20);
    try {
      const [bareThread, threadFirst, threadAll] = await interleaved([
        `${bareUrl}/thread`,
        `${lotusUrl}/api/community/threads/${threadId}?page=1`,
        Array.from({ length: threadPages }, (_, i) => `${lotusUrl}/api/community/threads/${threadId}?page=${i + 1}`),
      ]);
      printTable(`GET a thread page (${REPLIES} replies, 20 posts a page), 32 connections, 3 interleaved rounds`, [
        { name: 'bare Fastify, same JSON (baseline)', ...bareThread },
        { name: 'Lotus, page 1', ...threadFirst },
        { name: `Lotus, pages 1–${threadPages} in turn`, ...threadAll },
      ]);
      const [bareForum, forumFirst, forumMany] = await interleaved([
        `${bareUrl}/forum`,
        `${lotusUrl}/api/community/forums/${forumId}?page=1`,
        Array.from({ length: 100 }, (_, i) => `${lotusUrl}/api/community/forums/${forumId}?page=${i + 1}`),
      ]);
      printTable(`GET a forum page (${THREADS} threads, 20 a page), 32 connections, 3 interleaved rounds`, [
        { name: 'bare Fastify, same JSON (baseline)', ...bareForum },
        { name: 'Lotus, page 1', ...forumFirst },
        { name: 'Lotus, pages 1–100 in turn', ...forumMany },
      ]);
    } finally {
      await bare.close();
      await lotus.app.close();
    }
  },
};
export default bench;
