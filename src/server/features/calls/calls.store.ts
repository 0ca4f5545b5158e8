// The only code that touches the calls table.
import type { Db, Tx } from '../../platform/db/db.ts';

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

const columns = ['id', 'consultation_id', 'conversation_id', 'caller_id', 'callee_id', 'media', 'status', 'created_at', 'ring_deadline', 'started_at', 'ended_at', 'ended_by'] as const;

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
  constructor(private readonly db: Db) {}

  q(executor: Db | Tx = this.db) {
    return executor.withTables<CallsTables>();
  }

  async insert(row: Row, executor: Db | Tx = this.db): Promise<void> {
    await this.q(executor).insertInto('calls').values(row).execute();
  }

  async find(id: string, executor: Db | Tx = this.db): Promise<CallRow | null> {
    const row = await this.q(executor).selectFrom('calls').select(columns).where('id', '=', id).executeTakeFirst();
    return row ? toRow(row) : null;
  }

  async live(consultationId: string, executor: Db | Tx = this.db): Promise<CallRow | null> {
    const row = await this.q(executor).selectFrom('calls').select(columns).where('consultation_id', '=', consultationId).where('status', 'in', LIVE).orderBy('created_at', 'desc').executeTakeFirst();
    return row ? toRow(row) : null;
  }

  async listFor(consultationId: string, limit: number): Promise<CallRow[]> {
    const rows = await this.q().selectFrom('calls').select(columns).where('consultation_id', '=', consultationId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRow);
  }

  /** Moves the call on only if it is still in one of `from`; true when this caller won. */
  async transition(id: string, from: CallStatus[], values: Partial<Pick<Row, 'status' | 'started_at' | 'ended_at' | 'ended_by'>>, executor: Db | Tx = this.db): Promise<boolean> {
    const result = await this.q(executor).updateTable('calls').set(values).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
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
}
