// The consultation API: what a patient sends to ask, the consultation, the queue, the quote,
// the care episode after a close. The server's routes validate and document with these
// schemas; the server and the web faces read the types (`Static<>`) from them.
import { Type, type Static } from 'typebox';
import { Nullable } from './common.ts';

export const ConsultationStatusSchema = Type.Union([
  Type.Literal('awaiting_payment'),
  Type.Literal('waiting'),
  Type.Literal('active'),
  Type.Literal('closed'),
  Type.Literal('expired'),
  Type.Literal('cancelled'),
]);

export const CreateConsultationBody = Type.Object(
  {
    department: Type.String({ minLength: 1, maxLength: 64 }),
    doctorId: Type.Optional(Type.String({ maxLength: 64 })),
    // Longer than kept (4000): the red-flag screen runs on any text before the length is checked.
    description: Type.String({ maxLength: 20000 }),
    age: Type.Optional(Type.Integer({ minimum: 0, maximum: 130 })),
    sex: Type.Optional(Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other')])),
    duration: Type.Optional(Type.String({ maxLength: 100, description: 'How long it has lasted, in the patient’s words.' })),
    medications: Type.Optional(Type.String({ maxLength: 1000, description: 'Medicines the patient takes now, with doses if known, in their words.' })),
    acknowledgedUrgent: Type.Optional(Type.Boolean()),
    clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Makes a retried create idempotent.' })),
    country: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{2}$',
        description: 'Where the patient is now (ISO 3166 code); by default the account’s country, else the phone number’s, else the language’s.',
      }),
    ),
    state: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z]{2}$', description: 'United States: the state the patient is in now.' }), Type.Null()])),
    language: Type.Optional(
      Type.String({ maxLength: 8, description: 'The language the patient writes in (en, zh, fr, es), or "any"; by default the interface language.' }),
    ),
    payInstead: Type.Optional(Type.Boolean({ description: 'Ask as a paid consultation without using the free one (which needs a verified phone).' })),
    acceptTelemedicine: Type.Optional(
      Type.Boolean({ description: 'The patient accepts the telemedicine consent (GET /api/me/consents/telemedicine). Needed once per version; without it: 409 telemedicine_consent_required.' }),
    ),
  },
  { additionalProperties: false },
);

export const ConsultationSchema = Type.Object({
  id: Type.String(),
  status: ConsultationStatusSchema,
  department: Type.String(),
  departmentName: Type.String(),
  patient: Type.Object({ id: Type.String(), displayName: Type.String() }),
  doctor: Nullable(Type.Object({ id: Type.String(), displayName: Type.String(), title: Nullable(Type.String()) })),
  requestedDoctorId: Nullable(Type.String()),
  description: Type.String(),
  age: Nullable(Type.Integer()),
  sex: Nullable(Type.String()),
  duration: Nullable(Type.String()),
  medications: Nullable(Type.String({ description: 'Medicines the patient takes now, in their words.' })),
  redFlags: Type.Array(Type.String(), { description: 'Codes, for programs; people read redFlagNotes.' }),
  redFlagNotes: Type.Array(Type.String(), { description: 'The red flags as sentences in the reader’s language.' }),
  emergencyNumbers: Type.Array(Type.String(), { description: 'Emergency numbers of the patient’s country, the first one first.' }),
  country: Type.String({ description: 'Where the patient was when asking.' }),
  patientState: Nullable(Type.String({ description: 'United States: the patient’s state.' })),
  language: Type.String({ description: 'The language the patient writes in, or "any".' }),
  price: Type.Integer({ description: 'Minor units (fen, cents).' }),
  amountDue: Type.Integer({ description: 'Minor units; 0 when free.' }),
  currency: Type.String(),
  free: Type.Boolean(),
  conversationId: Type.String(),
  createdAt: Type.String(),
  queuedAt: Nullable(Type.String()),
  replyDeadline: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  firstReplyAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  expiredAt: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  advice: Nullable(Type.String()),
  rating: Nullable(Type.Object({ stars: Type.Integer(), comment: Nullable(Type.String()), ratedAt: Type.String() })),
  refundNote: Nullable(Type.String()),
});

export const QueueItemSchema = Type.Object({
  id: Type.String(),
  department: Type.String(),
  description: Type.String(),
  age: Nullable(Type.Integer()),
  sex: Nullable(Type.String()),
  duration: Nullable(Type.String()),
  redFlags: Type.Array(Type.String()),
  redFlagNotes: Type.Array(Type.String(), { description: 'The red flags as sentences in the doctor’s language.' }),
  free: Type.Boolean(),
  price: Type.Integer(),
  amountDue: Type.Integer({ description: 'What the patient pays (0 when free), in currency.' }),
  doctorEarns: Type.Integer({ description: 'What this doctor is paid on closing it, in currency.' }),
  currency: Type.String(),
  addressedToMe: Type.Boolean(),
  country: Type.String(),
  patientState: Nullable(Type.String()),
  language: Type.String(),
  queuedAt: Type.String(),
  waitingSeconds: Type.Integer(),
  replyDeadline: Type.String(),
  reopened: Type.Optional(
    Type.Object(
      { followUpId: Type.String(), checkIn: Type.Boolean() },
      { description: 'A closed consultation reopened by the patient’s check-in answer: listed first.' },
    ),
  ),
});

