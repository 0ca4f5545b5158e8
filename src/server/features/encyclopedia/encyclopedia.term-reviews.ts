// Doctors review the French and Chinese titles and synonyms matched by machine from the
// dictionaries, in their own specialty: each is confirmed (shown as checked, with the
// doctor's name), corrected (the doctor's word replaces it) or rejected (never shown or
// searched again). Every decision is written to the audit log, and no dictionary import
// overrides it (EncyclopediaTerms.upsert keeps reviewed and rejected words).
import type { Actor } from '../../platform/auth/actor.ts';
import { hasRole } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, forbidden, invalid, notFound, unauthorized } from '../../platform/http/errors.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { Lang } from './encyclopedia.schema.ts';
import type { EncyclopediaStore } from './encyclopedia.store.ts';
import { termKey, type EncyclopediaTerms } from './encyclopedia.terms.ts';

export type TermDecision = 'confirm' | 'correct' | 'reject';

export interface TermReviewDeps {
  db: Database;
  clock: Clock;
  audit?: AuditLog;
  departments: DepartmentsService;
  store: EncyclopediaStore;
  terms: EncyclopediaTerms;
  /** Index the entries again and tell the caches, once the decision is committed. */
  reindex: (entryIds: string[]) => Promise<void>;
  changed: () => void;
}

export class TermReviews {
  private departmentOf: (userId: string) => Promise<string | null> = async () => null;

  constructor(private readonly deps: TermReviewDeps) {}

  /** The doctors feature tells the department a practising doctor works in. */
  registerDoctorDepartment(lookup: (userId: string) => Promise<string | null>): void {
    this.departmentOf = lookup;
  }

  private async department(actor: Actor | null): Promise<string> {
    if (!actor) throw unauthorized();
    if (!hasRole(actor, 'doctor')) throw forbidden('Doctors review the titles matched by machine, in their own specialty.');
    const department = await this.departmentOf(actor.userId);
    if (!department) throw forbidden('Only a practising doctor with a specialty reviews these titles.');
    return department;
  }

  async list(actor: Actor | null, filter: { lang?: Lang; limit?: number; offset?: number }, locale: Lang) {
    const department = await this.department(actor);
    const found = await this.deps.terms.awaitingReview({ department, lang: filter.lang, limit: filter.limit ?? 50, offset: filter.offset ?? 0 });
    const names = await this.deps.departments.find(department);
    return { department, departmentName: names ? names.names[locale] : department, ...found };
  }

  async decide(actor: Actor | null, input: { slug: string; lang: Lang; term: string; decision: TermDecision; correction?: string }, requestId?: string) {
    const department = await this.department(actor);
    const who = actor!;
    if (input.lang === 'en') throw invalid({ lang: 'is fr or zh: English names are the entries’ own' });
    const correction = input.correction?.trim() ?? '';
    if (input.decision === 'correct' && !termKey(correction)) throw invalid({ correction: 'write the word as it should read' }, 'Write the corrected word.');
    const at = this.deps.clock.now().toISOString();
    const outcome = await this.deps.db.transaction(async () => {
      const entry = await this.deps.store.findBySlug(input.slug);
      if (!entry || entry.status !== 'published') throw notFound('This encyclopedia entry');
      const term = await this.deps.terms.find(entry.id, input.lang, input.term);
      if (!term) throw notFound('This term');
      if (entry.department !== department)
        throw new AppError(403, 'not_your_specialty', 'This entry belongs to another specialty: a doctor of that specialty reviews its titles.');
      if (term.status !== 'machine_matched')
        throw conflict(
          'already_reviewed',
          term.status === 'rejected' ? 'This word was already rejected.' : `This word was already reviewed by ${term.reviewer ?? 'a doctor'}.`,
        );
      const same = input.decision === 'correct' && termKey(correction) === term.key;
      const status = input.decision === 'reject' || (input.decision === 'correct' && !same) ? 'rejected' : 'reviewed';
      const ok = await this.deps.terms.decide(entry.id, input.lang, term.key, {
        status,
        by: { id: who.userId, name: who.displayName },
        at,
        ...(input.decision === 'correct' && !same ? { correction: { term: correction, kind: term.kind } } : {}),
      });
      if (!ok) throw conflict('already_reviewed', 'Someone reviewed this word a moment ago.');
      await this.deps.audit?.record(
        {
          actorId: who.userId,
          action: `encyclopedia.term_${input.decision === 'confirm' ? 'confirmed' : input.decision === 'correct' ? 'corrected' : 'rejected'}`,
          resourceType: 'encyclopedia_entry',
          resourceId: entry.id,
          detail: {
            slug: entry.slug,
            lang: input.lang,
            term: term.term,
            kind: term.kind,
            source: term.source,
            ...(input.decision === 'correct' ? { correction } : {}),
          },
          ...(requestId ? { requestId } : {}),
        },
      );
      await this.deps.reindex([entry.id]);
      const shown = input.decision === 'reject' ? null : input.decision === 'correct' ? correction : term.term;
      return {
        slug: entry.slug,
        lang: input.lang,
        term: shown,
        kind: term.kind,
        status: input.decision === 'reject' ? ('rejected' as const) : ('reviewed' as const),
        reviewer: who.displayName,
      };
    });
    this.deps.changed();
    return outcome;
  }
}
