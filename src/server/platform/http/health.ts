import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errors } from './schemas.ts';

/** /healthz: the process answers. /readyz: and its database does (503 otherwise), so a
 * load balancer stops sending traffic to a process that lost its database. */
export function installHealth(app: FastifyInstance, checkReady: () => Promise<void>): void {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), ...errors(503) },
      },
    },
    async (request, reply) => {
      try {
        await Promise.race([checkReady(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
        return { status: 'ready' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply.status(503).send({ error: { code: 'not_ready', message: 'The database is not answering.' } });
      }
    },
  );
}
