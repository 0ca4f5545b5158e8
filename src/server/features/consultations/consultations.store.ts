// The only code that touches consultations, free_consultation_claims and
// consultation_department_settings.
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';

import type { ConsultationStatus } from '../../../shared/contracts/consultations.ts';

export type { ConsultationStatus };

export type ConsultationsTables = {
  consultations: {
    id: string;
    patient_id: string;
    department: string;
    requested_doctor_id: string | null;
    doctor_id: string | null;
    status: string;
    description: string;
    age: number | null;
    sex: string | null;
    duration: string | null;
    photos: string;
    red_flags: string;
    country: string;
    price_minor: number;
    amount_due_minor: number;
    currency: string;
    free: number;
    conversation_id: string;
    client_id: string | null;
    created_at: string;
    queued_at: string | null;
    fallback_at: string | null;
    reply_deadline: string | null;
    accepted_at: string | null;
    first_reply_at: string | null;
    closed_at: string | null;
    expired_at: string | null;
    cancelled_at: string | null;
    summary: string | null;
    advice: string | null;
    rating_stars: number | null;
    rating_comment: string | null;
    rated_at: string | null;
    refund_note: string | null;
    patient_state: string | null;
    language: string;
    medications: string | null;
  };
  free_consultation_claims: { claim_key: string; user_id: string; consultation_id: string; created_at: string };
  consultation_department_settings: { department: string; reply_promise_seconds: number; updated_at: string; updated_by: string | null };
};

type Row = ConsultationsTables['consultations'];

export interface ConsultationRow {
  id: string;
  patientId: string;
  department: string;
  requestedDoctorId: string | null;
  doctorId: string | null;
  status: ConsultationStatus;
  description: string;
  age: number | null;
  sex: string | null;
  duration: string | null;
  photos: string[];
  redFlags: string[];
  country: string;
  priceMinor: number;
  amountDueMinor: number;
  currency: string;
  free: boolean;
  conversationId: string;
  createdAt: string;
  queuedAt: string | null;
  fallbackAt: string | null;
  replyDeadline: string | null;
  acceptedAt: string | null;
  firstReplyAt: string | null;
  closedAt: string | null;
  expiredAt: string | null;
  cancelledAt: string | null;
  summary: string | null;
  advice: string | null;
  ratingStars: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  refundNote: string | null;
  patientState: string | null;
  language: string;
  medications: string | null;
}

const columns = [
  'id', 'patient_id', 'department', 'requested_doctor_id', 'doctor_id', 'status', 'description', 'age', 'sex', 'duration', 'photos',
  'red_flags', 'country', 'price_minor', 'amount_due_minor', 'currency', 'free', 'conversation_id', 'created_at', 'queued_at',
  'fallback_at', 'reply_deadline', 'accepted_at', 'first_reply_at', 'closed_at', 'expired_at', 'cancelled_at', 'summary', 'advice',
  'rating_stars', 'rating_comment', 'rated_at', 'refund_note', 'patient_state', 'language', 'medications',
] as const;

function toRow(r: Pick<Row, (typeof columns)[number]>): ConsultationRow {
  return {
    id: r.id,
    patientId: r.patient_id,
    department: r.department,
    requestedDoctorId: r.requested_doctor_id,
    doctorId: r.doctor_id,
    status: r.status as ConsultationStatus,
    description: r.description,
    age: r.age,
    sex: r.sex,
    duration: r.duration,
    photos: parseJson<string[]>(r.photos, []),
    redFlags: parseJson<string[]>(r.red_flags, []),
    country: r.country,
    priceMinor: Number(r.price_minor),
    amountDueMinor: Number(r.amount_due_minor),
    currency: r.currency,
    free: r.free === 1,
    conversationId: r.conversation_id,
    createdAt: r.created_at,
    queuedAt: r.queued_at,
    fallbackAt: r.fallback_at,
    replyDeadline: r.reply_deadline,
    acceptedAt: r.accepted_at,
    firstReplyAt: r.first_reply_at,
    closedAt: r.closed_at,
    expiredAt: r.expired_at,
    cancelledAt: r.cancelled_at,
    summary: r.summary,
    advice: r.advice,
    ratingStars: r.rating_stars,
    ratingComment: r.rating_comment,
    ratedAt: r.rated_at,
    refundNote: r.refund_note,
    patientState: r.patient_state,
    language: r.language,
    medications: r.medications,
  };
}

