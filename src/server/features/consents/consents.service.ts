// Consents: the terms and the privacy notice, accepted at sign-up and again when an
// operator publishes a new version (people accept it on their next visit: GET /api/me
// lists what is pending, and asking a doctor answers 409 consent_required until then);
// the telemedicine consent, accepted when asking a first consultation, kept with the very
// text the person was shown in their language, with their country's emergency number.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, invalid } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Locale } from '../../../shared/locales.ts';
import { emergencyNumbers } from '../triage/triage.red-flags.ts';
import { ConsentsStore, type ConsentDocument, type ConsentRecord } from './consents.store.ts';

export type { ConsentDocument } from './consents.store.ts';
export const DOCUMENTS: readonly ConsentDocument[] = ['terms', 'privacy', 'telemedicine'];
/** What a person accepts on signing up and on their next visit after a new version. */
export const SITE_DOCUMENTS: readonly ConsentDocument[] = ['terms', 'privacy'];

const TELEMEDICINE: Record<Locale, (numbers: string[]) => string> = {
  en: (n) =>
    `An online consultation is advice from a doctor, not a diagnosis: the doctor cannot examine you and may ask you to see a doctor in person. In an emergency call ${n.join(' or ')} now; do not wait for an answer here.`,
  zh: (n) => `在线问诊是医生的建议，不是诊断：医生无法为您进行检查，可能会建议您到医院就诊。如遇紧急情况，请立即拨打 ${n.join(' 或 ')}，不要在此等待回复。`,
  fr: (n) =>
    `Une consultation en ligne est un avis médical, pas un diagnostic : le médecin ne peut pas vous examiner et peut vous demander de consulter en personne. En cas d’urgence, appelez le ${n.join(' ou le ')} tout de suite ; n’attendez pas de réponse ici.`,
};

export interface Consent {
  document: ConsentDocument;
  version: string;
  acceptedAt: string;
  locale: string;
  text: string | null;
  current: boolean;
}

export class ConsentsService {
  readonly store: ConsentsStore;

  constructor(private readonly deps: { db: Database; clock: Clock; audit: AuditLog }) {
    this.store = new ConsentsStore(deps.db);
  }

  /** The current (last published) version of each document. */
  async current(): Promise<Record<ConsentDocument, { version: string; publishedAt: string }>> {
    const out = {} as Record<ConsentDocument, { version: string; publishedAt: string }>;
    for (const p of await this.store.published()) out[p.document] ??= { version: p.version, publishedAt: p.publishedAt };
    return out;
  }

  /** The telemedicine consent as shown to this person: their language, their country's emergency numbers. */
  telemedicineText(locale: Locale, country: string | null): string {
    return TELEMEDICINE[locale](emergencyNumbers(country));
  }

  private async record(
    userId: string,
    documents: readonly ConsentDocument[],
    locale: Locale,
    text: (d: ConsentDocument) => string | null,
  ): Promise<void> {
    const current = await this.current();
    const at = this.deps.clock.now().toISOString();
    for (const document of documents) {
      const version = current[document]!.version;
      if (await this.store.has(userId, document, version)) continue;
      await this.store.insert({ id: newId('cns'), user_id: userId, document, version, locale, text: text(document), accepted_at: at });
    }
  }

  /** Sign-up: the terms and the privacy notice, in the registration's transaction. */
  async acceptAtSignUp(userId: string, locale: Locale): Promise<void> {
    await this.record(userId, SITE_DOCUMENTS, locale, () => null);
  }

  /** For demo accounts (fictional people): the terms and the privacy notice, accepted. */
  async acceptSiteDocuments(userId: string, locale: Locale): Promise<void> {
    await this.record(userId, SITE_DOCUMENTS, locale, () => null);
  }

