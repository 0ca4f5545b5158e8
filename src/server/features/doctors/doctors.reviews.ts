// Written reviews of doctors. A patient publishes one per closed, rated consultation (the
// consultations feature checks that and hands it here); it is screened by the community's
// word lists like a forum post: a match holds it for a moderator, who publishes or hides it.
// The doctor may answer a published review once. Readers see "a patient", never a name.
import type { Actor } from '../../platform/auth/actor.ts';
import { hasRole } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { DoctorReviewsStore, type ReviewRow as Row } from './doctors.reviews.store.ts';

export interface ReviewView {
  id: string;
  doctorId: string;
  stars: number;
  text: string;
  status: 'published' | 'held' | 'hidden';
  heldReason?: string | null;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}

/** Screens a text as forum posts are screened: a reason to hold it, or null. */
export type ReviewScreen = (text: string) => Promise<string | null>;

const view = (r: Row, forModerator = false): ReviewView => ({
  id: r.id,
  doctorId: r.doctor_id,
  stars: Number(r.stars),
  text: r.text,
  status: r.status as ReviewView['status'],
  ...(forModerator ? { heldReason: r.held_reason } : {}),
  answer: r.answer,
  answeredAt: r.answered_at,
  createdAt: r.created_at,
});

export class DoctorReviews {
  private screen: ReviewScreen = async () => null;
  private readonly store: DoctorReviewsStore;

  constructor(private readonly deps: { db: Database; clock: Clock; audit: AuditLog }) {
    this.store = new DoctorReviewsStore(deps.db);
  }

  /** The community's word lists, registered in app.ts (doctors does not import community). */
  registerScreen(screen: ReviewScreen): void {
    this.screen = screen;
  }

  async submit(input: { doctorId: string; consultationId: string; patientId: string; stars: number; text: string }): Promise<ReviewView> {
    const text = input.text.trim();
    if (text.length < 10) throw invalid({ text: 'write at least a sentence (10 characters)' });
    if (text.length > 2000) throw invalid({ text: 'must be at most 2000 characters' });
    if (await this.store.existsForConsultation(input.consultationId))
      throw conflict('already_reviewed', 'You have already published a review of this consultation.');
    const reason = await this.screen(text);
    const id = newId('drv');
    await this.store.insert({
      id,
      doctor_id: input.doctorId,
      consultation_id: input.consultationId,
      patient_id: input.patientId,
      stars: input.stars,
      text,
      status: reason ? 'held' : 'published',
      held_reason: reason,
      decided_by: null,
      answer: null,
      answered_at: null,
      created_at: this.deps.clock.now().toISOString(),
    });
    return this.get(id);
  }

  private async get(id: string): Promise<ReviewView> {
    const row = await this.store.find(id);
    if (!row) throw notFound('This review');
    return view(row);
  }

  async published(doctorId: string, limit = 50): Promise<ReviewView[]> {
    const rows = await this.store.published(doctorId, limit);
    return rows.map((r) => view(r));
  }

  async held(actor: Actor): Promise<ReviewView[]> {
    if (!hasRole(actor, 'moderator') && !hasRole(actor, 'admin')) throw forbidden('Only moderators review held reviews.');
    const rows = await this.store.held(200);
    return rows.map((r) => view(r, true));
  }

  async decide(actor: Actor, id: string, decision: 'publish' | 'hide'): Promise<ReviewView> {
    if (!hasRole(actor, 'moderator') && !hasRole(actor, 'admin')) throw forbidden('Only moderators decide on reviews.');
    if (!(await this.store.decide(id, decision === 'publish' ? 'published' : 'hidden', actor.userId))) throw notFound('This review');
    await this.deps.audit.record({ actorId: actor.userId, action: `doctor_review.${decision}`, resourceType: 'doctor_review', resourceId: id });
    return this.get(id);
  }

  /** The doctor answers a published review of theirs, once. */
  async answer(actor: Actor, id: string, rawText: string): Promise<ReviewView> {
    const row = await this.store.find(id);
    if (!row || row.doctor_id !== actor.userId || row.status !== 'published') throw notFound('This review');
    const text = rawText.trim();
    if (text.length < 2 || text.length > 2000) throw invalid({ text: 'write your answer (at most 2000 characters)' });
    const reason = await this.screen(text);
    if (reason) throw invalid({ text: reason }, 'Your answer contains words that are not allowed in public answers.');
    if (!(await this.store.answerOnce(id, text, this.deps.clock.now().toISOString())))
      throw conflict('already_answered', 'You have already answered this review; a review gets one answer.');
    return this.get(id);
  }
}
