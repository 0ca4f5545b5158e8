import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { PolicyVersion } from './links.store.ts';
import { PolicyVersionSchema, PreviewSchema, RefusalSchema, UpdatePolicyBody } from '../../../shared/contracts/links.ts';
import type { LinksService } from './links.service.ts';

export interface LinksRoutesOptions {
  links: LinksService;
}

const out = (p: PolicyVersion) => ({ version: p.version, kinds: p.rules.kinds, blocklist: p.rules.blocklist, note: p.note, createdBy: p.createdBy, createdAt: p.createdAt });

export const linksRoutes: FastifyPluginAsyncTypebox<LinksRoutesOptions> = async (app, { links }) => {
  app.get(
    '/api/link-policy',
    { schema: { tags: ['links'], summary: 'The link policy in force: per conversation kind, and the blocklist', response: { 200: PolicyVersionSchema } } },
    async () => out(await links.policy()),
  );

  app.get(
    '/api/admin/link-policy/versions',
    {
      schema: {
        tags: ['links'],
        summary: 'Every version of the link policy, newest first (admins)',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
        response: { 200: Type.Array(PolicyVersionSchema), ...errors(401, 403) },
      },
    },
    async (request) => (await links.versions(requireActor(request), request.query.limit)).map(out),
  );

  app.put(
    '/api/admin/link-policy',
    {
      schema: {
        tags: ['links'],
        summary: 'Change the link policy: creates a new version (admins)',
        body: UpdatePolicyBody,
        response: { 200: PolicyVersionSchema, ...errors(401, 403, 409, 422) },
      },
    },
    async (request) => out(await links.updatePolicy(requireRole(request, 'admin'), request.body)),
  );

  app.get(
    '/api/admin/link-refusals',
    {
      schema: {
        tags: ['links'],
        summary: 'Messages refused for their links, with the policy version that refused them (admins)',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
        response: { 200: Type.Array(RefusalSchema), ...errors(401, 403) },
      },
    },
    async (request) => links.refusals(requireActor(request), request.query.limit),
  );

  app.get(
    '/api/link-preview',
    {
      schema: {
        tags: ['links'],
        summary: 'A preview card for a URL, fetched by the server under the outbound rules',
        querystring: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2048 }) }),
        response: { 200: PreviewSchema, ...errors(401, 422, 429) },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request) => {
      requireActor(request);
      return links.preview(request.query.url);
    },
  );

  app.get(
    '/api/link-preview/images/:id',
    {
      schema: {
        tags: ['links'],
        summary: 'A preview image, re-encoded and served from our origin',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(404) },
      },
    },
    async (request, reply) => {
      const image = await links.image(request.params.id);
      reply.header('cache-control', 'public, max-age=86400, immutable');
      reply.header('x-content-type-options', 'nosniff');
      return reply.type(image.contentType).send(image.data);
    },
  );
};
