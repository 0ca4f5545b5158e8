import { Type, type Static } from 'typebox';

export const LangSchema = Type.Union([Type.Literal('en'), Type.Literal('fr'), Type.Literal('zh')]);
export type Lang = Static<typeof LangSchema>;

export const SECTION_KEYS = ['overview', 'symptoms', 'causes', 'diagnosis', 'treatment', 'prevention', 'whenToSeeADoctor'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

const sectionText = (maxLength: number) => Type.String({ maxLength });

export const SectionsSchema = Type.Object(
  {
    overview: sectionText(20_000),
    symptoms: Type.Optional(sectionText(20_000)),
    causes: Type.Optional(sectionText(20_000)),
    diagnosis: Type.Optional(sectionText(20_000)),
    treatment: Type.Optional(sectionText(20_000)),
    prevention: Type.Optional(sectionText(20_000)),
    whenToSeeADoctor: Type.Optional(sectionText(20_000)),
  },
  { additionalProperties: false },
);
export type Sections = Static<typeof SectionsSchema>;

// is_a / kind: WordNet hypernym and hyponym; part_of / has_part: WordNet part holonym and meronym.
export const RelationSchema = Type.Union([
  Type.Literal('is_a'),
  Type.Literal('kind'),
  Type.Literal('part_of'),
  Type.Literal('has_part'),
  Type.Literal('see_also'),
  Type.Literal('treated_by'),
  Type.Literal('treats'),
]);
export type Relation = Static<typeof RelationSchema>;

export const EntryBody = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    lang: LangSchema,
    category: Type.String({ maxLength: 40 }),
    synonyms: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
    department: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
    sections: SectionsSchema,
    related: Type.Optional(Type.Array(Type.String({ maxLength: 160, description: 'Slug of a related entry' }), { maxItems: 50 })),
    summary: Type.Optional(Type.String({ maxLength: 500, description: 'What this edit changes, shown in the history.' })),
  },
  { additionalProperties: false },
);
export type EntryInput = Static<typeof EntryBody>;

export const WriteResult = Type.Object({
  slug: Type.String(),
  revision: Type.Integer(),
  status: Type.Union([Type.Literal('published'), Type.Literal('pending')]),
});

export const ReviewSchema = Type.Union([Type.Object({ reviewer: Type.String(), reviewedAt: Type.String() }), Type.Null()]);

export const TermSchema = Type.Object({
  lang: LangSchema,
  term: Type.String(),
  kind: Type.Union([Type.Literal('title'), Type.Literal('synonym'), Type.Literal('lay')]),
  source: Type.String({ description: 'Where the word comes from: freedict-eng-fra, freedict-fra-eng, cc-cedict, lay-terms…' }),
  status: Type.Union([Type.Literal('machine_matched'), Type.Literal('reviewed')], {
    description: 'machine_matched: matched from a dictionary, awaiting a doctor’s review',
  }),
  reviewer: Type.Union([Type.String(), Type.Null()], { description: 'The doctor who checked it, when reviewed' }),
});

export const EntrySchema = Type.Object({
  slug: Type.String(),
  title: Type.String({ description: 'In the reader’s language where the entry has a title in it' }),
  originalTitle: Type.String({ description: 'The title in the language the text is written in' }),
  titleLang: LangSchema,
  titleReview: Type.Union(
    [Type.Object({ status: TermSchema.properties.status, source: Type.String(), reviewer: Type.Union([Type.String(), Type.Null()]) }), Type.Null()],
    {
      description: 'Set when the title is a translation: whether a doctor confirmed it, and its source',
    },
  ),
  terms: Type.Array(TermSchema, { description: 'Titles, synonyms and lay words in every language' }),
  lang: LangSchema,
  translatedFrom: Type.Union([LangSchema, Type.Null()], {
    description: 'Set when the text is a person’s translation into the reader’s language; review is then the translation’s',
  }),
  category: Type.String(),
  synonyms: Type.Array(Type.String()),
  sections: SectionsSchema,
  related: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), relation: RelationSchema })),
  department: Type.Union([Type.String(), Type.Null()]),
  departmentName: Type.Union([Type.String(), Type.Null()]),
  review: ReviewSchema,
  revision: Type.Integer(),
  updatedAt: Type.String(),
  source: Type.String(),
  synthetic: Type.Boolean(),
});
export type Entry = Static<typeof EntrySchema>;

