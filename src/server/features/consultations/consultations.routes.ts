import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { WebShell } from '../../platform/http/web-shell.ts';
import { ConsultationSchema, CreateConsultationBody, QueueItemSchema, QuoteQuery, QuoteSchema, ResponseTimesSchema } from '../../../shared/contracts/consultations.ts';
import type { ConsultationsService, Place } from './consultations.service.ts';
import type { FastifyRequest } from 'fastify';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const placeOf = (request: FastifyRequest): Place => ({ locale: request.locale, acceptLanguage: request.headers['accept-language'] ?? null });
const StatusList = Type.Optional(Type.String({ description: 'Comma-separated statuses', maxLength: 100 }));

export const consultationsRoutes: FastifyPluginAsyncTypebox<{ consultations: ConsultationsService; web: WebShell }> = async (app, { consultations, web }) => {
  app.get(
    '/api/consultations/quote',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Price, free eligibility, reply promise and doctors online, before asking',
        querystring: QuoteQuery,
        response: { 200: QuoteSchema, ...errors(401, 422) },
      },
    },
    async (request) => consultations.quote(requireActor(request), request.query, placeOf(request)),
  );

  app.get(
    '/api/consultations/response-times',
    { schema: { tags: ['consultations'], summary: 'Measured time to first reply by department, last 7 days', response: { 200: ResponseTimesSchema } } },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return consultations.responseTimes(request.locale);
    },
  );

  app.post(
    '/api/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Ask a doctor. Red-flag symptoms, screened before any other check, answer 422 urgent_symptoms (with emergencyNumbers for the patient’s country) until acknowledged.',
        body: CreateConsultationBody,
        response: { 201: ConsultationSchema, ...errors(401, 409, 422) },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 hour' } },
    },
    async (request, reply) => reply.status(201).send(await consultations.create(requireActor(request), request.body, placeOf(request))),
  );

  app.get(
    '/api/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary: 'My consultations, as patient (default) or as doctor',
        querystring: Type.Object({ role: Type.Optional(Type.Union([Type.Literal('patient'), Type.Literal('doctor')])), status: StatusList }),
        response: { 200: Type.Array(ConsultationSchema), ...errors(401) },
      },
    },
    async (request) => {
      const statuses = request.query.status?.split(',').filter(Boolean) as never;
      return consultations.list(requireActor(request), request.query.role ?? 'patient', statuses, request.locale);
    },
  );

  app.get(
    '/api/consultations/:id',
    { schema: { tags: ['consultations'], summary: 'One consultation. Staff other than its doctor must give a reason (422 without), shown to the patient in their access log.', params: Id, querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }), response: { 200: ConsultationSchema, ...errors(401, 404, 422) } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return consultations.get(requireActor(request), request.params.id, request.id, request.locale, request.query.reason);
    },
  );

  app.get(
    '/api/doctor/queue',
    { schema: { tags: ['consultations'], summary: 'Waiting consultations this doctor may take: red flags first (with redFlagNotes in the doctor’s language), then oldest first', response: { 200: Type.Array(QueueItemSchema), ...errors(401, 403) } } },
    async (request) => consultations.queue(requireActor(request), request.locale),
  );

  app.post(
    '/api/consultations/:id/accept',
    { schema: { tags: ['consultations'], summary: 'Take a waiting consultation (only one doctor can: the next gets 409)', params: Id, response: { 200: ConsultationSchema, ...errors(401, 403, 404, 409) } } },
    async (request) => consultations.accept(requireActor(request), request.params.id),
  );

  app.post(
    '/api/consultations/:id/close',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The doctor closes with a summary and advice; the conversation becomes read-only',
        params: Id,
        body: Type.Object({ summary: Type.String({ maxLength: 4000 }), advice: Type.Optional(Type.String({ maxLength: 4000 })), checkInHours: Type.Optional(Type.Union([Type.Literal(24), Type.Literal(48), Type.Literal(72)], { description: 'Ask the patient “better, the same, or worse?” this many hours later.' })) }, { additionalProperties: false }),
        response: { 200: ConsultationSchema, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => consultations.close(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/consultations/:id/rating',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The patient rates a closed consultation, once',
        params: Id,
        body: Type.Object({ stars: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: ConsultationSchema, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => consultations.rate(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/consultations/:id/cancel',
    { schema: { tags: ['consultations'], summary: 'The patient cancels before a doctor takes it (money or free credit back)', params: Id, response: { 200: ConsultationSchema, ...errors(401, 403, 404, 409) } } },
    async (request) => consultations.cancel(requireActor(request), request.params.id),
  );

  app.get(
    '/api/doctor/earnings',
    {
      schema: {
        tags: ['consultations'],
        summary: "The doctor's earnings per day, last 30 days",
        response: {
          200: Type.Object({ days: Type.Array(Type.Object({ day: Type.String(), currency: Type.String(), amount: Type.Integer() })), closedConsultations: Type.Integer() }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => consultations.earnings(requireActor(request)),
  );

  app.put(
    '/api/admin/consultations/reply-promise/:department',
    {
      schema: {
        tags: ['consultations'],
        summary: "Set a department's reply-time promise (LOTUS_REPLY_PROMISE_SECONDS overrides all)",
        params: Type.Object({ department: Type.String() }),
        body: Type.Object({ seconds: Type.Integer({ minimum: 60, maximum: 86400 }) }),
        response: { 204: Type.Null(), ...errors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await consultations.setReplyPromise(requireRole(request, 'admin'), request.params.department, request.body.seconds);
      return reply.status(204).send(null);
    },
  );

  // Consultation pages are private: no preview tags beyond the product's name.
  app.get('/consultations/:id', { schema: { hide: true } }, async (request, reply) => web.send(reply, 'patient', request.locale, { title: 'Consultation' }));
};
