import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { CirclesService } from './community.circles.ts';

const CircleSchema = Type.Object({ id: Type.String(), forumId: Type.String(), title: Type.String(), createdAt: Type.String() });
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const circlesRoutes: FastifyPluginAsyncTypebox<{ circles: CirclesService }> = async (app, { circles }) => {
  const tags = ['community'];
  app.get(
    '/api/community/forums/:id/circles',
    { schema: { tags, summary: "A forum's group circles (group chats under the group link policy)", params: Params, response: { 200: Type.Array(CircleSchema), ...errors(404) } } },
    async (request) => circles.list(request.params.id, request.locale),
  );
  app.post(
    '/api/community/forums/:id/circles',
    {
      schema: { tags, summary: 'Start a group circle in a forum', params: Params, body: Type.Object({ title: Type.String({ maxLength: 100 }) }, { additionalProperties: false }), response: { 201: Type.Object({ id: Type.String(), conversationId: Type.String() }), ...errors(401, 404, 409, 422, 429) } },
      preValidation: async (request) => {
        requireActor(request);
      },
    },
    async (request, reply) => reply.status(201).send(await circles.create(requireActor(request), request.params.id, request.body.title, request.locale)),
  );
  app.post(
    '/api/community/circles/:id/join',
    { schema: { tags, summary: 'Join a circle; answers the conversation to open', params: Params, response: { 200: Type.Object({ conversationId: Type.String() }), ...errors(401, 404) } } },
    async (request) => circles.join(requireActor(request), request.params.id),
  );
};