export const SearchQuerystring = Type.Object({
  q: Type.String({ description: 'What the person typed (1–200 characters); any syntax is plain text.' }),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Type.Optional(LangSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
});

export const SearchResultSchema = Type.Object({
  slug: Type.String(),
  title: Type.String({ description: 'In the reader’s language where the entry has a title in it' }),
  titleLang: LangSchema,
  category: Type.String(),
  lang: LangSchema,
  snippet: Type.String({ description: 'HTML-escaped excerpt with matched terms in <mark>.' }),
});

export const SearchAnswer = Type.Object({
  total: Type.Integer(),
  results: Type.Array(SearchResultSchema),
  suggestion: Type.Union([Type.String(), Type.Null()], { description: 'Did you mean: a corrected query, when the typed one found nothing.' }),
  corrected: Type.Boolean({ description: 'True when the results are those of the suggestion.' }),
});
export type SearchAnswerT = Static<typeof SearchAnswer>;

export const SuggestAnswer = Type.Object({
  suggestions: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), category: Type.String(), lang: LangSchema })),
});

export const BrowseQuerystring = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Type.Optional(LangSchema),
  letter: Type.Optional(Type.String({ pattern: '^([a-zA-Z]|#)$', description: 'A–Z, or # for titles starting otherwise' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const BrowseAnswer = Type.Object({
  total: Type.Integer(),
  results: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), category: Type.String(), lang: LangSchema })),
});

export const RevisionSummarySchema = Type.Object({
  revision: Type.Integer(),
  author: Type.String(),
  createdAt: Type.String(),
  status: Type.Union([Type.Literal('published'), Type.Literal('pending'), Type.Literal('rejected')]),
  current: Type.Boolean(),
  summary: Type.Union([Type.String(), Type.Null()]),
  baseRevision: Type.Integer(),
  reviewer: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type RevisionSummary = Static<typeof RevisionSummarySchema>;

export const RevisionContentSchema = Type.Object({
  title: Type.String(),
  lang: LangSchema,
  category: Type.String(),
  synonyms: Type.Array(Type.String()),
  department: Type.Union([Type.String(), Type.Null()]),
  sections: SectionsSchema,
  related: Type.Array(Type.Object({ slug: Type.String(), relation: RelationSchema })),
});
export type RevisionContent = Static<typeof RevisionContentSchema>;

export const RevisionSchema = Type.Intersect([RevisionSummarySchema, Type.Object({ slug: Type.String(), content: RevisionContentSchema })]);

export const DiffAnswer = Type.Object({
  slug: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      field: Type.String(),
      parts: Type.Array(Type.Object({ value: Type.String(), added: Type.Boolean(), removed: Type.Boolean() })),
    }),
  ),
});

export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const PendingSchema = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  revision: Type.Integer(),
  baseRevision: Type.Integer(),
  author: Type.String(),
  createdAt: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  isNewEntry: Type.Boolean(),
});

export const CategorySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  names: Type.Object({ en: Type.String(), zh: Type.String(), fr: Type.String() }),
  entries: Type.Integer(),
});

export const CategoryBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
    names: Type.Object(
      { en: Type.String({ minLength: 1, maxLength: 80 }), zh: Type.String({ minLength: 1, maxLength: 80 }), fr: Type.String({ minLength: 1, maxLength: 80 }) },
      { additionalProperties: false },
    ),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export type CategoryInput = Static<typeof CategoryBody>;

export const StatsAnswer = Type.Object({
  entries: Type.Integer(),
  byCategory: Type.Record(Type.String(), Type.Integer()),
});

// Doctors' review of machine-matched words

const ReviewLang = Type.Union([Type.Literal('fr'), Type.Literal('zh')]);

export const TermReviewQuerystring = Type.Object({
  lang: Type.Optional(ReviewLang),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const TermReviewList = Type.Object({
  department: Type.String(),
  departmentName: Type.String(),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      slug: Type.String(),
      entryTitle: Type.String({ description: 'The entry’s own (English) title' }),
      lang: LangSchema,
      term: Type.String(),
      kind: Type.Union([Type.Literal('title'), Type.Literal('synonym'), Type.Literal('lay')]),
      source: Type.String({ description: 'The dictionary it was matched from' }),
    }),
  ),
});

export const TermDecisionBody = Type.Object({
  slug: Type.String({ maxLength: 160 }),
  lang: ReviewLang,
  term: Type.String({ minLength: 1, maxLength: 200, description: 'The machine-matched word, as listed' }),
  decision: Type.Union([Type.Literal('confirm'), Type.Literal('correct'), Type.Literal('reject')]),
  correction: Type.Optional(Type.String({ maxLength: 200, description: 'With decision "correct": the word as it should read' })),
});

export const TermDecisionAnswer = Type.Object({
  slug: Type.String(),
  lang: LangSchema,
  term: Type.Union([Type.String(), Type.Null()], { description: 'The word now shown (null when rejected)' }),
  kind: Type.Union([Type.Literal('title'), Type.Literal('synonym'), Type.Literal('lay')]),
  status: Type.Union([Type.Literal('reviewed'), Type.Literal('rejected')]),
  reviewer: Type.String(),
});