  /** What this actor has yet to accept before going on: the current terms and privacy
   * notice (a partner host's reader in the mini-program is under the host's terms). */
  async pending(actor: Pick<Actor, 'userId' | 'scope'>): Promise<ConsentDocument[]> {
    if (actor.scope === 'mini') return [];
    const current = await this.current();
    const pending: ConsentDocument[] = [];
    for (const d of SITE_DOCUMENTS) if (!(await this.store.has(actor.userId, d, current[d]!.version))) pending.push(d);
    return pending;
  }

  async list(
    actor: Actor,
  ): Promise<{ consents: Consent[]; pending: ConsentDocument[]; current: Record<ConsentDocument, { version: string; publishedAt: string }> }> {
    const current = await this.current();
    const consents = (await this.store.listFor(actor.userId)).map((r: ConsentRecord) => ({ ...r, current: current[r.document]?.version === r.version }));
    return { consents, pending: await this.pending(actor), current };
  }

  /** The person accepts the current version of these documents (the prompt after a new version). */
  async accept(actor: Actor, documents: ConsentDocument[], where: { locale: Locale; country: string | null }): Promise<void> {
    const unknown = documents.filter((d) => !DOCUMENTS.includes(d));
    if (documents.length === 0 || unknown.length > 0)
      throw invalid({ documents: `name one or more of ${DOCUMENTS.join(', ')}` }, 'Say which documents you accept.');
    await this.record(actor.userId, [...new Set(documents)], where.locale, (d) =>
      d === 'telemedicine' ? this.telemedicineText(where.locale, where.country) : null,
    );
  }

  /** Whether this person must still accept the current telemedicine consent. */
  async telemedicineRequired(userId: string): Promise<boolean> {
    const current = await this.current();
    return !(await this.store.has(userId, 'telemedicine', current.telemedicine!.version));
  }

  /** Before asking a doctor: the current terms (outside the mini-program) and the
   * telemedicine consent, accepted with this request (`accepted`) or before. */
  async beforeAsking(actor: Actor, accepted: boolean | undefined, where: { locale: Locale; country: string | null }): Promise<void> {
    const pending = await this.pending(actor);
    if (pending.length > 0) {
      throw new AppError(
        409,
        'consent_required',
        'The terms or the privacy notice have changed: read and accept the new version before you go on.',
        undefined,
        { documents: pending },
      );
    }
    if (!(await this.telemedicineRequired(actor.userId))) return;
    const text = this.telemedicineText(where.locale, where.country);
    if (accepted !== true) {
      const current = await this.current();
      throw new AppError(
        409,
        'telemedicine_consent_required',
        text,
        { acceptTelemedicine: 'accept the telemedicine consent to ask a doctor' },
        { consent: { document: 'telemedicine', version: current.telemedicine!.version, text } },
      );
    }
    await this.record(actor.userId, ['telemedicine'], where.locale, () => text);
  }

  /** An operator publishes a new version; everyone accepts it on their next visit (or, for
   * the telemedicine consent, their next question). */
  async publish(
    actor: Actor,
    input: { document: ConsentDocument; version: string },
  ): Promise<{ document: ConsentDocument; version: string; publishedAt: string }> {
    const version = input.version.trim();
    if (!DOCUMENTS.includes(input.document)) throw invalid({ document: `must be one of ${DOCUMENTS.join(', ')}` });
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(version))
      throw invalid({ version: 'letters, digits, dots and dashes, at most 32 (e.g. 2027-01-15)' }, 'This version name is not valid.');
    if (await this.store.exists(input.document, version)) throw conflict('version_exists', 'This version of the document is already published.');
    const publishedAt = this.deps.clock.now().toISOString();
    await this.store.publish({ document: input.document, version, published_at: publishedAt, published_by: actor.userId });
    await this.deps.audit.record({
      actorId: actor.userId,
      action: 'consent_document.published',
      resourceType: 'consent_document',
      resourceId: `${input.document}:${version}`,
    });
    return { document: input.document, version, publishedAt };
  }
}
