// The doctors API: an application and what the applicant sends, the review queue and
// decisions, the public directory's practitioner with its trust figures.
import { Type, type Static } from 'typebox';

export const CountrySchema = Type.Union([Type.Literal('CN'), Type.Literal('FR'), Type.Literal('US')]);
export const CurrencySchema = Type.Union([Type.Literal('CNY'), Type.Literal('EUR'), Type.Literal('USD')]);
export const StatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('needs_info'),
  Type.Literal('suspended'),
]);

/** The average rating is shown only from this many ratings up, so two friends cannot make a
 * doctor look perfect. */
export const RATING_THRESHOLD = 5;

export const DoctorStatsSchema = Type.Object({
  consultations: Type.Integer({ description: 'Consultations this doctor has closed.' }),
  ratingAverage: Type.Union([Type.Number(), Type.Null()], {
    description: `Average of patients' ratings (1–5, one decimal); null below ${RATING_THRESHOLD} ratings.`,
  }),
  ratingCount: Type.Integer(),
  medianFirstReplySeconds: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Median time from a question joining the queue to this doctor’s first reply; null before any.',
  }),
});
export type DoctorStats = Static<typeof DoctorStatsSchema>;

const idField = (description: string) => Type.Optional(Type.String({ maxLength: 40, description }));

export const IdentifiersSchema = Type.Object(
  {
    npi: idField('United States: National Provider Identifier, 10 digits.'),
    rpps: idField('France: RPPS number, 11 digits.'),
    adeli: idField('France: ADELI number, 9 characters, where it applies.'),
    cnResidentId: idField('China: resident identity card number, 18 characters.'),
    cnQualificationCert: idField('China: physician qualification certificate number (24 or 27 characters).'),
    cnPracticeCert: idField('China: physician practice certificate number (15 digits).'),
  },
  { additionalProperties: false },
);

export const ApplicationBody = Type.Object(
  {
    country: CountrySchema,
    fullName: Type.String({ minLength: 1, maxLength: 200, description: 'Legal name, as on the licence.' }),
    hospital: Type.String({ minLength: 1, maxLength: 200, description: 'Hospital or practice.' }),
    department: Type.String({ minLength: 1, maxLength: 60, description: 'A department code from /api/departments.' }),
    title: Type.String({ minLength: 1, maxLength: 100, description: 'Professional title, e.g. "Attending physician".' }),
    identifiers: IdentifiersSchema,
    licenceExpiresAt: Type.Optional(
      Type.Union([Type.String({ maxLength: 40, description: 'When the licence expires (YYYY-MM-DD or ISO-8601).' }), Type.Null()]),
    ),
    specialties: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 12 })),
    languages: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 10 }), { maxItems: 12, description: 'Language codes, e.g. ["zh", "en"].' })),
    bio: Type.Optional(Type.String({ maxLength: 2000 })),
    priceMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Consultation price in minor units (cents, fen).' })),
    currency: Type.Optional(CurrencySchema),
    usState: Type.Optional(
      Type.Union([Type.String({ pattern: '^[A-Z]{2}$', description: 'United States: the state of the licence, e.g. "IL".' }), Type.Null()]),
    ),
    multiState: Type.Optional(
      Type.Boolean({
        description: 'United States: the doctor holds a multi-state licence (Interstate Medical Licensure Compact) and may answer patients in any state.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApplicationInput = Static<typeof ApplicationBody>;

const RegistrySummary = Type.Object({
  name: Type.String(),
  identifierKind: Type.String(),
  outcome: Type.String({ description: 'match, name_mismatch, not_found, unreachable, malformed, inactive or manual_required' }),
  registeredName: Type.Union([Type.String(), Type.Null()]),
  checkedAt: Type.String(),
});

export const CheckSchema = Type.Object({
  code: Type.String({ description: 'identifiers, registry, duplicate_identifier, licence_expiry or documents' }),
  status: Type.Union([Type.Literal('passed'), Type.Literal('flagged'), Type.Literal('missing')]),
  message: Type.String({ description: 'The sentence in English; `key` and `params` let a client write it in its reader’s language.' }),
  key: Type.String({
    description:
      'identifiers_complete, identifiers_missing {identifiers}, registry_<outcome> {registry, identifier, name}, duplicate_identifier or duplicate_identifier_approved {identifier, count}, licence_expired or licence_valid {date}, licence_expiring {date, days}, documents_complete, documents_missing {documents}',
  }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String())])),
  registry: Type.Optional(RegistrySummary),
});

export const DocumentSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  createdAt: Type.String(),
  url: Type.String({ description: 'Readable by the applicant and reviewers only; never cached.' }),
});