export class ConsultationsStore {
  constructor(private readonly db: Database) {}

  q() {
    return this.db.withTables<ConsultationsTables>();
  }

  async insert(row: Omit<Row, 'doctor_id' | 'accepted_at' | 'first_reply_at' | 'closed_at' | 'expired_at' | 'cancelled_at' | 'summary' | 'advice' | 'rating_stars' | 'rating_comment' | 'rated_at' | 'refund_note'>): Promise<void> {
    await this.q()
      .insertInto('consultations')
      .values({ ...row, doctor_id: null, accepted_at: null, first_reply_at: null, closed_at: null, expired_at: null, cancelled_at: null, summary: null, advice: null, rating_stars: null, rating_comment: null, rated_at: null, refund_note: null })
      .execute();
  }

  async find(id: string): Promise<ConsultationRow | null> {
    const row = await this.q().selectFrom('consultations').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? toRow(row) : null;
  }

  async findByConversation(conversationId: string): Promise<ConsultationRow | null> {
    const row = await this.q().selectFrom('consultations').select(columns).where('conversation_id', '=', conversationId).executeTakeFirst();
    return row ? toRow(row) : null;
  }

  async findByClientId(patientId: string, clientId: string): Promise<ConsultationRow | null> {
    const row = await this.q().selectFrom('consultations').select(columns).where('patient_id', '=', patientId).where('client_id', '=', clientId).executeTakeFirst();
    return row ? toRow(row) : null;
  }

  /** Moves a consultation from one status to another only if it is still in `from`;
   * returns false when another request changed it first (the caller answers 409). */
  async transition(id: string, from: ConsultationStatus[], values: Partial<Row>): Promise<boolean> {
    const result = await this.q().updateTable('consultations').set(values).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The accepting doctor's first message in the consultation's conversation, once. */
  /** True when this message was the doctor's first reply (so one is now recorded). */
  async recordFirstReply(conversationId: string, senderId: string, at: string): Promise<boolean> {
    const result = await this.q()
      .updateTable('consultations')
      .set({ first_reply_at: at })
      .where('conversation_id', '=', conversationId)
      .where('doctor_id', '=', senderId)
      .where('first_reply_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Who is in a consultation's conversation: what the messaging access check needs, nothing more. */
  async participants(conversationId: string): Promise<{ patientId: string; doctorId: string | null } | null> {
    const row = await this.q().selectFrom('consultations').select(['patient_id', 'doctor_id']).where('conversation_id', '=', conversationId).executeTakeFirst();
    return row ? { patientId: row.patient_id, doctorId: row.doctor_id } : null;
  }

  async update(id: string, values: Partial<Row>): Promise<void> {
    await this.q().updateTable('consultations').set(values).where('id', '=', id).execute();
  }

  async listForPatient(patientId: string, limit: number): Promise<ConsultationRow[]> {
    const rows = await this.q().selectFrom('consultations').select(columns).where('patient_id', '=', patientId).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(toRow);
  }

  async listForDoctor(doctorId: string, statuses: ConsultationStatus[] | null, limit: number): Promise<ConsultationRow[]> {
    let query = this.q().selectFrom('consultations').select(columns).where('doctor_id', '=', doctorId);
    if (statuses) query = query.where('status', 'in', statuses);
    const rows = await query.orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(toRow);
  }

  /** Waiting consultations a doctor may take: addressed to them, or in their department
   * and either unaddressed or past the fallback time. Those with red flags first (the
   * patient was shown emergency guidance and chose to wait for a doctor), then oldest first. */
  async queueFor(doctorId: string, department: string, now: string, limit: number): Promise<ConsultationRow[]> {
    const rows = await this.q()
      .selectFrom('consultations')
      .select(columns)
      .where('status', '=', 'waiting')
      .where((eb) =>
        eb.or([
          eb('requested_doctor_id', '=', doctorId),
          eb.and([eb('department', '=', department), eb.or([eb('requested_doctor_id', 'is', null), eb('fallback_at', '<=', now)])]),
        ]),
      )
      .orderBy((eb) => eb.case().when('red_flags', '=', '[]').then(1).else(0).end())
      .orderBy('queued_at')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }

  async countWaiting(department: string): Promise<number> {
    const row = await this.q().selectFrom('consultations').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'waiting').where('department', '=', department).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Waiting consultations that joined the queue before `before`, oldest first. */
  async waitingSince(before: string, limit: number): Promise<Array<{ id: string; department: string; requestedDoctorId: string | null; fallbackAt: string | null }>> {
    const rows = await this.q().selectFrom('consultations').select(['id', 'department', 'requested_doctor_id', 'fallback_at']).where('status', '=', 'waiting').where('queued_at', '<', before).orderBy('queued_at').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, department: r.department, requestedDoctorId: r.requested_doctor_id, fallbackAt: r.fallback_at }));
  }

