// `npm run bench -- notifications`: 10,000 consultation events fanned out to 2,000
// recipients with mixed channels (half email only, a quarter push only, a quarter both),
// through the transactional outbox and the sender job at its default interval, to a real
// SMTP server and a push service stand-in that checks VAPID and decrypts every payload.
// Reported: events/s writing the event with its outbox row, events/s end to end (until
// the last hand-off), and event → hand-off latency at the stand-ins; beside the same
// number of bare one-row inserts, each in its own transaction, in the same run.
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { startPushService } from '../test/fixtures/push/push-service.ts';
import { partOf, startSmtp } from '../test/fixtures/mail/smtp.ts';
import type { Bench } from './index.ts';
import { benchConfig } from './harness.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 2_000);

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const bench: Bench = {
  summary: `${EVENTS} events to ${RECIPIENTS} people through the outbox to SMTP and web push, beside bare inserts`,
  async run() {
    const smtp = await startSmtp();
    const push = await startPushService();
    const config = benchConfig({ LOTUS_SMTP_URL: smtp.url, LOTUS_PUSH_ALLOW: push.hostPort, LOTUS_DEMO: 'false' });
    const { app, platform, services } = await buildApp(config);
    await app.ready();
    try {
      process.stdout.write(`database: ${platform.dialect}; creating ${RECIPIENTS} people…\n`);
      const users: string[] = [];
      for (let i = 0; i < RECIPIENTS; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: `bench-${i}-${Date.now()}@example.org`, password: 'a long enough passphrase', displayName: `Person ${i}`, acceptTerms: true } });
        const { user, token } = res.json() as { user: { id: string }; token: string };
        users.push(user.id);
        const auth = { authorization: `Bearer ${token}` };
        const mix = i % 4; // 0,1: email only; 2: push only; 3: both
        if (mix === 2) await app.inject({ method: 'PUT', url: '/api/me/notification-settings', headers: auth, payload: { channels: { email: false } } });
        if (mix >= 2) await app.inject({ method: 'POST', url: '/api/me/push-subscriptions', headers: auth, payload: push.subscribe() });
      }

      // Baseline: the same number of one-row inserts, each in its own transaction.
      await sql`create table bench_bare (id text primary key, user_id text not null, created_at text not null)`.execute(platform.db);
      const bareStart = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        await platform.db
          .transaction()
          .execute((trx) =>
            sql`insert into bench_bare (id, user_id, created_at) values (${`b${i}`}, ${users[i % users.length]!}, ${new Date().toISOString()})`.execute(trx),
          );
      }
      const bareSeconds = (performance.now() - bareStart) / 1000;

      // Events: each a transaction with an event row and its notification (outbox + bell).
      const sentAt = new Map<string, number>();
      const emailsBefore = smtp.received.length;
      const pushesBefore = push.received.length;
      const eventStart = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        const link = `/consultations/ev${i}`;
        await platform.database.transaction(async () => {
          await sql`insert into bench_bare (id, user_id, created_at) values (${`e${i}`}, ${users[i % users.length]!}, ${new Date().toISOString()})`.execute(
            platform.database,
          );
          await services.notifications.notify([users[i % users.length]!], {
            kind: 'consultation_accepted',
            title: 'A doctor took your question',
            body: '…',
            link,
          });
        });
        sentAt.set(link, performance.now());
      }
      const eventSeconds = (performance.now() - eventStart) / 1000;
      const emails = EVENTS / 2 + EVENTS / 4;
      const pushes = EVENTS / 2;
      const deadline = performance.now() + 600_000;
      let seenEmails = emailsBefore;
      let seenPushes = pushesBefore;
      const latencies: number[] = [];
      const collect = () => {
        for (; seenEmails < smtp.received.length; seenEmails++) {
          const m = /\/consultations\/(ev\d+)/.exec(partOf(smtp.received[seenEmails]!.raw, 'text/plain') ?? '');
          if (m) latencies.push(smtp.received[seenEmails]!.at - sentAt.get(`/consultations/${m[1]}`)!);
        }
        for (; seenPushes < push.received.length; seenPushes++) {
          const p = push.received[seenPushes]!;
          const url = (p.payload as { url?: string } | null)?.url;
          if (url && sentAt.has(url)) latencies.push(p.at - sentAt.get(url)!);
        }
      };
      while ((smtp.received.length - emailsBefore < emails || push.received.length - pushesBefore < pushes) && performance.now() < deadline) {
        collect();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      collect();
      const endToEnd = (Math.max(...[...smtp.received.slice(emailsBefore), ...push.received.slice(pushesBefore)].map((r) => r.at)) - eventStart) / 1000;
      const failed = (await services.notifications.deliveries({ status: 'failed', limit: 1 })).counts.failed ?? 0;

      const base = EVENTS / bareSeconds;
      const row = (name: string, count: string, perSecond: number, p50: string, p95: string) =>
        `| ${name.padEnd(52)} | ${count.padStart(14)} | ${perSecond.toFixed(0).padStart(9)} | ${`${((perSecond / base) * 100).toFixed(0)}%`.padStart(11)} | ${p50.padStart(8)} | ${p95.padStart(8)} |`;
      const lines = [
        `\nnotifications: ${EVENTS} events to ${RECIPIENTS} people (${emails} emails, ${pushes} pushes), ${platform.dialect}, sender every ${config.raw.LOTUS_NOTIFY_INTERVAL_MS ?? 1000} ms`,
        `| ${'run'.padEnd(52)} | ${'count'.padStart(14)} | ${'per s'.padStart(9)} | ${'vs baseline'.padStart(11)} | ${'p50 ms'.padStart(8)} | ${'p95 ms'.padStart(8)} |`,
        `|${'-'.repeat(54)}|${'-'.repeat(16)}|${'-'.repeat(11)}|${'-'.repeat(13)}|${'-'.repeat(10)}|${'-'.repeat(10)}|`,
        row('baseline: bare insert, one transaction each', `${EVENTS} rows`, base, '-', '-'),
        row('event + its notification (outbox, bell) in one tx', `${EVENTS} events`, EVENTS / eventSeconds, '-', '-'),
        row(
          'end to end: event → hand-off to SMTP / push',
          `${latencies.length} hand-offs`,
          EVENTS / endToEnd,
          pct(latencies, 50).toFixed(0),
          pct(latencies, 95).toFixed(0),
        ),
      ];
      process.stdout.write(
        lines.join('\n') +
          `\nfailed deliveries: ${failed}; push payloads decrypted and VAPID-verified: ${push.received.slice(pushesBefore).filter((p) => p.status === 201).length}\n`,
      );
    } finally {
      await app.close();
      await smtp.close();
      await push.close();
    }
  },
};

export default bench;
