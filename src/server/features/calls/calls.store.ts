// The only code that touches the calls and call_signals tables.
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';

export type CallStatus = 'ringing' | 'active' | 'ended' | 'missed' | 'declined';
export type CallMedia = 'audio' | 'video';

export type CallsTables = {
  calls: {
    id: string;
    consultation_id: string;
    conversation_id: string;
    caller_id: string;
    callee_id: string;
    media: string;
    status: string;
    created_at: string;
    ring_deadline: string;
    started_at: string | null;
    ended_at: string | null;
    ended_by: string | null;
  };
  call_signals: { call_id: string; seq: number; to_user_id: string; payload: string; created_at: string };
};

type Row = CallsTables['calls'];

export interface CallRow {
  id: string;
  consultationId: string;
  conversationId: string;
  callerId: string;
  calleeId: string;
  media: CallMedia;
  status: CallStatus;
  createdAt: string;
  ringDeadline: string;
  startedAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
}

const columns = [
  'id',
  'consultation_id',
  'conversation_id',
  'caller_id',
  'callee_id',
  'media',
  'status',
  'created_at',
  'ring_deadline',
  'started_at',
  'ended_at',
  'ended_by',
] as const;

function toRow(r: Pick<Row, (typeof columns)[number]>): CallRow {
  return {
    id: r.id,
    consultationId: r.consultation_id,
    conversationId: r.conversation_id,
    callerId: r.caller_id,
    calleeId: r.callee_id,
    media: r.media as CallMedia,
    status: r.status as CallStatus,
    createdAt: r.created_at,
    ringDeadline: r.ring_deadline,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    endedBy: r.ended_by,
  };
}

export const LIVE: CallStatus[] = ['ringing', 'active'];

export class CallsStore {
  constructor(private readonly db: Database) {}

  q() {
    return this.db.withTables<CallsTables>();
  }

  async insert(row: Row): Promise<void> {
    await this.q().insertInto('calls').values(row).execute();
  }

  async find(id: string): Promise<CallRow | null> {
    const row = await this.q().selectFrom('calls').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? toRow(row) : null;
  }

  async live(consultationId: string): Promise<CallRow | null> {
    const row = await this.q()
      .selectFrom('calls')
      .select(columns)
      .where('consultation_id', '=', consultationId)
      .where('status', 'in', LIVE)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? toRow(row) : null;
  }

  async listFor(consultationId: string, limit: number): Promise<CallRow[]> {
    const rows = await this.q()
      .selectFrom('calls')
      .select(columns)
      .where('consultation_id', '=', consultationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }

  /** Moves the call on only if it is still in one of `from`; true when this caller won. */
  async transition(id: string, from: CallStatus[], values: Partial<Pick<Row, 'status' | 'started_at' | 'ended_at' | 'ended_by'>>): Promise<boolean> {
    const result = await this.q().updateTable('calls').set(values).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async ringingPast(now: string, limit: number): Promise<string[]> {
    const rows = await this.q().selectFrom('calls').select('id').where('status', '=', 'ringing').where('ring_deadline', '<=', now).limit(limit).execute();
    return rows.map((r) => r.id);
  }

  async activeStartedBefore(before: string, limit: number): Promise<string[]> {
    const rows = await this.q().selectFrom('calls').select('id').where('status', '=', 'active').where('started_at', '<=', before).limit(limit).execute();
    return rows.map((r) => r.id);
  }

  async allLive(limit: number): Promise<CallRow[]> {
    const rows = await this.q().selectFrom('calls').select(columns).where('status', 'in', LIVE).limit(limit).execute();
    return rows.map(toRow);
  }

  /** Appends a signal for `to`, numbered after the call's last one (retried if two race). */
  async addSignal(callId: string, to: string, payload: unknown, now: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.q()
        .selectFrom('call_signals')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('call_id', '=', callId)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      try {
        await this.q()
          .insertInto('call_signals')
          .values({ call_id: callId, seq, to_user_id: to, payload: JSON.stringify(payload), created_at: now })
          .execute();
        return seq;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }

  async signalsFor(callId: string, to: string, afterSeq: number, limit: number): Promise<Array<{ seq: number; signal: unknown }>> {
    const rows = await this.q()
      .selectFrom('call_signals')
      .select(['seq', 'payload'])
      .where('call_id', '=', callId)
      .where('to_user_id', '=', to)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), signal: parseJson<unknown>(r.payload, null) }));
  }

  async deleteSignals(callId: string): Promise<void> {
    await this.q().deleteFrom('call_signals').where('call_id', '=', callId).execute();
  }
}