  async overdue(now: string, limit: number): Promise<string[]> {
    const rows = await this.q().selectFrom('consultations').select('id').where('status', '=', 'waiting').where('reply_deadline', '<', now).orderBy('reply_deadline').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** Seconds from joining the queue to the doctor's first reply, per department, since `since`. */
  async replyTimes(since: string): Promise<Array<{ department: string; queuedAt: string; firstReplyAt: string }>> {
    const rows = await this.q()
      .selectFrom('consultations')
      .select(['department', 'queued_at', 'first_reply_at'])
      .where('first_reply_at', 'is not', null)
      .where('queued_at', '>=', since)
      .execute();
    return rows.map((r) => ({ department: r.department, queuedAt: r.queued_at!, firstReplyAt: r.first_reply_at! }));
  }

  /** A consultation's one rating; false when it was rated already. */
  async rate(id: string, stars: number, comment: string | null, at: string): Promise<boolean> {
    const result = await this.q().updateTable('consultations').set({ rating_stars: stars, rating_comment: comment, rated_at: at }).where('id', '=', id).where('rated_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async claimFree(key: string, userId: string, consultationId: string, now: string): Promise<boolean> {
    const result = await this.q()
      .insertInto('free_consultation_claims')
      .values({ claim_key: key, user_id: userId, consultation_id: consultationId, created_at: now })
      .onConflict((oc) => oc.column('claim_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async hasClaim(key: string): Promise<boolean> {
    return Boolean(await this.q().selectFrom('free_consultation_claims').select('claim_key').where('claim_key', '=', key).executeTakeFirst());
  }

  async releaseClaim(consultationId: string): Promise<void> {
    await this.q().deleteFrom('free_consultation_claims').where('consultation_id', '=', consultationId).execute();
  }

  async replyPromiseSeconds(department: string): Promise<number | null> {
    const row = await this.q().selectFrom('consultation_department_settings').select('reply_promise_seconds').where('department', '=', department).executeTakeFirst();
    return row ? Number(row.reply_promise_seconds) : null;
  }

  async setReplyPromise(department: string, seconds: number, by: string, now: string): Promise<void> {
    await this.q()
      .insertInto('consultation_department_settings')
      .values({ department, reply_promise_seconds: seconds, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('department').doUpdateSet({ reply_promise_seconds: seconds, updated_at: now, updated_by: by }))
      .execute();
  }

  /** Closed consultations of these doctors with their ratings and first-reply times: the public trust figures. */
  async doctorFigures(doctorIds: string[]): Promise<Array<{ doctorId: string; stars: number | null; queuedAt: string | null; firstReplyAt: string | null }>> {
    if (doctorIds.length === 0) return [];
    const rows = await this.q()
      .selectFrom('consultations')
      .select(['doctor_id', 'rating_stars', 'queued_at', 'first_reply_at'])
      .where('doctor_id', 'in', doctorIds)
      .where('status', '=', 'closed')
      .execute();
    return rows.map((r) => ({ doctorId: r.doctor_id!, stars: r.rating_stars === null ? null : Number(r.rating_stars), queuedAt: r.queued_at, firstReplyAt: r.first_reply_at }));
  }

  /** Earnings-free history count for doctor workspace headline numbers. */
  async countClosedForDoctor(doctorId: string): Promise<number> {
    const row = await this.q()
      .selectFrom('consultations')
      .select(sql<number>`count(*)`.as('n'))
      .where('doctor_id', '=', doctorId)
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
