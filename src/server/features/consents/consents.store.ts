// The only code that touches consent_documents and consents.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';

export type ConsentDocument = 'terms' | 'privacy' | 'telemedicine';

export interface ConsentsTables {
  consent_documents: { document: string; version: string; seq: number; published_at: string; published_by: string | null };
  consents: { id: string; user_id: string; document: string; version: string; locale: string; text: string | null; accepted_at: string };
}

export interface ConsentRecord {
  document: ConsentDocument;
  version: string;
  locale: string;
  text: string | null;
  acceptedAt: string;
}

export interface PublishedVersion {
  document: ConsentDocument;
  version: string;
  publishedAt: string;
}

export class ConsentsStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.q as unknown as Kysely<ConsentsTables>;
  }

  /** Every published version, newest first within each document. */
  async published(): Promise<PublishedVersion[]> {
    const rows = await this.q().selectFrom('consent_documents').select(['document', 'version', 'published_at']).orderBy('seq', 'desc').execute();
    return rows.map((r) => ({ document: r.document as ConsentDocument, version: r.version, publishedAt: r.published_at }));
  }

  async exists(document: ConsentDocument, version: string): Promise<boolean> {
    return Boolean(
      await this.q().selectFrom('consent_documents').select('version').where('document', '=', document).where('version', '=', version).executeTakeFirst(),
    );
  }

  async publish(row: Omit<ConsentsTables['consent_documents'], 'seq'>): Promise<void> {
    const top = await this.q()
      .selectFrom('consent_documents')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('document', '=', row.document)
      .executeTakeFirst();
    await this.q()
      .insertInto('consent_documents')
      .values({ ...row, seq: Number(top?.seq ?? 0) + 1 })
      .execute();
  }

  async insert(row: ConsentsTables['consents']): Promise<void> {
    await this.q().insertInto('consents').values(row).execute();
  }

  async listFor(userId: string): Promise<ConsentRecord[]> {
    const rows = await this.q()
      .selectFrom('consents')
      .select(['document', 'version', 'locale', 'text', 'accepted_at'])
      .where('user_id', '=', userId)
      .orderBy('accepted_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({ document: r.document as ConsentDocument, version: r.version, locale: r.locale, text: r.text, acceptedAt: r.accepted_at }));
  }

  async has(userId: string, document: ConsentDocument, version: string): Promise<boolean> {
    return Boolean(
      await this.q()
        .selectFrom('consents')
        .select('id')
        .where('user_id', '=', userId)
        .where('document', '=', document)
        .where('version', '=', version)
        .executeTakeFirst(),
    );
  }
}
