// Written reviews of doctors: read them on a profile, the doctor's one answer, moderation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { DoctorsService } from './doctors.service.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ReviewSchema = Type.Object({
  id: Type.String(),
  doctorId: Type.String(),
  stars: Type.Integer(),
  text: Type.String(),
  status: Type.Union([Type.Literal('published'), Type.Literal('held'), Type.Literal('hidden')], { description: 'held: a word list matched; a moderator publishes or hides it.' }),
  heldReason: Type.Optional(Nullable(Type.String())),
  answer: Nullable(Type.String({ description: 'The doctor’s one answer.' })),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const doctorReviewsRoutes: FastifyPluginAsyncTypebox<{ doctors: DoctorsService }> = async (app, { doctors }) => {
  app.get(
    '/api/doctors/:id/reviews',
    { schema: { tags: ['doctors'], summary: 'Published written reviews of a doctor, newest first (by "a patient", never a name)', params: Id, response: { 200: Type.Array(ReviewSchema), ...errors(404) } } },
    async (request) => doctors.reviews.published(request.params.id),
  );

  app.post(
    '/api/doctor/reviews/:id/answer',
    {
      schema: {
        tags: ['doctors'],
        summary: 'The doctor answers a published review of theirs, once (409 already_answered)',
        params: Id,
        body: Type.Object({ text: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: ReviewSchema, ...errors(401, 404, 409, 422) },
      },
    },
    async (request) => doctors.reviews.answer(requireActor(request), request.params.id, request.body.text),
  );

  app.get(
    '/api/admin/moderation/doctor-reviews',
    { schema: { tags: ['doctors'], summary: 'Reviews held by the word lists, for moderators', response: { 200: Type.Array(ReviewSchema), ...errors(401, 403) } } },
    async (request) => doctors.reviews.held(requireActor(request)),
  );

  app.post(
    '/api/admin/moderation/doctor-reviews/:id/decision',
    {
      schema: {
        tags: ['doctors'],
        summary: 'A moderator publishes or hides a review',
        params: Id,
        body: Type.Object({ decision: Type.Union([Type.Literal('publish'), Type.Literal('hide')]) }, { additionalProperties: false }),
        response: { 200: ReviewSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) => doctors.reviews.decide(requireActor(request), request.params.id, request.body.decision),
  );
};
