// The only code that touches the doctor_reviews table.
import type { Database } from '../../platform/db/unit-of-work.ts';

export type DoctorReviewsTables = {
  doctor_reviews: {
    id: string;
    doctor_id: string;
    consultation_id: string;
    patient_id: string;
    stars: number;
    text: string;
    status: string;
    held_reason: string | null;
    decided_by: string | null;
    answer: string | null;
    answered_at: string | null;
    created_at: string;
  };
};

const columns = ['id', 'doctor_id', 'consultation_id', 'patient_id', 'stars', 'text', 'status', 'held_reason', 'answer', 'answered_at', 'created_at'] as const;
export type ReviewRow = Pick<DoctorReviewsTables['doctor_reviews'], (typeof columns)[number]>;

export class DoctorReviewsStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<DoctorReviewsTables>();
  }

  async existsForConsultation(consultationId: string): Promise<boolean> {
    const row = await this.q().selectFrom('doctor_reviews').select('id').where('consultation_id', '=', consultationId).executeTakeFirst();
    return row !== undefined;
  }

  async insert(row: DoctorReviewsTables['doctor_reviews']): Promise<void> {
    await this.q().insertInto('doctor_reviews').values(row).execute();
  }

  async find(id: string): Promise<ReviewRow | undefined> {
    return this.q().selectFrom('doctor_reviews').select(columns).where('id', '=', id).executeTakeFirst();
  }

  published(doctorId: string, limit: number): Promise<ReviewRow[]> {
    return this.q()
      .selectFrom('doctor_reviews')
      .select(columns)
      .where('doctor_id', '=', doctorId)
      .where('status', '=', 'published')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  held(limit: number): Promise<ReviewRow[]> {
    return this.q().selectFrom('doctor_reviews').select(columns).where('status', '=', 'held').orderBy('created_at').limit(limit).execute();
  }

  /** Sets a moderator's decision; false when there is no such review. */
  async decide(id: string, status: 'published' | 'hidden', decidedBy: string): Promise<boolean> {
    const result = await this.q().updateTable('doctor_reviews').set({ status, decided_by: decidedBy }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records the doctor's answer unless the review already has one; false if it had. */
  async answerOnce(id: string, answer: string, answeredAt: string): Promise<boolean> {
    const result = await this.q()
      .updateTable('doctor_reviews')
      .set({ answer, answered_at: answeredAt })
      .where('id', '=', id)
      .where('answer', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
