// The care episode after a close. The patient may ask FOLLOW_UP_LIMIT free follow-up
// questions within FOLLOW_UP_WINDOW_HOURS in the same conversation; each reopens it for
// the doctor's reply and has its own reply deadline (24 h unless the department says
// otherwise). A missed deadline refunds the configured share of the price, once per
// consultation, through the payments service (a free consultation has nothing to refund:
// the patient is offered another doctor). The doctor's reply answers every open follow-up
// and makes the conversation read-only again.
//
// A check-in set at close asks the patient, when due, "better, the same, or worse?".
// "Worse", or red-flag words in the answer (the triage feature, en/fr/zh), opens a free
// follow-up at the front of the doctor's queue; after DEPARTMENT_AFTER_MINUTES without the
// doctor, any doctor of the department who may answer the patient can take it. Red flags
// put the emergency guidance first.
import { ConfigError } from '../../config.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hasRole } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { systemLine, type SystemLine } from '../../../shared/system-lines.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import { channelOf, type MessagingService } from '../messaging/messaging.service.ts';
import { announceChange, announceQueue } from './consultations.events.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import { detectRedFlags, emergencyNumber, type EmergencyNumber } from '../triage/triage.red-flags.ts';
import type { CheckIn as CheckInView, FollowUp as FollowUpView } from '../../../shared/contracts/consultations.ts';
import type { ConsultationRow } from './consultations.store.ts';

export const FOLLOW_UP_LIMIT = 2;
export const FOLLOW_UP_WINDOW_HOURS = 72;
export const DEFAULT_FOLLOW_UP_REPLY_SECONDS = 24 * 3600;
export const DEPARTMENT_AFTER_MINUTES = 10;
export const CHECK_IN_HOURS = [24, 48, 72] as const;
const CONSULTATION = 'consultation';

export interface FollowUpsConfig {
  /** LOTUS_FOLLOW_UP_REFUND_PERCENT: the share of the price refunded when a follow-up's reply deadline is missed. */
  refundPercent: number;
}

export function followUpsConfig(raw: Record<string, string | undefined>): FollowUpsConfig {
  const value = raw.LOTUS_FOLLOW_UP_REFUND_PERCENT?.trim();
  if (!value) return { refundPercent: 50 };
  if (!/^\d+$/.test(value) || Number(value) > 100) throw new ConfigError('LOTUS_FOLLOW_UP_REFUND_PERCENT', `must be a whole number from 0 to 100, got "${value}"`);
  return { refundPercent: Number(value) };
}

type Tables = {
  consultation_follow_ups: {
    id: string;
    consultation_id: string;
    conversation_id: string;
    department: string;
    doctor_id: string;
    kind: string;
    seq: number;
    text: string;
    red_flags: string;
    status: string;
    asked_at: string;
    reply_deadline: string;
    department_open_at: string | null;
    taken_by: string | null;
    replied_at: string | null;
    missed_at: string | null;
    refunded_minor: number;
    note: string | null;
  };
  consultation_check_ins: {
    consultation_id: string;
    conversation_id: string;
    hours: number;
    due_at: string;
    asked_at: string | null;
    answer: string | null;
    answer_text: string | null;
    red_flags: string;
    answered_at: string | null;
    follow_up_id: string | null;
  };
  consultation_follow_up_settings: { department: string; reply_seconds: number; updated_at: string; updated_by: string | null };
};

const followUpColumns = ['id', 'consultation_id', 'conversation_id', 'department', 'doctor_id', 'kind', 'text', 'red_flags', 'status', 'asked_at', 'reply_deadline', 'department_open_at', 'taken_by', 'replied_at', 'missed_at', 'refunded_minor', 'note'] as const;
const checkInColumns = ['consultation_id', 'conversation_id', 'hours', 'due_at', 'asked_at', 'answer', 'answer_text', 'red_flags', 'answered_at', 'follow_up_id'] as const;


type FollowUpRow = Pick<Tables['consultation_follow_ups'], (typeof followUpColumns)[number]>;
type CheckInRow = Pick<Tables['consultation_check_ins'], (typeof checkInColumns)[number]>;

const toFollowUp = (r: FollowUpRow): FollowUpView => ({
  id: r.id,
  kind: r.kind as FollowUpView['kind'],
  text: r.text,
  redFlags: parseJson<string[]>(r.red_flags, []),
  status: r.status as FollowUpView['status'],
  askedAt: r.asked_at,
  replyDeadline: r.reply_deadline,
  repliedAt: r.replied_at,
  missedAt: r.missed_at,
  refunded: Number(r.refunded_minor),
  note: r.note,
});

