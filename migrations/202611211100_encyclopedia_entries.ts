// The medical encyclopedia: categories, entries (the published revision, denormalised for
// fast reads), every revision (immutable content as JSON text), and the search index,
// which is the one part that differs by dialect: an FTS5 table on SQLite, a tsvector
// with a GIN index on PostgreSQL. Both index the same application-normalised tokens.
import { sql, type Kysely } from 'kysely';

const categories: Array<[code: string, en: string, zh: string, fr: string]> = [
  ['disease', 'Diseases and conditions', '疾病', 'Maladies'],
  ['symptom', 'Symptoms', '症状', 'Symptômes'],
  ['drug', 'Drugs and medicines', '药品', 'Médicaments'],
  ['test', 'Tests and examinations', '检查', 'Examens'],
  ['procedure', 'Procedures and surgery', '手术与治疗', 'Interventions'],
  ['body_part', 'Body parts', '人体部位', 'Anatomie'],
  ['healthy_living', 'Healthy living', '健康生活', 'Vie saine'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('encyclopedia_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('encyclopedia_categories')
    .values(categories.map(([code, en, zh, fr], i) => ({ code, name_en: en, name_zh: zh, name_fr: fr, sort_order: (i + 1) * 10 })))
    .execute();

  await db.schema
    .createTable('encyclopedia_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    // 'published' once a revision is published; 'draft' while its only revisions wait for review.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_sort', 'text', (c) => c.notNull())
    .addColumn('initial', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('synonyms', 'text', (c) => c.notNull()) // JSON array of strings
    .addColumn('sections', 'text', (c) => c.notNull()) // JSON object
    .addColumn('related', 'text', (c) => c.notNull()) // JSON array of {slug, relation}
    .addColumn('revision', 'integer', (c) => c.notNull()) // the published revision, 0 when none
    .addColumn('last_revision', 'integer', (c) => c.notNull())
    .addColumn('reviewer_id', 'text')
    .addColumn('reviewer_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // editor | import | wordnet | synthetic
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('encyclopedia_entries_slug').on('encyclopedia_entries').column('slug').unique().execute();
  await db.schema.createIndex('encyclopedia_entries_browse').on('encyclopedia_entries').columns(['status', 'category', 'initial', 'title_sort']).execute();
  await db.schema.createIndex('encyclopedia_entries_alpha').on('encyclopedia_entries').columns(['status', 'initial', 'title_sort']).execute();

  await db.schema
    .createTable('encyclopedia_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('encyclopedia_entries.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('base_revision', 'integer', (c) => c.notNull())
    // published | pending | rejected
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('encyclopedia_revisions_entry').on('encyclopedia_revisions').columns(['entry_id', 'revision']).unique().execute();
  await db.schema.createIndex('encyclopedia_revisions_status').on('encyclopedia_revisions').columns(['status', 'created_at']).execute();

  if (db.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    await sql`create table encyclopedia_search (
      entry_id text primary key references encyclopedia_entries(id) on delete cascade,
      lang text not null,
      category text not null,
      document tsvector not null
    )`.execute(db);
    await sql`create index encyclopedia_search_document on encyclopedia_search using gin (document)`.execute(db);
  } else {
    // The FTS5 rowid is the map's integer key, so an entry's document can be replaced.
    await sql`create table encyclopedia_fts_map (doc integer primary key, entry_id text not null unique references encyclopedia_entries(id) on delete cascade)`.execute(db);
    await sql`create virtual table encyclopedia_fts using fts5(title, body, tokenize = 'unicode61 remove_diacritics 0', detail = 'column')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    await sql`drop table if exists encyclopedia_search`.execute(db);
  } else {
    await sql`drop table if exists encyclopedia_fts`.execute(db);
    await sql`drop table if exists encyclopedia_fts_map`.execute(db);
  }
  for (const table of ['encyclopedia_revisions', 'encyclopedia_entries', 'encyclopedia_categories']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