export const DecisionSchema = Type.Object({
  action: Type.String(),
  fromStatus: Type.String(),
  toStatus: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  reviewerId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  reviewerName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const EvidenceSchema = Type.Object({
  id: Type.String(),
  registry: Type.String(),
  identifierKind: Type.String(),
  identifier: Type.String(),
  outcome: Type.String(),
  registeredName: Type.Union([Type.String(), Type.Null()]),
  request: Type.Unknown(),
  response: Type.Unknown(),
  recordedBy: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  checkedAt: Type.String(),
});

export const BadgeSchema = Type.Object({
  registry: Type.String({
    description:
      'What was checked: NPPES, Annuaire Santé (RPPS), an offline registry, or the source a reviewer consulted (e.g. NHC manual check); empty when an older approval named none',
  }),
  checkedBy: Type.Union([Type.Literal('registry'), Type.Literal('reviewer')], {
    description: 'registry: an automatic registry match; reviewer: a reviewer checked the source by hand and recorded it',
  }),
  identifier: Type.String({ description: 'Partly masked.' }),
  verifiedAt: Type.String(),
  nextCheckDue: Type.Union([Type.String(), Type.Null()]),
});

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  status: StatusSchema,
  country: CountrySchema,
  fullName: Type.String(),
  hospital: Type.String(),
  department: Type.String(),
  title: Type.String(),
  specialties: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  bio: Type.String(),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  priceMinor: Type.Integer(),
  currency: Type.String(),
  usState: Type.Union([Type.String(), Type.Null()]),
  multiState: Type.Boolean(),
  identifiers: Type.Record(Type.String(), Type.String()),
  licenceExpiresAt: Type.Union([Type.String(), Type.Null()]),
  pendingLicenceExpiresAt: Type.Union([Type.String(), Type.Null()]),
  online: Type.Boolean(),
  checks: Type.Array(CheckSchema),
  missing: Type.Array(Type.String({ description: 'What still stands between this application and submission or approval.' })),
  documents: Type.Array(DocumentSchema),
  decisions: Type.Array(DecisionSchema),
  evidence: Type.Array(EvidenceSchema),
  badge: Type.Union([BadgeSchema, Type.Null()]),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  verifiedAt: Type.Union([Type.String(), Type.Null()]),
  nextCheckDue: Type.Union([Type.String(), Type.Null()]),
  reverificationRequestedAt: Type.Union([Type.String(), Type.Null()]),
  renewalSubmittedAt: Type.Union([Type.String(), Type.Null()]),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Application = Static<typeof ApplicationSchema>;

export const ApplicationSummarySchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  fullName: Type.String(),
  status: StatusSchema,
  country: CountrySchema,
  department: Type.String(),
  hospital: Type.String(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  renewalSubmittedAt: Type.Union([Type.String(), Type.Null()]),
  flagged: Type.Integer({ description: 'How many automatic checks are flagged for the reviewer.' }),
  checks: Type.Array(CheckSchema),
});

export const PractitionerSchema = Type.Object({
  id: Type.String({ description: 'The doctor’s user id (the same as userId).' }),
  userId: Type.String(),
  fullName: Type.String(),
  title: Type.String(),
  hospital: Type.String(),
  department: Type.String(),
  specialties: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  bio: Type.String(),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  priceMinor: Type.Integer(),
  currency: Type.String(),
  online: Type.Boolean(),
  country: CountrySchema,
  usState: Type.Union([Type.String(), Type.Null()], { description: 'United States: the state of the licence.' }),
  multiState: Type.Boolean({ description: 'United States: a multi-state licence.' }),
  badge: BadgeSchema,
  stats: Type.Optional(DoctorStatsSchema),
});
export type Practitioner = Static<typeof PractitionerSchema>;

export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('needs_info'), Type.Literal('suspend')]),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type DecisionInput = Static<typeof DecisionBody>;

export const ManualEvidenceBody = Type.Object(
  {
    registry: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'The source consulted (e.g. "Annuaire Santé web page", "NPPES web lookup"). Default: "NHC manual check" for China, "Manual check" elsewhere.',
      }),
    ),
    identifierKind: Type.Optional(Type.String({ maxLength: 40 })),
    outcome: Type.Union([Type.Literal('match'), Type.Literal('name_mismatch'), Type.Literal('not_found')]),
    note: Type.String({ minLength: 1, maxLength: 2000, description: 'What was looked up where, and what it showed.' }),
  },
  { additionalProperties: false },
);
export type ManualEvidenceInput = Static<typeof ManualEvidenceBody>;

export const DirectoryQuery = Type.Object({
  department: Type.Optional(Type.String({ maxLength: 60 })),
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  online: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Words of a name or a hospital.' })),
  condition: Type.Optional(
    Type.String({ maxLength: 100, description: 'A condition, e.g. "eczema": doctors of the departments its encyclopedia entries are linked to.' }),
  ),
  sort: Type.Optional(
    Type.Union([Type.Literal('rating'), Type.Literal('response'), Type.Literal('price')], {
      description: 'rating: best first; response: fastest median first reply first; price: cheapest first.',
    }),
  ),
});

export const QueueQuery = Type.Object({
  status: Type.Optional(Type.Union([StatusSchema, Type.Literal('renewal')])),
});

export type Country = Static<typeof CountrySchema>;
export type ApplicationStatus = Static<typeof StatusSchema>;
export type Badge = Static<typeof BadgeSchema>;
export type Check = Static<typeof CheckSchema>;
export type DocumentInfo = Static<typeof DocumentSchema>;
export type Decision = Static<typeof DecisionSchema>;
export type Evidence = Static<typeof EvidenceSchema>;
export type ApplicationSummary = Static<typeof ApplicationSummarySchema>;
