// Doctor onboarding: applications, identifiers (with the uniqueness of approved ones),
// documents (encrypted blobs), decisions, registry evidence, and the offline registry
// that `lotus registry import` fills. Dialect-neutral: text ids, ISO text times, 0/1
// booleans, JSON as text, money in integer minor units.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doctor_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('hospital', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('specialties', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photo_document_id', 'text')
    .addColumn('price_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('licence_expires_at', 'text')
    .addColumn('pending_licence_expires_at', 'text') // a renewal waiting for review
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('checks_key', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verified_registry', 'text')
    .addColumn('next_check_due', 'text')
    .addColumn('reverification_requested_at', 'text')
    .addColumn('renewal_submitted_at', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('doctor_applications_user').on('doctor_applications').column('user_id').unique().execute();
  await db.schema.createIndex('doctor_applications_status').on('doctor_applications').columns(['status', 'department']).execute();

  // One row per identifier of an application. `approved_value` is set only while the
  // application is approved (or suspended): the unique index then makes it impossible for
  // two accounts to hold the same approved identifier, whatever races. NULLs never collide
  // in either dialect.
  await db.schema
    .createTable('doctor_identifiers')
    .addColumn('application_id', 'text', (c) => c.notNull().references('doctor_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('approved_value', 'text')
    .addPrimaryKeyConstraint('doctor_identifiers_pk', ['application_id', 'kind'])
    .execute();
  await db.schema.createIndex('doctor_identifiers_value').on('doctor_identifiers').columns(['kind', 'value']).execute();
  await db.schema.createIndex('doctor_identifiers_approved_unique').on('doctor_identifiers').columns(['kind', 'approved_value']).unique().execute();

  await db.schema
    .createTable('doctor_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('doctor_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('doctor_documents_application').on('doctor_documents').column('application_id').execute();

  await db.schema
    .createTable('doctor_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('doctor_applications.id').onDelete('cascade'))
    .addColumn('actor_id', 'text') // null: the system (licence expiry)
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('doctor_decisions_application').on('doctor_decisions').columns(['application_id', 'created_at']).execute();

  await db.schema
    .createTable('doctor_registry_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('doctor_applications.id').onDelete('cascade'))
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('identifier_kind', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('registered_name', 'text')
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('recorded_by', 'text') // null: automatic; a reviewer for manual evidence
    .addColumn('note', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('doctor_registry_evidence_application').on('doctor_registry_evidence').columns(['application_id', 'checked_at']).execute();

  await db.schema
    .createTable('registry_entries')
    .addColumn('identifier_kind', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('licence_expires_at', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_entries_pk', ['identifier_kind', 'identifier'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['registry_entries', 'doctor_registry_evidence', 'doctor_decisions', 'doctor_documents', 'doctor_identifiers', 'doctor_applications']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
