// The only code that touches conversations, conversation_members, messages and
// message_attachments. Explicit column lists; rows leave as shaped objects.
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';
import type { SystemKey, SystemLine, SystemParams } from '../../../shared/system-lines.ts';

export type MessagingTables = {
  conversations: {
    id: string;
    kind: string;
    title: string | null;
    status: string;
    created_by: string | null;
    direct_key: string | null;
    last_seq: number;
    last_message_at: string | null;
    created_at: string;
    updated_at: string;
    closed_at: string | null;
  };
  conversation_members: {
    conversation_id: string;
    user_id: string;
    role: string;
    joined_at: string;
    left_at: string | null;
    added_by: string | null;
    last_read_seq: number;
  };
  messages: {
    id: string;
    conversation_id: string;
    seq: number;
    kind: string;
    sender_id: string;
    client_id: string;
    text: string;
    links: string;
    attachments: string;
    system_key: string | null;
    system_params: string | null;
    created_at: string;
  };
  message_attachments: {
    id: string;
    conversation_id: string;
    uploader_id: string;
    content_type: string;
    size: number;
    width: number;
    height: number;
    blob_key: string;
    created_at: string;
  };
};

export type ConversationKind = 'consultation' | 'direct' | 'group';
export type MemberRole = 'owner' | 'admin' | 'member';
export type MessageKind = 'text' | 'image' | 'system';

export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  title: string | null;
  status: 'open' | 'closed';
  createdBy: string | null;
  lastSeq: number;
  lastMessageAt: string | null;
  createdAt: string;
  closedAt: string | null;
}

export interface MemberRow {
  conversationId: string;
  userId: string;
  role: MemberRole;
  joinedAt: string;
  leftAt: string | null;
  lastReadSeq: number;
}

export interface StoredLink {
  url: string;
  external: boolean;
  preview?: { url: string; title: string | null; description: string | null; image: string | null; siteName: string | null };
}

export interface StoredAttachment {
  id: string;
  contentType: string;
  width: number;
  height: number;
  size: number;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  kind: MessageKind;
  senderId: string;
  clientId: string;
  text: string;
  links: StoredLink[];
  attachments: StoredAttachment[];
  /** A system line's key and parameters (null for people's messages and older lines). */
  system: SystemLine | null;
  createdAt: string;
}

const conversationColumns = ['id', 'kind', 'title', 'status', 'created_by', 'last_seq', 'last_message_at', 'created_at', 'closed_at'] as const;
const memberColumns = ['conversation_id', 'user_id', 'role', 'joined_at', 'left_at', 'last_read_seq'] as const;
const messageColumns = ['id', 'conversation_id', 'seq', 'kind', 'sender_id', 'client_id', 'text', 'links', 'attachments', 'system_key', 'system_params', 'created_at'] as const;

type ConversationSelect = Pick<MessagingTables['conversations'], (typeof conversationColumns)[number]>;
type MemberSelect = Pick<MessagingTables['conversation_members'], (typeof memberColumns)[number]>;
type MessageSelect = Pick<MessagingTables['messages'], (typeof messageColumns)[number]>;

const toConversation = (r: ConversationSelect): ConversationRow => ({
  id: r.id,
  kind: r.kind as ConversationKind,
  title: r.title,
  status: r.status as 'open' | 'closed',
  createdBy: r.created_by,
  lastSeq: Number(r.last_seq),
  lastMessageAt: r.last_message_at,
  createdAt: r.created_at,
  closedAt: r.closed_at,
});
const toMember = (r: MemberSelect): MemberRow => ({
  conversationId: r.conversation_id,
  userId: r.user_id,
  role: r.role as MemberRole,
  joinedAt: r.joined_at,
  leftAt: r.left_at,
  lastReadSeq: Number(r.last_read_seq),
});
const toMessage = (r: MessageSelect): MessageRow => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  kind: r.kind as MessageKind,
  senderId: r.sender_id,
  clientId: r.client_id,
  text: r.text,
  links: parseJson<StoredLink[]>(r.links, []),
  attachments: parseJson<StoredAttachment[]>(r.attachments, []),
  system: r.system_key ? { key: r.system_key as SystemKey, params: parseJson<SystemParams>(r.system_params, {}) } : null,
  createdAt: r.created_at,
});

