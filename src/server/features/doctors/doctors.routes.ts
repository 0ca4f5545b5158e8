import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { WebShell } from '../../platform/http/web-shell.ts';
import type { Config } from '../../config.ts';
import {
  ApplicationBody,
  ApplicationSchema,
  ApplicationSummarySchema,
  DecisionBody,
  DirectoryQuery,
  DocumentSchema,
  ManualEvidenceBody,
  PractitionerSchema,
  QueueQuery,
} from '../../../shared/contracts/doctors.ts';
import type { DoctorsService } from './doctors.service.ts';

export interface DoctorsRoutesOptions {
  doctors: DoctorsService;
  web: WebShell;
  config: Config;
}

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Binary = Type.Unknown({ description: 'The file (JPEG, PNG or PDF).' });

export const doctorsRoutes: FastifyPluginAsyncTypebox<DoctorsRoutesOptions> = async (app, { doctors, web, config }) => {
  // ---- the applicant ----

  app.get(
    '/api/doctor/application',
    { schema: { tags: ['doctors'], summary: 'My doctor application (null before I start one)', response: { 200: Type.Union([ApplicationSchema, Type.Null()]), ...errors(401) } } },
    async (request) => doctors.myApplication(requireActor(request)),
  );

  app.put(
    '/api/doctor/application',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Create or update my application; identifiers are checked and the registries asked',
        body: ApplicationBody,
        response: { 200: ApplicationSchema, ...errors(401, 409, 422) },
      },
    },
    async (request) => doctors.saveApplication(requireActor(request), request.body),
  );

  app.post(
    '/api/doctor/application/documents',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Upload a document (multipart: kind = licence | qualification | identity | photo | other, file)',
        consumes: ['multipart/form-data'],
        response: { 201: DocumentSchema, ...errors(401, 409, 413, 415, 422) },
      },
      config: { rateLimit: { max: 60, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the document as multipart/form-data with the fields kind and file.');
      let kind: string | undefined;
      let bytes: Buffer | null = null;
      // Fields may come before or after the file; read them all. toBuffer() answers 413
      // (FST_REQ_FILE_TOO_LARGE) past the 10 MB limit set in app.ts.
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || bytes) {
            await part.toBuffer();
            continue;
          }
          bytes = await part.toBuffer();
        } else if (part.fieldname === 'kind') kind = String(part.value);
      }
      if (!bytes || bytes.length === 0) throw new AppError(422, 'validation_failed', 'Attach the document as the field "file".', { file: 'is required' });
      const doc = await doctors.uploadDocument(actor, kind, bytes, request.id);
      return reply.status(201).send(doc);
    },
  );

  app.post(
    '/api/doctor/application/submit',
    { schema: { tags: ['doctors'], summary: 'Send my application (or my licence renewal) for review', response: { 200: ApplicationSchema, ...errors(401, 409, 422) } } },
    async (request) => doctors.submit(requireActor(request)),
  );

  app.get(
    '/api/doctor/documents/:id',
    {
      schema: {
        tags: ['doctors'],
        summary: 'A document, for its applicant and reviewers only (never cached; every read audited)',
        params: IdParams,
        response: { 200: Binary, ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      const doc = await doctors.readDocument(requireActor(request), request.params.id, request.id);
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', `${doc.mime === 'application/pdf' ? 'attachment' : 'inline'}; filename="${doc.kind}.${doc.mime.split('/')[1]}"`);
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return reply.type(doc.mime).send(doc.bytes);
    },
  );

  app.post(
    '/api/doctor/status',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Go online or offline (verified doctors only)',
        body: Type.Object({ online: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ online: Type.Boolean() }), ...errors(401, 403, 422) },
      },
    },
    async (request) => doctors.setOnline(requireActor(request), request.body.online),
  );

  // ---- reviewers ----

  app.get(
    '/api/admin/doctor-applications',
    {
      schema: {
        tags: ['doctors'],
        summary: 'The review queue (status=submitted by default; status=renewal for licence renewals)',
        querystring: QueueQuery,
        response: { 200: Type.Array(ApplicationSummarySchema), ...errors(401, 403, 422) },
      },
    },
    async (request) => doctors.review.queue(requireActor(request), request.query.status ?? 'submitted'),
  );

  app.get(
    '/api/admin/doctor-applications/:id',
    { schema: { tags: ['doctors'], summary: 'One application in full, with checks, evidence and documents', params: IdParams, response: { 200: ApplicationSchema, ...errors(401, 403, 404) } } },
    async (request) => doctors.review.get(requireActor(request), request.params.id, request.id),
  );

  app.post(
    '/api/admin/doctor-applications/:id/decision',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Approve, reject, ask for more information, or suspend (a reason is required except to approve; approving a flagged application needs recorded evidence first: 409 evidence_required)',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ApplicationSchema, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => doctors.review.decide(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/doctor-applications/:id/evidence',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Record what a reviewer checked by hand (the source consulted, what it showed, a note), for any country; a match lets a flagged application be approved',
        params: IdParams,
        body: ManualEvidenceBody,
        response: { 200: ApplicationSchema, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => doctors.review.addEvidence(requireActor(request), request.params.id, request.body),
  );

  // ---- patients: the directory ----

  app.get(
    '/api/doctors',
    {
      schema: {
        tags: ['doctors'],
        summary: 'Practising doctors (approved, not suspended, licence valid), each with a credential badge',
        querystring: DirectoryQuery,
        response: { 200: Type.Array(PractitionerSchema), ...errors(422) },
      },
    },
    async (request) => doctors.directory({ ...(request.query.department ? { department: request.query.department } : {}), ...(request.query.lang ? { lang: request.query.lang } : {}), ...(request.query.online !== undefined ? { online: request.query.online } : {}), ...(request.query.q ? { q: request.query.q } : {}), ...(request.query.condition ? { condition: request.query.condition } : {}), ...(request.query.sort ? { sort: request.query.sort } : {}) }),
  );

  app.get(
    '/api/doctors/:id',
    { schema: { tags: ['doctors'], summary: 'A practising doctor’s public profile', params: IdParams, response: { 200: PractitionerSchema, ...errors(404) } } },
    async (request) => {
      const doctor = await doctors.profile(request.params.id);
      if (!doctor) throw new AppError(404, 'not_found', 'This doctor was not found.');
      return doctor;
    },
  );

  app.get(
    '/api/doctors/:id/photo',
    { schema: { tags: ['doctors'], summary: 'A practising doctor’s profile photo', params: IdParams, response: { 200: Binary, ...errors(404) } } },
    async (request, reply) => {
      const photo = await doctors.practitionerPhoto(request.params.id);
      if (!photo) throw new AppError(404, 'not_found', 'This photo was not found.');
      reply.header('cache-control', 'public, max-age=300');
      return reply.type(photo.mime).send(photo.bytes);
    },
  );

  // The profile page, with Open Graph tags so a shared link previews the doctor.
  app.get('/doctors/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const doctor = await doctors.practitioner(request.params.id);
    const url = `${config.publicUrl}/doctors/${encodeURIComponent(request.params.id)}`;
    if (!doctor) return web.send(reply, 'patient', request.locale, { title: 'Doctor not found', url }, 404);
    return web.send(reply, 'patient', request.locale, {
      title: `${doctor.fullName}, ${doctor.title}`,
      description: `${doctor.title} at ${doctor.hospital}. Verified with ${doctor.badge.registry} on ${doctor.badge.verifiedAt.slice(0, 10)}.`,
      url,
      type: 'profile',
      ...(doctor.photoUrl ? { image: `${config.publicUrl}${doctor.photoUrl}` } : {}),
    });
  });
};
