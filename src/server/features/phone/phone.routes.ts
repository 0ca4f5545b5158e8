// HTTP edges of phone verification.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { PhoneService } from './phone.service.ts';

const Sent = Type.Object({ sent: Type.Boolean({ description: 'A code is on its way (or held in the development outbox when no SMS provider is configured).' }), expiresInSeconds: Type.Integer() });
const Verified = Type.Object({ phone: Type.String(), verified: Type.Literal(true) });
const Status = Type.Object({ phone: Type.Union([Type.String(), Type.Null()]), verified: Type.Boolean(), verifiedAt: Type.Union([Type.String(), Type.Null()]) });

export const phoneRoutes: FastifyPluginAsyncTypebox<{ phones: PhoneService }> = async (app, { phones }) => {
  app.post(
    '/api/me/phone',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Send a six-digit code by SMS to verify a phone number (10 minutes, 5 attempts). The answer is the same whoever else uses the number.',
        body: Type.Object({ phone: Type.String({ maxLength: 32, description: 'Mobile number in E.164 form, e.g. +8613800138000.' }) }),
        response: { 202: Sent, ...errors(401, 422, 429, 502) },
      },
    },
    async (request, reply) => {
      await phones.sendCode(requireActor(request), request.body, request.ip);
      return reply.status(202).send({ sent: true, expiresInSeconds: 600 });
    },
  );

  app.post(
    '/api/me/phone/verify',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Verify the phone number with the code from the text message',
        body: Type.Object({ code: Type.String({ maxLength: 12 }) }),
        response: { 200: Verified, ...errors(401, 422, 429) },
      },
    },
    async (request) => phones.verify(requireActor(request), request.body),
  );

  app.get(
    '/api/me/phone',
    { schema: { tags: ['accounts'], summary: 'Your verified phone number, if any', response: { 200: Status, ...errors(401) } } },
    async (request) => phones.status(requireActor(request)),
  );
};