export type BatchOutcome = { outcome: 'stored'; row: MessageRow; fresh: boolean } | { outcome: 'closed' | 'missing' };

export interface ConversationSummaryRow extends ConversationRow {
  role: MemberRole;
  lastReadSeq: number;
  unread: number;
}

export class MessagingStore {
  constructor(private readonly db: Database) {}

  q() {
    return this.db.withTables<MessagingTables>();
  }

  async insertConversation(row: {
    id: string;
    kind: ConversationKind;
    title: string | null;
    createdBy: string | null;
    directKey: string | null;
    now: string;
  }): Promise<void> {
    await this.q()
      .insertInto('conversations')
      .values({
        id: row.id,
        kind: row.kind,
        title: row.title,
        status: 'open',
        created_by: row.createdBy,
        direct_key: row.directKey,
        last_seq: 0,
        last_message_at: null,
        created_at: row.now,
        updated_at: row.now,
        closed_at: null,
      })
      .execute();
  }

  async findConversation(id: string): Promise<ConversationRow | null> {
    const row = await this.q().selectFrom('conversations').select(conversationColumns).where('id', '=', id).executeTakeFirst();
    return row ? toConversation(row) : null;
  }

  /** The conversation and the person's membership in one round trip (every post and read asks both). */
  async findConversationFor(id: string, userId: string): Promise<{ conversation: ConversationRow; member: MemberRow | null } | null> {
    const row = await this.q()
      .selectFrom('conversations as c')
      .leftJoin('conversation_members as m', (join) => join.onRef('m.conversation_id', '=', 'c.id').on('m.user_id', '=', userId))
      .select(['c.id', 'c.kind', 'c.title', 'c.status', 'c.created_by', 'c.last_seq', 'c.last_message_at', 'c.created_at', 'c.closed_at'])
      .select(['m.conversation_id', 'm.user_id', 'm.role', 'm.joined_at', 'm.left_at', 'm.last_read_seq'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const member =
      row.user_id === null
        ? null
        : toMember({
            conversation_id: row.conversation_id!,
            user_id: row.user_id,
            role: row.role!,
            joined_at: row.joined_at!,
            left_at: row.left_at,
            last_read_seq: row.last_read_seq!,
          });
    return { conversation: toConversation(row), member };
  }

  /** PostgreSQL: takes the next seq of an open conversation and stores the message in one
   * statement (one round trip, atomic on its own: the seq is taken in the transaction that
   * stores it, and a unique violation undoes both). Null when the conversation is missing
   * or closed. */
  async insertWithNextSeq(message: Omit<MessageRow, 'seq'>): Promise<number | null> {
    const result = await sql<{ seq: number }>`
      with next as (
        update conversations set last_seq = last_seq + 1, last_message_at = ${message.createdAt}, updated_at = ${message.createdAt}
        where id = ${message.conversationId} and status = 'open'
        returning last_seq
      )
      insert into messages (id, conversation_id, seq, kind, sender_id, client_id, text, links, attachments, system_key, system_params, created_at)
      select ${message.id}, ${message.conversationId}, next.last_seq, ${message.kind}, ${message.senderId}, ${message.clientId}, ${message.text},
             ${JSON.stringify(message.links)}, ${JSON.stringify(message.attachments)}, ${message.system?.key ?? null}, ${message.system ? JSON.stringify(message.system.params) : null}, ${message.createdAt}
      from next
      returning seq`.execute(this.db);
    const row = result.rows[0];
    return row ? Number(row.seq) : null;
  }

  /** Group commit: stores a batch of messages in the caller's transaction with as few
   * statements as the batch allows (one twin lookup, one seq update for every conversation
   * in it, one insert), in arrival order: each conversation's new messages take consecutive
   * seqs. A (conversation, sender, clientId) already stored, or repeated inside the batch,
   * stores once and answers the stored message. Conversations are locked in id order
   * (PostgreSQL) so two batches never wait on each other in a cycle. */
  async insertBatch(batch: Array<Omit<MessageRow, 'id' | 'seq' | 'createdAt'> & { id: string }>, now: string, postgres: boolean): Promise<BatchOutcome[]> {
    const keyOf = (m: { conversationId: string; senderId: string; clientId: string }) => `${m.conversationId}\u0000${m.senderId}\u0000${m.clientId}`;
    const conversationIds = [...new Set(batch.map((m) => m.conversationId))].sort();
    if (postgres) {
      await sql`select id from conversations where id in (${sql.join(conversationIds)}) order by id for update`.execute(this.db);
    }
    const stored = new Map<string, MessageRow>();
    const twins = await this.q()
      .selectFrom('messages')
      .select(messageColumns)
      // One index probe per message (conversation, sender, clientId), not a scan of the conversations.
      .where((eb) =>
        eb.or(batch.map((m) => eb.and([eb('conversation_id', '=', m.conversationId), eb('sender_id', '=', m.senderId), eb('client_id', '=', m.clientId)]))),
      )
      .execute();
    for (const twin of twins) stored.set(keyOf({ conversationId: twin.conversation_id, senderId: twin.sender_id, clientId: twin.client_id }), toMessage(twin));
    // The first of each key not already stored is new; its repeats answer with it.
    const fresh: typeof batch = [];
    const seen = new Set<string>();
    for (const m of batch) {
      const key = keyOf(m);
      if (stored.has(key) || seen.has(key)) continue;
      seen.add(key);
      fresh.push(m);
    }
    const counts = new Map<string, number>();
    for (const m of fresh) counts.set(m.conversationId, (counts.get(m.conversationId) ?? 0) + 1);
    const lastSeqs = new Map<string, number>();
    if (counts.size > 0) {
      const values = sql.join([...counts].map(([id, n]) => sql`(${id}, cast(${n} as integer))`));
      const updated = await sql<{ id: string; last_seq: number }>`
        with v(id, n) as (values ${values})
        update conversations set last_seq = last_seq + (select v.n from v where v.id = conversations.id), last_message_at = ${now}, updated_at = ${now}
        where id in (select v.id from v) and status = 'open'
        returning id, last_seq`.execute(this.db);
      for (const row of updated.rows) lastSeqs.set(row.id, Number(row.last_seq));
    }
    const missing = [...counts.keys()].filter((id) => !lastSeqs.has(id));
    const existing = new Set<string>();
    if (missing.length > 0) {
      for (const row of await this.q().selectFrom('conversations').select('id').where('id', 'in', missing).execute()) existing.add(row.id);
    }
    const nextSeq = new Map([...lastSeqs].map(([id, last]) => [id, last - counts.get(id)! + 1]));
    const rows: MessageRow[] = [];
    for (const m of fresh) {
      const seq = nextSeq.get(m.conversationId);
      if (seq === undefined) continue;
      nextSeq.set(m.conversationId, seq + 1);
      const row: MessageRow = { ...m, seq, createdAt: now };
      rows.push(row);
      stored.set(keyOf(m), row);
    }
    if (rows.length > 0) {
      await this.q()
        .insertInto('messages')
        .values(
          rows.map((message) => ({
            id: message.id,
            conversation_id: message.conversationId,
            seq: message.seq,
            kind: message.kind,
            sender_id: message.senderId,
            client_id: message.clientId,
            text: message.text,
            links: JSON.stringify(message.links),
            attachments: JSON.stringify(message.attachments),
            system_key: message.system?.key ?? null,
            system_params: message.system ? JSON.stringify(message.system.params) : null,
            created_at: message.createdAt,
          })),
        )
        .execute();
    }
    const freshIds = new Set(rows.map((r) => r.id));
    const answered = new Set<string>();
    return batch.map((m): BatchOutcome => {
      const row = stored.get(keyOf(m));
      if (!row) return { outcome: existing.has(m.conversationId) ? 'closed' : 'missing' };
      // Only the request whose row this is announces it; repeats answer as resends.
      const first = freshIds.has(row.id) && !answered.has(row.id);
      if (first) answered.add(row.id);
      return { outcome: 'stored', row, fresh: first };
    });
  }

  async findDirectId(directKey: string): Promise<string | null> {
    const row = await this.q().selectFrom('conversations').select('id').where('direct_key', '=', directKey).executeTakeFirst();
    return row?.id ?? null;
  }

  async setTitle(id: string, title: string | null, now: string): Promise<void> {
    await this.q().updateTable('conversations').set({ title, updated_at: now }).where('id', '=', id).execute();
  }

  /** A closed conversation opened again (a consultation's follow-up question). */
  async reopen(id: string, now: string): Promise<boolean> {
    const result = await this.q()
      .updateTable('conversations')
      .set({ status: 'open', closed_at: null, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'closed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async close(id: string, now: string): Promise<boolean> {
    const result = await this.q()
      .updateTable('conversations')
      .set({ status: 'closed', closed_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Takes the next sequence number of an open conversation (row-locks it on PostgreSQL
   * until the transaction ends), or null when it is missing or closed. */
  async nextSeq(id: string, now: string): Promise<number | null> {
    const row = await this.q()
      .updateTable('conversations')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: now, updated_at: now }))
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returning('last_seq')
      .executeTakeFirst();
    return row ? Number(row.last_seq) : null;
  }

  async upsertMember(member: {
    conversationId: string;
    userId: string;
    role: MemberRole;
    addedBy: string | null;
    now: string;
    lastReadSeq?: number;
  }): Promise<void> {
    await this.q()
      .insertInto('conversation_members')
      .values({
        conversation_id: member.conversationId,
        user_id: member.userId,
        role: member.role,
        joined_at: member.now,
        left_at: null,
        added_by: member.addedBy,
        last_read_seq: member.lastReadSeq ?? 0,
      })
      .onConflict((oc) =>
        oc.columns(['conversation_id', 'user_id']).doUpdateSet({ role: member.role, joined_at: member.now, left_at: null, added_by: member.addedBy }),
      )
      .execute();
  }

  async findMember(conversationId: string, userId: string): Promise<MemberRow | null> {
    const row = await this.q()
      .selectFrom('conversation_members')
      .select(memberColumns)
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toMember(row) : null;
  }

  async listMembers(conversationId: string): Promise<MemberRow[]> {
    const rows = await this.q()
      .selectFrom('conversation_members')
      .select(memberColumns)
      .where('conversation_id', '=', conversationId)
      .where('left_at', 'is', null)
      // The owner first, then admins, then members in the order they joined (two people added
      // in one request share a joined_at, hence the role before the time).
      .orderBy(sql`case role when 'owner' then 0 when 'admin' then 1 else 2 end`)
      .orderBy('joined_at')
      .orderBy('user_id')
      .execute();
    return rows.map(toMember);
  }

  async markLeft(conversationId: string, userId: string, now: string): Promise<void> {
    await this.q()
      .updateTable('conversation_members')
      .set({ left_at: now })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .execute();
  }

  async setRole(conversationId: string, userId: string, role: MemberRole): Promise<void> {
    await this.q().updateTable('conversation_members').set({ role }).where('conversation_id', '=', conversationId).where('user_id', '=', userId).execute();
  }

  /** Moves the read marker forward only (a late or repeated `read` never moves it back). */
  async markRead(conversationId: string, userId: string, seq: number): Promise<boolean> {
    const result = await this.q()
      .updateTable('conversation_members')
      .set({ last_read_seq: seq })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .where('last_read_seq', '<', seq)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async findByClientId(conversationId: string, senderId: string, clientId: string): Promise<MessageRow | null> {
    const row = await this.q()
      .selectFrom('messages')
      .select(messageColumns)
      .where('conversation_id', '=', conversationId)
      .where('sender_id', '=', senderId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async insertMessage(message: MessageRow): Promise<void> {
    await this.q()
      .insertInto('messages')
      .values({
        id: message.id,
        conversation_id: message.conversationId,
        seq: message.seq,
        kind: message.kind,
        sender_id: message.senderId,
        client_id: message.clientId,
        text: message.text,
        links: JSON.stringify(message.links),
        attachments: JSON.stringify(message.attachments),
        system_key: message.system?.key ?? null,
        system_params: message.system ? JSON.stringify(message.system.params) : null,
        created_at: message.createdAt,
      })
      .execute();
  }

  async updateLinks(conversationId: string, seq: number, links: StoredLink[]): Promise<void> {
    await this.q()
      .updateTable('messages')
      .set({ links: JSON.stringify(links) })
      .where('conversation_id', '=', conversationId)
      .where('seq', '=', seq)
      .execute();
  }

  async listMessages(conversationId: string, after: number, limit: number): Promise<MessageRow[]> {
    const rows = await this.q()
      .selectFrom('messages')
      .select(messageColumns)
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toMessage);
  }

  /** The newest `limit` messages before `before`, oldest first (history paging). */
  async listBefore(conversationId: string, before: number, limit: number): Promise<MessageRow[]> {
    const rows = await this.q()
      .selectFrom('messages')
      .select(messageColumns)
      .where('conversation_id', '=', conversationId)
      .where('seq', '<', before)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toMessage).reverse();
  }

  async lastMessages(conversationIds: string[]): Promise<Map<string, MessageRow>> {
    const map = new Map<string, MessageRow>();
    if (conversationIds.length === 0) return map;
    const rows = await this.q()
      .selectFrom('messages as m')
      .innerJoin('conversations as c', (join) => join.onRef('c.id', '=', 'm.conversation_id').onRef('c.last_seq', '=', 'm.seq'))
      .select(['m.id', 'm.conversation_id', 'm.seq', 'm.kind', 'm.sender_id', 'm.client_id', 'm.text', 'm.links', 'm.attachments', 'm.system_key', 'm.system_params', 'm.created_at'])
      .where('m.conversation_id', 'in', conversationIds)
      .execute();
    for (const row of rows) map.set(row.conversation_id, toMessage(row));
    return map;
  }

  /** The conversations a person is in (not left), newest activity first, with how many
   * messages from others they have not read. */
  async listForUser(userId: string, limit: number): Promise<ConversationSummaryRow[]> {
    const rows = await this.q()
      .selectFrom('conversation_members as cm')
      .innerJoin('conversations as c', 'c.id', 'cm.conversation_id')
      .select([
        'c.id',
        'c.kind',
        'c.title',
        'c.status',
        'c.created_by',
        'c.last_seq',
        'c.last_message_at',
        'c.created_at',
        'c.closed_at',
        'cm.role',
        'cm.last_read_seq',
        (eb) =>
          eb
            .selectFrom('messages as m')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('m.conversation_id', '=', 'c.id')
            .whereRef('m.seq', '>', 'cm.last_read_seq')
            .where('m.sender_id', '!=', userId)
            .as('unread'),
      ])
      .where('cm.user_id', '=', userId)
      .where('cm.left_at', 'is', null)
      .orderBy(sql`coalesce(c.last_message_at, c.created_at)`, 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...toConversation(r), role: r.role as MemberRole, lastReadSeq: Number(r.last_read_seq), unread: Number(r.unread ?? 0) }));
  }

  async insertAttachment(row: {
    id: string;
    conversationId: string;
    uploaderId: string;
    contentType: string;
    size: number;
    width: number;
    height: number;
    blobKey: string;
    now: string;
  }): Promise<void> {
    await this.q()
      .insertInto('message_attachments')
      .values({
        id: row.id,
        conversation_id: row.conversationId,
        uploader_id: row.uploaderId,
        content_type: row.contentType,
        size: row.size,
        width: row.width,
        height: row.height,
        blob_key: row.blobKey,
        created_at: row.now,
      })
      .execute();
  }

  async findAttachmentMeta(
    id: string,
  ): Promise<{ id: string; conversationId: string; uploaderId: string; contentType: string; size: number; width: number; height: number } | null> {
    const row = await this.q()
      .selectFrom('message_attachments')
      .select(['id', 'conversation_id', 'uploader_id', 'content_type', 'size', 'width', 'height'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          conversationId: row.conversation_id,
          uploaderId: row.uploader_id,
          contentType: row.content_type,
          size: Number(row.size),
          width: Number(row.width),
          height: Number(row.height),
        }
      : null;
  }

  /** Removes the rows of every photo this person uploaded; returns their blob keys. */
  async removeAttachmentsOf(uploaderId: string): Promise<string[]> {
    const rows = await this.q().selectFrom('message_attachments').select('blob_key').where('uploader_id', '=', uploaderId).execute();
    await this.q().deleteFrom('message_attachments').where('uploader_id', '=', uploaderId).execute();
    return rows.map((r) => r.blob_key);
  }

  async attachmentBlobKey(id: string): Promise<string | null> {
    const row = await this.q().selectFrom('message_attachments').select('blob_key').where('id', '=', id).executeTakeFirst();
    return row?.blob_key ?? null;
  }
}
