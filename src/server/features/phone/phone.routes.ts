// HTTP edges of phone verification.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import { setSessionCookie } from '../../platform/auth/session-cookie.ts';
import { AuthResult } from '../../../shared/contracts/accounts.ts';
import { SESSION_DAYS, type AccountsService } from '../accounts/accounts.service.ts';
import type { PhoneService } from './phone.service.ts';

const Sent = Type.Object({
  sent: Type.Boolean({ description: 'A code is on its way (or held in the development outbox when no SMS provider is configured).' }),
  expiresInSeconds: Type.Integer(),
});
const Verified = Type.Object({ phone: Type.String(), verified: Type.Literal(true) });
const Status = Type.Object({ phone: Type.Union([Type.String(), Type.Null()]), verified: Type.Boolean(), verifiedAt: Type.Union([Type.String(), Type.Null()]) });

export const phoneRoutes: FastifyPluginAsyncTypebox<{ phones: PhoneService; accounts: AccountsService; secureCookies: boolean }> = async (
  app,
  { phones, accounts, secureCookies },
) => {
  app.post(
    '/api/auth/phone/code',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Sign in without a password: send a six-digit code by SMS to a verified phone number. The answer is the same whether or not an account has the number.',
        body: Type.Object(
          { phone: Type.String({ maxLength: 32, description: 'Mobile number in E.164 form, e.g. +8613800138000.' }) },
          { additionalProperties: false },
        ),
        response: { 202: Sent, ...errors(422, 429, 502) },
      },
      config: { rateLimit: { max: 20, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      await phones.sendSignInCode(request.body, request.ip, request.locale);
      return reply.status(202).send({ sent: true, expiresInSeconds: 600 });
    },
  );

  app.post(
    '/api/auth/phone/verify',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with the phone number and the code from the text message (10 minutes, 5 attempts); a session as with the password',
        body: Type.Object({ phone: Type.String({ maxLength: 32 }), code: Type.String({ maxLength: 12 }) }, { additionalProperties: false }),
        response: { 200: AuthResult, ...errors(403, 422, 429) },
      },
      config: { rateLimit: { max: 30, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      const userId = await phones.verifySignIn(request.body);
      const result = await accounts.signInProved(userId, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, result.token, secureCookies, SESSION_DAYS * 86_400);
      return result;
    },
  );

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
