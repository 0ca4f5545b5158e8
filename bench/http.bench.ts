// `npm run bench -- http`: the platform's overhead. GET /api/departments on a full Lotus
// server (authentication hook, security headers, metrics, schema serialisation) beside a
// bare Fastify route returning the same JSON, both over HTTP at 32 connections.
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.ts';
import type { Bench } from './index.ts';
import { benchConfig, loadHttp, printTable } from './harness.ts';

const bench: Bench = {
  summary: 'platform overhead: /api/departments vs a bare Fastify route',
  async run() {
    const lotus = await buildApp(benchConfig());
    const body = await lotus.services.departments.list('en');
    await lotus.app.listen({ port: 0, host: '127.0.0.1' });
    const bare = Fastify();
    bare.get('/api/departments', async () => body);
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const portOf = (app: { server: { address(): unknown } }) => (app.server.address() as { port: number }).port;
    try {
      const baseline = await loadHttp(`http://127.0.0.1:${portOf(bare)}/api/departments`);
      const lotusResult = await loadHttp(`http://127.0.0.1:${portOf(lotus.app)}/api/departments`);
      printTable(`GET /api/departments, 32 connections, ${process.env.BENCH_SECONDS ?? 10} s each`, [
        { name: 'bare Fastify (baseline)', ...baseline },
        { name: 'Lotus', ...lotusResult },
      ]);
    } finally {
      await bare.close();
      await lotus.app.close();
    }
  },
};
export default bench;
