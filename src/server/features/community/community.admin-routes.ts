// The moderation API of the admin console. Every route needs the moderator or admin role
// (decided in ModerationService); every action carries a reason and is logged.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors, NoContent } from '../../platform/http/schemas.ts';
import type { ModerationService } from './community.moderation.ts';
import { IdParams, ModeratePostBody, ModerationLog, ModerationResult, Queue, RevealedAuthor, SanctionBody, WordTermBody, WordTermSchema } from './community.schema.ts';

export const communityAdminRoutes: FastifyPluginAsyncTypebox<{ moderation: ModerationService }> = async (app, { moderation }) => {
  const tags = ['moderation'];

  app.get(
    '/api/admin/moderation/queue',
    { schema: { tags, summary: 'Reported and held posts, oldest first', response: { 200: Queue, ...errors(401, 403) } } },
    async (request) => moderation.queue(requireActor(request), request.locale),
  );

  app.post(
    '/api/admin/moderation/posts/:id',
    { schema: { tags, summary: 'Hide or restore a post, with a reason (closes its reports)', params: IdParams, body: ModeratePostBody, response: { 200: ModerationResult, ...errors(401, 403, 404, 409, 422) } } },
    async (request) => moderation.moderatePost(requireActor(request), request.params.id, request.body.action, request.body.reason, request.id),
  );

  app.get(
    '/api/admin/moderation/posts/:id/author',
    { schema: { tags, summary: 'Who wrote a post, pseudonymous ones included (audited)', params: IdParams, response: { 200: RevealedAuthor, ...errors(401, 403, 404) } } },
    async (request) => moderation.revealAuthor(requireActor(request), request.params.id, request.id),
  );

  app.post(
    '/api/admin/moderation/posts/:id/author',
    {
      schema: {
        tags,
        summary: "Warn, suspend, ban or reinstate a post's author, with a reason",
        params: IdParams,
        body: SanctionBody,
        response: { 200: Type.Object({ status: Type.String(), until: Type.Union([Type.String(), Type.Null()]) }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => moderation.sanctionAuthor(requireActor(request), request.params.id, request.body, request.id),
  );

  app.get(
    '/api/admin/moderation/log',
    { schema: { tags, summary: 'The latest moderation actions', response: { 200: ModerationLog, ...errors(401, 403) } } },
    async (request) => moderation.actionLog(requireActor(request)),
  );

  app.get(
    '/api/admin/moderation/word-lists',
    { schema: { tags, summary: 'Terms that hold a post back for review', response: { 200: Type.Array(WordTermSchema), ...errors(401, 403) } } },
    async (request) => moderation.listTerms(requireActor(request)),
  );

  app.post(
    '/api/admin/moderation/word-lists',
    { schema: { tags, summary: 'Add a term to a word list', body: WordTermBody, response: { 201: WordTermSchema, ...errors(401, 403, 409, 422) } } },
    async (request, reply) => reply.status(201).send(await moderation.addTerm(requireActor(request), request.body.list, request.body.term, request.id)),
  );

  app.delete(
    '/api/admin/moderation/word-lists/:id',
    { schema: { tags, summary: 'Remove a term from a word list', params: IdParams, response: { 204: NoContent, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await moderation.removeTerm(requireActor(request), request.params.id, request.id);
      return reply.status(204).send(null);
    },
  );
};