const toCheckIn = (r: CheckInRow): CheckInView => ({
  hours: Number(r.hours),
  dueAt: r.due_at,
  askedAt: r.asked_at,
  answer: r.answer as CheckInView['answer'],
  text: r.answer_text,
  redFlags: parseJson<string[]>(r.red_flags, []),
  answeredAt: r.answered_at,
});

export interface CareDeps {
  db: Database;
  clock: Clock;
  bus: Bus;
  audit: AuditLog;
  departments: DepartmentsService;
  messaging: MessagingService;
  payments: PaymentsService;
  config: FollowUpsConfig;
  /** The consultation, read as the consultations service reads it. */
  find: (id: string) => Promise<ConsultationRow | null>;
  /** Tells a person of an event, in its transaction (the notifications feature, when wired). */
  tell?: (userId: string, kind: 'consultation_follow_up_answered', link: string) => Promise<void>;
}

export class CareEpisode {
  constructor(private readonly deps: CareDeps) {}

  private q() {
    return this.deps.db.withTables<Tables>();
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  async replySeconds(department: string): Promise<number> {
    const row = await this.q().selectFrom('consultation_follow_up_settings').select('reply_seconds').where('department', '=', department).executeTakeFirst();
    return row ? Number(row.reply_seconds) : DEFAULT_FOLLOW_UP_REPLY_SECONDS;
  }

  async setReplySeconds(actor: Actor, department: string, seconds: number): Promise<void> {
    if (!hasRole(actor, 'admin')) throw forbidden();
    if (!(await this.deps.departments.exists(department))) throw notFound('This department');
    const now = this.now().toISOString();
    await this.q()
      .insertInto('consultation_follow_up_settings')
      .values({ department, reply_seconds: seconds, updated_at: now, updated_by: actor.userId })
      .onConflict((oc) => oc.column('department').doUpdateSet({ reply_seconds: seconds, updated_at: now, updated_by: actor.userId }))
      .execute();
    await this.deps.audit.record({ actorId: actor.userId, action: 'consultation.follow_up_reply_set', resourceType: 'department', resourceId: department, detail: { seconds } });
  }

  private async followUpsOf(consultationId: string): Promise<FollowUpView[]> {
    const rows = await this.q().selectFrom('consultation_follow_ups').select(followUpColumns).where('consultation_id', '=', consultationId).orderBy('asked_at').orderBy('id').execute();
    return rows.map(toFollowUp);
  }

  private async checkInOf(consultationId: string): Promise<CheckInView | null> {
    const row = await this.q().selectFrom('consultation_check_ins').select(checkInColumns).where('consultation_id', '=', consultationId).executeTakeFirst();
    return row ? toCheckIn(row) : null;
  }

  /** Follow-ups, what is left of them, and the check-in: for the patient and the doctor. */
  async view(c: ConsultationRow) {
    const followUps = await this.followUpsOf(c.id);
    const used = followUps.filter((f) => f.kind === 'follow_up').length;
    const windowEndsAt = c.closedAt ? new Date(Date.parse(c.closedAt) + FOLLOW_UP_WINDOW_HOURS * 3600_000).toISOString() : null;
    const open = windowEndsAt !== null && windowEndsAt > this.now().toISOString();
    return {
      followUps,
      followUpLimit: FOLLOW_UP_LIMIT,
      followUpsLeft: c.status === 'closed' && open ? Math.max(0, FOLLOW_UP_LIMIT - used) : 0,
      followUpWindowEndsAt: windowEndsAt,
      checkIn: await this.checkInOf(c.id),
    };
  }

  // ---- follow-up questions ----------------------------------------------------------

  async ask(actor: Actor, c: ConsultationRow, rawText: string): Promise<FollowUpView> {
    if (c.patientId !== actor.userId) throw forbidden('Only the patient asks follow-up questions.');
    if (c.status !== 'closed' || !c.closedAt || !c.doctorId) throw conflict('not_closed', 'Follow-up questions can be asked once the doctor has closed the consultation.');
    const text = rawText.replace(/\r\n/g, '\n').trim();
    if (text.length < 3) throw invalid({ text: 'write your question' });
    if (text.length > 4000) throw invalid({ text: 'must be at most 4000 characters' });
    const now = this.now();
    const askAgain = { doctorId: c.doctorId, department: c.department };
    if (now.getTime() > Date.parse(c.closedAt) + FOLLOW_UP_WINDOW_HOURS * 3600_000) {
      throw new AppError(409, 'follow_up_window_closed', `Follow-up questions can be asked for ${FOLLOW_UP_WINDOW_HOURS} hours after the consultation closed. You can ask the same doctor a new question.`, undefined, { askAgain });
    }
    const id = newId('fup');
    const deadline = new Date(now.getTime() + (await this.replySeconds(c.department)) * 1000).toISOString();
    const attempt = () =>
      this.deps.db.transaction(async () => {
        const used = await this.q().selectFrom('consultation_follow_ups').select((eb) => eb.fn.countAll<number>().as('n')).where('consultation_id', '=', c.id).where('kind', '=', 'follow_up').executeTakeFirstOrThrow();
        if (Number(used.n) >= FOLLOW_UP_LIMIT) return false;
        // The unique (consultation, kind, seq) index refuses a racing twin taking the same number.
        await this.insertFollowUp({ id, c, kind: 'follow_up', seq: Number(used.n) + 1, text, redFlags: detectRedFlags(text).flags, deadline, departmentOpenAt: null });
        await this.deps.messaging.reopen(c.conversationId);
        return true;
      });
    let ok: boolean;
    try {
      ok = await attempt();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      ok = await attempt();
    }
    if (!ok) {
      throw new AppError(409, 'follow_up_limit', `The ${FOLLOW_UP_LIMIT} free follow-up questions of this consultation are used. You can ask the same doctor a new question.`, undefined, { askAgain });
    }
    await this.deps.bus.publish(channelOf(c.conversationId), { type: 'reopened', conversationId: c.conversationId });
    await announceChange(this.deps.bus, c);
    await this.deps.messaging.postMessage(actor, c.conversationId, { clientId: `follow-up-${id}`, text });
    return (await this.followUpsOf(c.id)).find((f) => f.id === id)!;
  }

  private async insertFollowUp(f: { id: string; c: ConsultationRow; kind: 'follow_up' | 'check_in'; seq: number; text: string; redFlags: string[]; deadline: string; departmentOpenAt: string | null }) {
    await this.q()
      .insertInto('consultation_follow_ups')
      .values({
        id: f.id,
        consultation_id: f.c.id,
        conversation_id: f.c.conversationId,
        department: f.c.department,
        doctor_id: f.c.doctorId!,
        kind: f.kind,
        seq: f.seq,
        text: f.text,
        red_flags: JSON.stringify(f.redFlags),
        status: 'open',
        asked_at: this.now().toISOString(),
        reply_deadline: f.deadline,
        department_open_at: f.departmentOpenAt,
        taken_by: null,
        replied_at: null,
        missed_at: null,
        refunded_minor: 0,
        note: null,
      })
      .execute();
  }

  /** Who besides the consultation's doctor may write in it: a department doctor who took a reopened check-in. */
  async isTakenBy(conversationId: string, userId: string): Promise<boolean> {
    const row = await this.q().selectFrom('consultation_follow_ups').select('id').where('conversation_id', '=', conversationId).where('taken_by', '=', userId).executeTakeFirst();
    return Boolean(row);
  }

  /** Every stored message of a consultation conversation: the doctor's message answers the
   * open follow-ups, and the conversation is read-only again. One conditional statement. */
  async onMessage(conversationId: string, senderId: string, at: string): Promise<void> {
    // Most messages answer nothing: one cheap read before opening a transaction.
    const open = await this.q().selectFrom('consultation_follow_ups').select('consultation_id').where('conversation_id', '=', conversationId).where('status', '=', 'open').executeTakeFirst();
    if (!open) return;
    const answered = await this.deps.db.transaction(async () => {
      const result = await this.q()
        .updateTable('consultation_follow_ups')
        .set({ status: 'answered', replied_at: at })
        .where('conversation_id', '=', conversationId)
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('doctor_id', '=', senderId), eb('taken_by', '=', senderId)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      await this.closeIfNothingOpen(conversationId);
      // The patient hears of the answer in the transaction that records it.
      const c = await this.deps.find(open.consultation_id);
      if (c) await this.deps.tell?.(c.patientId, 'consultation_follow_up_answered', `/consultations/${c.id}`);
      return c;
    });
    if (answered) await announceChange(this.deps.bus, answered, [senderId]);
  }

  /** A system line in a conversation that may be read-only: opened for the line, closed again. */
  private async postLine(conversationId: string, line: SystemLine & { text: string }) {
    const reopened = await this.deps.messaging.reopen(conversationId);
    const message = await this.deps.messaging.postSystemMessage(conversationId, line);
    if (reopened) await this.deps.messaging.close(conversationId);
    return message;
  }

  private async closeIfNothingOpen(conversationId: string): Promise<void> {
    const open = await this.q().selectFrom('consultation_follow_ups').select('id').where('conversation_id', '=', conversationId).where('status', '=', 'open').executeTakeFirst();
    if (!open) await this.deps.messaging.close(conversationId);
  }

  /** Reopened check-ins a doctor should see first: their own at once, the department's after the delay. */
  async queueFor(doctorId: string, department: string): Promise<Array<FollowUpView & { consultationId: string; addressedToMe: boolean }>> {
    const now = this.now().toISOString();
    const rows = await this.q()
      .selectFrom('consultation_follow_ups')
      .select(followUpColumns)
      .where('status', '=', 'open')
      .where('kind', '=', 'check_in')
      .where((eb) =>
        eb.or([
          eb('doctor_id', '=', doctorId),
          eb('taken_by', '=', doctorId),
          eb.and([eb('department', '=', department), eb('taken_by', 'is', null), eb('department_open_at', '<=', now)]),
        ]),
      )
      .orderBy('asked_at')
      .limit(50)
      .execute();
    return rows.map((r) => ({ ...toFollowUp(r), consultationId: r.consultation_id, addressedToMe: r.doctor_id === doctorId || r.taken_by === doctorId }));
  }

  /** A department doctor takes a reopened check-in the consultation's doctor has not answered. */
  async take(actor: Actor, c: ConsultationRow, mayAnswer: () => Promise<void>): Promise<FollowUpView> {
    const now = this.now().toISOString();
    const open = (await this.followUpsOf(c.id)).find((f) => f.kind === 'check_in' && f.status === 'open');
    if (!open) throw conflict('no_open_check_in', 'This consultation has no reopened check-in waiting for a doctor.');
    if (c.doctorId === actor.userId) return open;
    await mayAnswer();
    const ok = await this.deps.db.transaction(async () => {
      const r = await this.q()
        .updateTable('consultation_follow_ups')
        .set({ taken_by: actor.userId })
        .where('id', '=', open.id)
        .where('status', '=', 'open')
        .where('taken_by', 'is', null)
        .where('department_open_at', '<=', now)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await this.deps.messaging.addMember(c.conversationId, actor.userId, 'member', actor.userId);
      return true;
    });
    if (!ok) throw conflict('already_taken', `The consultation's own doctor has ${DEPARTMENT_AFTER_MINUTES} minutes to answer first, or another doctor has taken it.`);
    await this.deps.messaging.postSystemMessage(c.conversationId, systemLine('check_in_taken', { name: actor.displayName }));
    await announceQueue(this.deps.bus, 'taken', c);
    await announceChange(this.deps.bus, c, [actor.userId]);
    return (await this.followUpsOf(c.id)).find((f) => f.id === open.id)!;
  }

  // ---- check-ins --------------------------------------------------------------------

  async scheduleCheckIn(c: ConsultationRow, hours: number): Promise<void> {
    const due = new Date(this.now().getTime() + hours * 3600_000).toISOString();
    await this.q()
      .insertInto('consultation_check_ins')
      .values({ consultation_id: c.id, conversation_id: c.conversationId, hours, due_at: due, asked_at: null, answer: null, answer_text: null, red_flags: '[]', answered_at: null, follow_up_id: null })
      .onConflict((oc) => oc.column('consultation_id').doNothing())
      .execute();
  }

  async answerCheckIn(actor: Actor, c: ConsultationRow, input: { answer: 'better' | 'same' | 'worse'; text?: string }): Promise<{ checkIn: CheckInView; followUp: FollowUpView | null; emergency: EmergencyNumber | null }> {
    if (c.patientId !== actor.userId) throw forbidden('Only the patient answers the check-in.');
    const checkIn = await this.checkInOf(c.id);
    if (!checkIn) throw notFound('This check-in', 'check_in_not_found');
    if (!checkIn.askedAt) throw conflict('check_in_not_due', `The doctor will ask how you are on ${checkIn.dueAt.slice(0, 16).replace('T', ' ')} UTC.`);
    if (checkIn.answeredAt) throw conflict('check_in_answered', 'You have already answered this check-in.');
    const text = input.text?.trim() || null;
    const flags = text ? detectRedFlags(text).flags : [];
    const reopen = input.answer === 'worse' || flags.length > 0;
    const now = this.now();
    const followUpId = reopen ? newId('fup') : null;
    const emergency = flags.length > 0 ? emergencyNumber(c.country) : null;
    const answered = await this.deps.db.transaction(async () => {
      const r = await this.q()
        .updateTable('consultation_check_ins')
        .set({ answer: input.answer, answer_text: text, red_flags: JSON.stringify(flags), answered_at: now.toISOString(), follow_up_id: followUpId })
        .where('consultation_id', '=', c.id)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (followUpId) {
        await this.insertFollowUp({
          id: followUpId,
          c,
          kind: 'check_in',
          seq: 1,
          text: text ?? 'I feel worse.',
          redFlags: flags,
          deadline: new Date(now.getTime() + (await this.replySeconds(c.department)) * 1000).toISOString(),
          departmentOpenAt: new Date(now.getTime() + DEPARTMENT_AFTER_MINUTES * 60_000).toISOString(),
        });
        await this.deps.messaging.reopen(c.conversationId);
      }
      await this.postLine(c.conversationId, systemLine('check_in_answered', { answer: input.answer, ...(text ? { text } : {}), ...(emergency ? { emergencyNumber: emergency.number } : {}), reopened: reopen }));
      return true;
    });
    if (!answered) throw conflict('check_in_answered', 'You have already answered this check-in.');
    await this.deps.bus.publish(channelOf(c.conversationId), { type: reopen ? 'reopened' : 'check_in', conversationId: c.conversationId });
    if (reopen) await announceQueue(this.deps.bus, 'queued', c);
    await announceChange(this.deps.bus, c);
    return { checkIn: (await this.checkInOf(c.id))!, followUp: followUpId ? (await this.followUpsOf(c.id)).find((f) => f.id === followUpId)! : null, emergency };
  }

  // ---- the job: check-ins that are due, follow-up deadlines missed ----------------------

  async sweep(): Promise<{ asked: number; missed: number }> {
    const now = this.now().toISOString();
    let asked = 0;
    const due = await this.q().selectFrom('consultation_check_ins').select(checkInColumns).where('asked_at', 'is', null).where('due_at', '<=', now).limit(200).execute();
    for (const row of due) {
      const message = await this.deps.db.transaction(async () => {
        const r = await this.q().updateTable('consultation_check_ins').set({ asked_at: now }).where('consultation_id', '=', row.consultation_id).where('asked_at', 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return null;
        return this.postLine(row.conversation_id, systemLine('check_in_asked'));
      });
      if (!message) continue;
      asked++;
      await this.deps.messaging.announce(message);
      const c = await this.deps.find(row.consultation_id);
      if (c) await announceChange(this.deps.bus, c);
    }

    let missed = 0;
    const overdue = await this.q().selectFrom('consultation_follow_ups').select(followUpColumns).where('status', '=', 'open').where('reply_deadline', '<', now).orderBy('reply_deadline').limit(200).execute();
    for (const f of overdue) {
      const c = await this.deps.find(f.consultation_id);
      if (!c) continue;
      const message = await this.deps.db.transaction(async () => {
        const r = await this.q().updateTable('consultation_follow_ups').set({ status: 'missed', missed_at: now }).where('id', '=', f.id).where('status', '=', 'open').executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return null;
        let line: SystemLine & { text: string };
        let refunded = 0;
        if (c.free) {
          line = systemLine('follow_up_missed', { outcome: 'free' });
        } else {
          // Once per consultation, however many follow-ups are missed.
          const before = await this.q().selectFrom('consultation_follow_ups').select('id').where('consultation_id', '=', c.id).where('refunded_minor', '>', 0).executeTakeFirst();
          const payment = before ? null : await this.deps.payments.paymentFor(CONSULTATION, c.id);
          const share = Math.round((c.priceMinor * this.deps.config.refundPercent) / 100);
          const refund = payment && share > 0 ? await this.deps.payments.refundPart(payment.id, share, 'follow_up_reply_missed') : null;
          refunded = refund?.amount ?? 0;
          line = refund
            ? systemLine('follow_up_missed', { outcome: 'refunded', percent: this.deps.config.refundPercent, provider: payment!.provider })
            : before
              ? systemLine('follow_up_missed', { outcome: 'already_refunded' })
              : systemLine('follow_up_missed');
        }
        await this.q().updateTable('consultation_follow_ups').set({ note: line.text, refunded_minor: refunded }).where('id', '=', f.id).execute();
        const out = await this.postLine(c.conversationId, line);
        await this.closeIfNothingOpen(c.conversationId);
        return out;
      });
      if (!message) continue;
      missed++;
      await this.deps.messaging.announce(message);
      await this.deps.bus.publish(channelOf(c.conversationId), { type: 'closed', conversationId: c.conversationId });
      await announceChange(this.deps.bus, c);
    }
    return { asked, missed };
  }
}
