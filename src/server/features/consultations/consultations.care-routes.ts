// The care episode's edges: who may answer patients of a country (operators); follow-up
// questions and the check-in after a close.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import { ReviewSchema } from '../doctors/doctors.reviews-routes.ts';
import { CareSchema, CheckInSchema, FollowUpSchema, JurisdictionRuleSchema } from '../../../shared/contracts/consultations.ts';
import { Nullable } from '../../../shared/contracts/common.ts';
import type { ConsultationsService } from './consultations.service.ts';

const Country = Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) });
const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

const EmergencySchema = Type.Object({ country: Type.String(), number: Type.String(), others: Type.Array(Type.Unknown()) }, { additionalProperties: true });

export const consultationsCareRoutes: FastifyPluginAsyncTypebox<{ consultations: ConsultationsService }> = async (app, { consultations }) => {
  app.get(
    '/api/admin/consultations/jurisdictions',
    { schema: { tags: ['consultations'], summary: 'Which licences may answer patients of each country (the defaults overlaid with operators’ rules)', response: { 200: Type.Array(JurisdictionRuleSchema), ...errors(401, 403) } } },
    async (request) => {
      requireRole(request, 'admin');
      return consultations.jurisdictions.rules();
    },
  );

  app.put(
    '/api/admin/consultations/jurisdictions/:country',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Set which licences may answer patients in a country (e.g. FR → ["FR"]; US → ["US"] with sameState)',
        params: Country,
        body: Type.Object({ licensedIn: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 30 }), sameState: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: JurisdictionRuleSchema, ...errors(401, 403, 422) },
      },
    },
    async (request) => consultations.jurisdictions.setRule(requireRole(request, 'admin'), request.params.country, request.body),
  );

  app.get(
    '/api/consultations/:id/care',
    {
      schema: {
        tags: ['consultations'],
        summary: 'After the close: follow-up questions (two free within 72 hours), how many are left, and the check-in',
        params: Id,
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500, description: 'Staff other than its doctor: why (required of them, shown to the patient).' })) }),
        response: {
          200: CareSchema,
          ...errors(401, 404),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return consultations.careOf(requireActor(request), request.params.id, request.id, request.query.reason);
    },
  );

  app.post(
    '/api/consultations/:id/follow-ups',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The patient asks a free follow-up question after the close (409 follow_up_limit after two, follow_up_window_closed after 72 hours)',
        params: Id,
        body: Type.Object({ text: Type.String({ maxLength: 4000 }) }, { additionalProperties: false }),
        response: { 201: FollowUpSchema, ...errors(401, 403, 404, 409, 422) },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 hour' } },
    },
    async (request, reply) => reply.status(201).send(await consultations.askFollowUp(requireActor(request), request.params.id, request.body.text)),
  );

  app.post(
    '/api/consultations/:id/check-in',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The patient answers the check-in: "worse" or red-flag words reopen a free follow-up at the front of the doctor’s queue',
        params: Id,
        body: Type.Object({ answer: Type.Union([Type.Literal('better'), Type.Literal('same'), Type.Literal('worse')]), text: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ checkIn: CheckInSchema, followUp: Nullable(FollowUpSchema), emergency: Nullable(EmergencySchema) }), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => consultations.answerCheckIn(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/consultations/:id/check-in/take',
    {
      schema: {
        tags: ['consultations'],
        summary: 'A doctor of the department takes a reopened check-in the consultation’s doctor has not answered within 10 minutes',
        params: Id,
        response: { 200: FollowUpSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => consultations.takeCheckIn(requireActor(request), request.params.id),
  );

  app.put(
    '/api/admin/consultations/follow-up-reply/:department',
    {
      schema: {
        tags: ['consultations'],
        summary: "Set a department's reply deadline for follow-up questions (24 hours unless set)",
        params: Type.Object({ department: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ seconds: Type.Integer({ minimum: 600, maximum: 7 * 86400 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await consultations.care.setReplySeconds(requireRole(request, 'admin'), request.params.department, request.body.seconds);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/consultations/:id/review',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The patient publishes a written review of the doctor (after rating); held for a moderator when a word list matches',
        params: Id,
        body: Type.Object({ text: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 201: ReviewSchema, ...errors(401, 403, 404, 409, 422) },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 hour' } },
    },
    async (request, reply) => reply.status(201).send(await consultations.publishReview(requireActor(request), request.params.id, request.body.text)),
  );

  app.get(
    '/api/consultations/:id/summary.pdf',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The visit summary (the doctor’s summary and advice) as a PDF, for the patient and the doctor; every download audited. Staff give a reason (422 without), shown to the patient.',
        params: Id,
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 200: Type.Unknown({ description: 'application/pdf' }), ...errors(401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const pdf = await consultations.summaryPdf(requireActor(request), request.params.id, request.id, request.query.reason);
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', `attachment; filename="visit-summary-${request.params.id}.pdf"`);
      return reply.type('application/pdf').send(pdf);
    },
  );
};
