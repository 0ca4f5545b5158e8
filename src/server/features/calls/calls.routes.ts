import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import { CallSchema, StartCallBody } from '../../../shared/contracts/calls.ts';
import type { CallsService } from './calls.service.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const callsRoutes: FastifyPluginAsyncTypebox<{ calls: CallsService }> = async (app, { calls }) => {
  app.post(
    '/api/consultations/:id/calls',
    {
      schema: {
        tags: ['calls'],
        summary: 'The accepting doctor calls the patient (voice or video). 404 for anyone else; 409 on a closed consultation or while another call rings.',
        params: Id,
        body: StartCallBody,
        response: { 201: CallSchema, ...errors(401, 404, 409, 422) },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 hour' } },
    },
    async (request, reply) => reply.status(201).send(await calls.start(requireActor(request), request.params.id, request.body.media)),
  );

  app.get(
    '/api/consultations/:id/calls',
    { schema: { tags: ['calls'], summary: "A consultation's calls, newest first (its patient and doctor only)", params: Id, response: { 200: Type.Array(CallSchema), ...errors(401, 404) } } },
    async (request) => calls.list(requireActor(request), request.params.id),
  );

  app.get(
    '/api/calls/:id',
    { schema: { tags: ['calls'], summary: 'A call, for its two participants', params: Id, response: { 200: CallSchema, ...errors(401, 404) } } },
    async (request) => calls.get(requireActor(request), request.params.id),
  );

  app.post(
    '/api/calls/:id/answer',
    { schema: { tags: ['calls'], summary: 'The patient answers a ringing call', params: Id, response: { 200: CallSchema, ...errors(401, 403, 404, 409) } } },
    async (request) => calls.answer(requireActor(request), request.params.id),
  );

  app.post(
    '/api/calls/:id/decline',
    { schema: { tags: ['calls'], summary: 'The patient declines a ringing call', params: Id, response: { 200: CallSchema, ...errors(401, 403, 404, 409) } } },
    async (request) => calls.decline(requireActor(request), request.params.id),
  );

  app.post(
    '/api/calls/:id/hangup',
    { schema: { tags: ['calls'], summary: 'Either side ends the call (a call already over is answered as it is)', params: Id, response: { 200: CallSchema, ...errors(401, 404) } } },
    async (request) => calls.hangup(requireActor(request), request.params.id),
  );

  app.get(
    '/api/calls/:id/signals',
    {
      schema: {
        tags: ['calls'],
        summary: 'Signalling sent to me after `after`, for clients without the realtime socket (the mini-program polls it)',
        params: Id,
        querystring: Type.Object({ after: Type.Integer({ minimum: 0, default: 0 }) }),
        response: {
          200: Type.Object({ status: CallSchema.properties.status, signals: Type.Array(Type.Object({ seq: Type.Integer(), signal: Type.Object({}, { additionalProperties: true }) })) }),
          ...errors(401, 404),
        },
      },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (request) => calls.signals(requireActor(request), request.params.id, request.query.after) as never,
  );

  app.post(
    '/api/calls/:id/signal',
    {
      schema: {
        tags: ['calls'],
        summary: 'Relay signalling (SDP, ICE) to the other participant; the same as a `call.signal` frame on /api/realtime',
        params: Id,
        body: Type.Object({ signal: Type.Object({}, { additionalProperties: true }) }),
        response: { 204: Type.Null(), ...errors(401, 404, 409, 422) },
      },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await calls.signal(requireActor(request), request.params.id, request.body.signal);
      return reply.status(204).send(null);
    },
  );
};