/** Who can answer this patient, and why: what the ask page puts into words. */
export const WhoCanAnswerSchema = Type.Object({
  country: Type.String(),
  state: Nullable(Type.String()),
  language: Type.String(),
  licensedIn: Type.Array(Type.String()),
  sameState: Type.Boolean(),
  consultationNotDiagnosis: Type.Boolean({ description: 'China: a first online contact is a consultation, not a diagnosis.' }),
});

export const QuoteSchema = Type.Object({
  department: Type.String(),
  price: Type.Integer(),
  currency: Type.String(),
  free: Type.Boolean(),
  amountDue: Type.Integer(),
  replyPromiseSeconds: Type.Integer(),
  replyDeadlineIfAskedNow: Type.String({ description: 'When the reply promise would expire for a question asked now (then it is refunded).' }),
  onlineDoctors: Type.Integer({ description: 'Online doctors of the department who may answer this patient.' }),
  onlineElsewhere: Type.Array(Type.Object({ department: Type.String(), name: Type.String(), onlineDoctors: Type.Integer() }), {
    description: 'When nobody of this department is online: the departments where someone who may answer this patient is.',
  }),
  waiting: Type.Integer(),
  whoCanAnswer: WhoCanAnswerSchema,
});

export const QuoteQuery = Type.Object({
  department: Type.String({ minLength: 1, maxLength: 64 }),
  doctorId: Type.Optional(Type.String({ maxLength: 64 })),
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  state: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  language: Type.Optional(Type.String({ maxLength: 8 })),
});

export const JurisdictionRuleSchema = Type.Object({
  country: Type.String(),
  licensedIn: Type.Array(Type.String(), { description: 'Licence countries whose doctors may answer patients in this country.' }),
  sameState: Type.Boolean({ description: 'A licence from the patient’s own country must be for the patient’s state, or multi-state.' }),
});

export const ResponseTimesSchema = Type.Array(
  Type.Object({
    department: Type.String(),
    name: Type.String(),
    consultations: Type.Integer(),
    medianSeconds: Nullable(Type.Integer()),
    p95Seconds: Nullable(Type.Integer()),
    replyPromiseSeconds: Type.Integer(),
  }),
);

// The care episode after a close: follow-up questions and the check-in.
export const FollowUpSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('follow_up'), Type.Literal('check_in')], {
    description: 'A follow-up question, or a check-in answer that reopened the consultation.',
  }),
  text: Type.String(),
  redFlags: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('missed')]),
  askedAt: Type.String(),
  replyDeadline: Type.String(),
  repliedAt: Nullable(Type.String()),
  missedAt: Nullable(Type.String()),
  refunded: Type.Integer({ description: 'Minor units refunded because the reply deadline was missed.' }),
  note: Nullable(Type.String()),
});

export const CheckInSchema = Type.Object({
  hours: Type.Integer(),
  dueAt: Type.String(),
  askedAt: Nullable(Type.String()),
  answer: Nullable(Type.Union([Type.Literal('better'), Type.Literal('same'), Type.Literal('worse')])),
  text: Nullable(Type.String()),
  redFlags: Type.Array(Type.String()),
  answeredAt: Nullable(Type.String()),
});

export const CareSchema = Type.Object({
  followUps: Type.Array(FollowUpSchema),
  followUpLimit: Type.Integer(),
  followUpsLeft: Type.Integer(),
  followUpWindowEndsAt: Nullable(Type.String()),
  checkIn: Nullable(CheckInSchema),
});

export type ConsultationStatus = Static<typeof ConsultationStatusSchema>;
export type CreateConsultation = Static<typeof CreateConsultationBody>;
export type Consultation = Static<typeof ConsultationSchema>;
export type QueueItem = Static<typeof QueueItemSchema>;
export type WhoCanAnswer = Static<typeof WhoCanAnswerSchema>;
export type Quote = Static<typeof QuoteSchema>;
export type JurisdictionRule = Static<typeof JurisdictionRuleSchema>;
export type ResponseTimes = Static<typeof ResponseTimesSchema>;
export type FollowUp = Static<typeof FollowUpSchema>;
export type CheckIn = Static<typeof CheckInSchema>;
export type Care = Static<typeof CareSchema>;
