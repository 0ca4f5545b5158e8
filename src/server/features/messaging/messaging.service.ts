// The messaging core: one for every conversation kind (`consultation`, `direct`, `group`).
//
// Guarantees: a message's `seq` is taken in the transaction that stores it, after the
// conversation row is locked and found open; the same `clientId` from the same sender
// returns the same message and seq (also when two resends race); a message is
// acknowledged only after commit and published on the bus after commit.
//
// API for other features (consultations builds on it):
//   registerAccess(kind, access)        decide who reads/posts in conversations of `kind`
//                                        (ConversationAccess in messaging.policy.ts); the
//                                        default for direct and group is membership.
//   createConversation({kind, title, createdBy, members: [{userId, role}]}) → id
//   addMember(conversationId, userId, role, addedBy)   e.g. the accepting doctor.
//   close(conversationId) / reopen(conversationId)   read-only while closed; posting answers 409.
//   postSystemMessage(conversationId, line) → message; `line` is systemLine(key, params)
//                                        (src/shared/system-lines.ts): its key and params are
//                                        stored beside the English text.
//   Each takes part in the caller's transaction when there is one (the unit of work), and
//   what it announces on the bus (closed, reopened, the message) is sent after that commits.
//   announce(message)                    publish a committed message to live subscribers.
//   postMessage / listMessages / markRead take an explicit actor and apply the access hook.
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { Locale } from '../../../shared/locales.ts';
import { systemLine, type SystemLine } from '../../../shared/system-lines.ts';
import { screen, withGuidance, type UrgentGuidance } from '../triage/triage.guidance.ts';
import { detectRedFlags } from '../triage/triage.red-flags.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { ConversationChannel } from '../../../shared/contracts/realtime.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { LinksService } from '../links/links.service.ts';
import { membershipAccess, type AccessDecision, type ConversationAccess } from './messaging.policy.ts';
import type { ConversationOut, MessageOut } from '../../../shared/contracts/messaging.ts';
import { GroupCommit, type Stored } from './messaging.commit.ts';
import { MessagingStore, type ConversationKind, type ConversationRow, type MemberRole, type MemberRow, type MessageRow, type StoredLink } from './messaging.store.ts';

export interface MessagingDeps {
  db: Database;
  clock: Clock;
  bus: Bus;
  audit: AuditLog;
  accounts: AccountsService;
  links: LinksService;
  blobs: BlobStore;
  /** How long a post waits for link previews before answering without them. */
  previewBudgetMs?: number;
}

export const channelOf = (conversationId: string): ConversationChannel => `conversation:${conversationId}`;
/** Who may post where changed (members, roles, a conversation closed): every process forgets
 * what it had proved for that conversation. */
export const ACCESS_CHANNEL = 'messaging:access';
const MAX_PROVEN = 100_000;
export const SYSTEM_SENDER = 'system';
const MAX_GROUP_MEMBERS = 500;
/** Longest message kept, in characters. */
export const MAX_MESSAGE = 4000;

class AlreadyStored extends Error {
  constructor(readonly message_: MessageRow) {
    super('already stored');
  }
}

export interface Access {
  conversation: ConversationRow;
  member: MemberRow | null;
  decision: AccessDecision;
}

export function toMessageOut(row: MessageRow): MessageOut {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    kind: row.kind,
    senderId: row.senderId,
    clientId: row.clientId,
    text: row.text,
    links: row.links,
    attachments: row.attachments.map((a) => ({ ...a, url: `/api/conversations/${row.conversationId}/attachments/${a.id}` })),
    ...(row.system ? { system: row.system } : {}),
    createdAt: row.createdAt,
  };
}

export class MessagingService {
  readonly store: MessagingStore;
  private readonly access = new Map<ConversationKind, ConversationAccess>([
    ['direct', membershipAccess],
    ['group', membershipAccess],
    ['consultation', membershipAccess],
  ]);

  /** Posting rights already proved, `conversationId` → `userId:scope` → conversation kind:
   * a person who posts many messages in a row is checked once. Forgotten on every change of
   * members, roles or status (here or in another process, through the bus), and whenever an
   * access policy is registered. Whether the conversation is still open is decided by the
   * statement that stores the message, never by this cache. */
  private readonly proven = new Map<string, Map<string, ConversationKind>>();
  private provenCount = 0;
  private readonly accessEvents: Promise<() => Promise<void>>;
  private readonly commits: GroupCommit;
  /** How group commit has batched the messages of this process (for tests and benchmarks). */
  get commitStats(): Readonly<GroupCommit['stats']> {
    return this.commits.stats;
  }

  constructor(private readonly deps: MessagingDeps) {
    this.store = new MessagingStore(deps.db);
    this.accessEvents = deps.bus.subscribe(ACCESS_CHANNEL, (event) => this.forgetLocally((event as { conversationId?: string }).conversationId ?? null));
    this.accessEvents.catch(() => undefined);
    this.commits = new GroupCommit({ db: deps.db, store: this.store, postgres: deps.db.dialect === 'postgres', now: () => this.now(), single: (message) => this.insertOnce(message) });
  }

  private forgetLocally(conversationId: string | null): void {
    if (conversationId === null) {
      this.proven.clear();
      this.provenCount = 0;
      return;
    }
    this.provenCount -= this.proven.get(conversationId)?.size ?? 0;
    this.proven.delete(conversationId);
  }

  /** Forgets proved posting rights for a conversation in this process at once and in the others through the bus. */
  async forgetAccess(conversationId: string): Promise<void> {
    this.forgetLocally(conversationId);
    // Again once the change is committed, so no process proves access from the old rows.
    await this.deps.db.afterCommit(async () => {
      this.forgetLocally(conversationId);
      await this.deps.bus.publish(ACCESS_CHANNEL, { conversationId });
    });
  }

  /** The kind of a conversation `actor` may post in, from what was already proved, else checked now. */
  private async postingKind(actor: Actor, conversationId: string): Promise<{ kind: ConversationKind; status: 'open' | 'closed' | null }> {
    const who = `${actor.userId}:${actor.scope}`;
    const known = this.proven.get(conversationId)?.get(who);
    if (known) return { kind: known, status: null };
    const { conversation, decision } = await this.authorize(actor, conversationId, 'post');
    if (!decision.auditAction && conversation.status === 'open') {
      if (this.provenCount >= MAX_PROVEN) this.forgetLocally(null);
      let people = this.proven.get(conversationId);
      if (!people) this.proven.set(conversationId, (people = new Map()));
      if (!people.has(who)) this.provenCount++;
      people.set(who, conversation.kind);
    }
    return { kind: conversation.kind, status: conversation.status };
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  registerAccess(kind: ConversationKind, access: ConversationAccess): void {
    this.access.set(kind, access);
    this.forgetLocally(null);
  }

  /** Stops listening for access changes (the app is closing). */
  async stop(): Promise<void> {
    await this.accessEvents.then((unsubscribe) => unsubscribe()).catch(() => undefined);
  }

  accessFor(kind: ConversationKind): ConversationAccess {
    return this.access.get(kind)!;
  }

  private readonly storedListeners: Array<(message: MessageOut, kind: ConversationKind, redFlags: string[]) => Promise<void>> = [];

  /** Called once for each message a person stores (after commit), e.g. so consultations
   * can record a doctor's first reply. A listener's failure does not fail the post. */
  onStored(listener: (message: MessageOut, kind: ConversationKind, redFlags: string[]) => Promise<void>): void {
    this.storedListeners.push(listener);
  }

  /** The conversation and what the actor may do in it; 404 when they may not read it.
   * Reads that need auditing (an admin reading someone's chat) are recorded here. */
  async authorize(actor: Actor, conversationId: string, purpose: 'read' | 'post' | 'manage' = 'read', staffRead: { reason?: string | undefined; action?: string } = {}): Promise<Access> {
    const found = await this.store.findConversationFor(conversationId, actor.userId);
    if (!found) throw notFound('This conversation');
    const { conversation, member } = found;
    const decision = await this.access.get(conversation.kind)!.decide(actor, conversation, member);
    if (!decision || !decision.read) throw notFound('This conversation');
    if (purpose === 'post' && !decision.post) throw forbidden('You can read this conversation but not write in it.');
    if (purpose === 'manage' && !decision.manage) throw forbidden('Only the owner or an admin of this group can change its members.');
    if (decision.auditAction && purpose === 'read') {
      const reason = staffRead.reason?.trim();
      if (decision.reasonRequired && !reason) {
        throw new AppError(422, 'reason_required', 'Say why you are reading this conversation: the patient sees every staff read and its reason.', { reason: 'is required for a staff read' });
      }
      await this.deps.audit.record({ actorId: actor.userId, action: staffRead.action ?? decision.auditAction, resourceType: 'conversation', resourceId: conversationId, ...(reason ? { detail: { reason } } : {}) });
    }
    return { conversation, member, decision };
  }

  // ---- service API for other features -------------------------------------------------

  async createConversation(
    input: { kind: ConversationKind; title?: string | null; createdBy: string | null; members: Array<{ userId: string; role: MemberRole }>; directKey?: string | null },
  ): Promise<string> {
    const id = newId('cnv');
    const now = this.now();
    await this.deps.db.transaction(async () => {
      await this.store.insertConversation({ id, kind: input.kind, title: input.title ?? null, createdBy: input.createdBy, directKey: input.directKey ?? null, now });
      for (const m of input.members) await this.store.upsertMember({ conversationId: id, userId: m.userId, role: m.role, addedBy: input.createdBy, now });
    });
    return id;
  }

  async addMember(conversationId: string, userId: string, role: MemberRole, addedBy: string | null): Promise<void> {
    await this.store.upsertMember({ conversationId, userId, role, addedBy, now: this.now() });
    await this.forgetAccess(conversationId);
  }

  async reopen(conversationId: string): Promise<boolean> {
    const opened = await this.store.reopen(conversationId, this.now());
    if (opened) await this.deps.db.afterCommit(() => this.deps.bus.publish(channelOf(conversationId), { type: 'reopened', conversationId }));
    return opened;
  }

  async close(conversationId: string): Promise<boolean> {
    const closed = await this.store.close(conversationId, this.now());
    if (closed) {
      await this.forgetAccess(conversationId);
      // Inside a caller's transaction (a consultation closed or cancelled) subscribers hear
      // of it once that transaction commits, and never if it rolls back.
      await this.deps.db.afterCommit(() => this.deps.bus.publish(channelOf(conversationId), { type: 'closed', conversationId }));
    }
    return closed;
  }

  async postSystemMessage(conversationId: string, line: SystemLine & { text: string }): Promise<MessageOut> {
    const { text, ...system } = line;
    const row = await this.insert({ conversationId, senderId: SYSTEM_SENDER, clientId: newId('sys'), kind: 'system', text, links: [], attachments: [], system });
    const out = toMessageOut(row);
    await this.deps.db.afterCommit(() => this.announce(out));
    return out;
  }

  async announce(message: MessageOut): Promise<void> {
    await this.deps.bus.publish(channelOf(message.conversationId), { type: 'message', ...message });
  }

  // ---- people ---------------------------------------------------------------------------

  async createChat(actor: Actor, input: { kind: 'direct' | 'group'; memberIds: string[]; title?: string }): Promise<{ id: string; created: boolean }> {
    const others = [...new Set(input.memberIds.filter((id) => id !== actor.userId))];
    if (input.kind === 'direct' && others.length !== 1) throw invalid({ memberIds: 'a direct chat has exactly one other person' });
    if (others.length + 1 > MAX_GROUP_MEMBERS) throw invalid({ memberIds: `a group has at most ${MAX_GROUP_MEMBERS} members` });
    const found = await this.deps.accounts.findUsers(others);
    if (found.length !== others.length) throw invalid({ memberIds: 'some of these people do not exist' });
    const title = input.title?.trim() || null;
    if (input.kind === 'direct') {
      const directKey = [actor.userId, others[0]!].sort().join(':');
      const existing = await this.store.findDirectId(directKey);
      if (existing) return { id: existing, created: false };
      try {
        const id = await this.createConversation({
          kind: 'direct',
          title: null,
          createdBy: actor.userId,
          directKey,
          members: [{ userId: actor.userId, role: 'member' }, { userId: others[0]!, role: 'member' }],
        });
        return { id, created: true };
      } catch (error) {
        // Both people opened the chat at once: the unique direct_key picked one.
        if (!isUniqueViolation(error)) throw error;
        const id = await this.store.findDirectId(directKey);
        if (!id) throw error;
        return { id, created: false };
      }
    }
    const id = await this.createConversation({
      kind: 'group',
      title,
      createdBy: actor.userId,
      members: [{ userId: actor.userId, role: 'owner' }, ...others.map((userId) => ({ userId, role: 'member' as const }))],
    });
    return { id, created: true };
  }

  async findPersonByEmail(email: string): Promise<{ id: string; displayName: string } | null> {
    const id = await this.deps.accounts.idByEmail(email.trim().toLowerCase());
    if (!id) return null;
    const [user] = await this.deps.accounts.findUsers([id]);
    return user ? { id: user.id, displayName: user.displayName } : null;
  }

  async invite(actor: Actor, conversationId: string, userIds: string[], role: 'admin' | 'member' = 'member'): Promise<ConversationOut> {
    const { conversation, member } = await this.authorize(actor, conversationId, 'manage');
    if (conversation.kind !== 'group') throw conflict('not_a_group', 'Only group chats take new members.');
    if (role === 'admin' && member?.role !== 'owner') throw forbidden('Only the owner can make someone an admin.');
    const ids = [...new Set(userIds)];
    const found = await this.deps.accounts.findUsers(ids);
    if (found.length !== ids.length) throw invalid({ userIds: 'some of these people do not exist' });
    const current = await this.store.listMembers(conversationId);
    const newcomers = ids.filter((id) => !current.some((m) => m.userId === id));
    if (current.length + newcomers.length > MAX_GROUP_MEMBERS) throw invalid({ userIds: `a group has at most ${MAX_GROUP_MEMBERS} members` });
    for (const userId of newcomers) {
      // Newcomers start reading from now: the unread count covers what they can follow.
      await this.store.upsertMember({ conversationId, userId, role, addedBy: actor.userId, now: this.now(), lastReadSeq: conversation.lastSeq });
    }
    if (newcomers.length) await this.forgetAccess(conversationId);
    if (newcomers.length) {
      const names = found.filter((u) => newcomers.includes(u.id)).map((u) => u.displayName);
      await this.postSystemMessage(conversationId, systemLine('group_added', { name: actor.displayName, names }));
    }
    return this.conversation(actor, conversationId);
  }

  /** Leaving (yourself) or removal (by the owner or an admin; admins cannot remove the owner or other admins). */
  async removeMember(actor: Actor, conversationId: string, userId: string): Promise<void> {
    const self = userId === actor.userId;
    const { conversation, member } = await this.authorize(actor, conversationId, self ? 'read' : 'manage');
    if (conversation.kind !== 'group') throw conflict('not_a_group', 'You can only leave or remove people from group chats.');
    const target = await this.store.findMember(conversationId, userId);
    if (!target || target.leftAt) throw notFound('This member');
    if (!self) {
      if (target.role === 'owner') throw forbidden('The owner of a group cannot be removed.');
      if (target.role === 'admin' && member?.role !== 'owner') throw forbidden('Only the owner can remove an admin.');
    }
    const now = this.now();
    await this.deps.db.transaction(async () => {
      await this.store.markLeft(conversationId, userId, now);
      if (self && target.role === 'owner') {
        // The group keeps an owner: the longest-standing admin, else the longest-standing member.
        const rest = (await this.store.listMembers(conversationId)).filter((m) => m.userId !== userId);
        const heir = rest.find((m) => m.role === 'admin') ?? rest[0];
        if (heir) await this.store.setRole(conversationId, heir.userId, 'owner');
      }
    });
    await this.forgetAccess(conversationId);
    await this.deps.bus.publish(channelOf(conversationId), { type: 'removed', conversationId, userId });
    const [user] = await this.deps.accounts.findUsers([userId]);
    await this.postSystemMessage(conversationId, self ? systemLine('group_left', { name: user?.displayName ?? '' }) : systemLine('group_removed', { name: actor.displayName, other: user?.displayName ?? '' }));
  }

  async setRole(actor: Actor, conversationId: string, userId: string, role: 'admin' | 'member'): Promise<ConversationOut> {
    const { conversation, member } = await this.authorize(actor, conversationId, 'manage');
    if (conversation.kind !== 'group') throw conflict('not_a_group', 'Only group chats have roles.');
    if (member?.role !== 'owner') throw forbidden('Only the owner can change roles.');
    const target = await this.store.findMember(conversationId, userId);
    if (!target || target.leftAt) throw notFound('This member');
    if (target.role === 'owner') throw forbidden("The owner's role cannot be changed.");
    await this.store.setRole(conversationId, userId, role);
    await this.forgetAccess(conversationId);
    return this.conversation(actor, conversationId);
  }

  async conversation(actor: Actor, conversationId: string, reason?: string): Promise<ConversationOut> {
    const { conversation, member, decision } = await this.authorize(actor, conversationId, 'read', { reason });
    const members = await this.store.listMembers(conversationId);
    const users = await this.deps.accounts.findUsers(members.map((m) => m.userId));
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return {
      id: conversation.id,
      kind: conversation.kind,
      title: conversation.title,
      status: conversation.status,
      lastSeq: conversation.lastSeq,
      createdAt: conversation.createdAt,
      role: member && !member.leftAt ? member.role : null,
      canPost: decision.post && conversation.status === 'open',
      canManage: Boolean(decision.manage),
      members: members.map((m) => ({ userId: m.userId, displayName: names.get(m.userId) ?? '', role: m.role, lastReadSeq: m.lastReadSeq })),
    };
  }

  async listConversations(actor: Actor, limit = 100) {
    const rows = await this.store.listForUser(actor.userId, Math.min(limit, 200));
    const last = await this.store.lastMessages(rows.map((r) => r.id));
    const memberLists = await Promise.all(rows.map((r) => this.store.listMembers(r.id)));
    const users = await this.deps.accounts.findUsers(memberLists.flat().map((m) => m.userId));
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r, i) => {
      const message = last.get(r.id);
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        status: r.status,
        role: r.role,
        lastSeq: r.lastSeq,
        lastReadSeq: r.lastReadSeq,
        unread: r.unread,
        lastMessage: message ? { seq: message.seq, senderId: message.senderId, kind: message.kind, text: message.text, ...(message.system ? { system: message.system } : {}), createdAt: message.createdAt } : null,
        members: memberLists[i]!.slice(0, 20).map((m) => ({ userId: m.userId, displayName: names.get(m.userId) ?? '' })),
      };
    });
  }

  // ---- messages -------------------------------------------------------------------------

  /** Red flags in what a patient writes are screened before anything else: the message is
   * still delivered (nobody is silenced while talking to their doctor), and the writer gets
   * the emergency guidance in the answer, also when the message is refused for its length. */
  async postMessage(
    actor: Actor,
    conversationId: string,
    input: { clientId: string; text: string; attachmentIds?: string[] },
    place: { locale: Locale; acceptLanguage?: string | null } = { locale: actor.locale },
  ): Promise<MessageOut & { urgent?: UrgentGuidance }> {
    // Rights proved by an earlier post are not read again; a resend is answered by the
    // batch that finds its message (group commit), or here when the conversation is closed.
    const conversation = await this.postingKind(actor, conversationId);
    if (conversation.status === 'closed') {
      const resent = await this.store.findByClientId(conversationId, actor.userId, input.clientId);
      if (resent) return toMessageOut(resent);
    }
    const text = input.text.replace(/\r\n/g, '\n').trim();
    // A doctor's "if the chest pain comes back, call 120" is advice, not a red flag.
    const guidance = hasRole(actor, 'doctor') || !detectRedFlags(text).flags.length ? null : screen(text, await this.deps.accounts.countryOf(actor.userId, place), place.locale);
    const urgent = guidance ? { urgent: guidance } : {};
    if (conversation.status === 'closed') throw withGuidance(conflict('conversation_closed', 'This conversation is closed; it can be read but not written in.'), guidance);
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    if (!text && attachmentIds.length === 0) throw invalid({ text: 'write a message or attach an image' });
    if (text.length > MAX_MESSAGE) throw withGuidance(invalid({ text: `must be at most ${MAX_MESSAGE} characters` }), guidance);
    const attachments = [];
    for (const id of attachmentIds) {
      const meta = await this.store.findAttachmentMeta(id);
      if (!meta || meta.conversationId !== conversationId || meta.uploaderId !== actor.userId) throw invalid({ attachmentIds: 'an attachment was not uploaded to this conversation' });
      attachments.push({ id: meta.id, contentType: meta.contentType, width: meta.width, height: meta.height, size: meta.size });
    }
    const links: StoredLink[] = await this.deps.links.screen({ conversationId, kind: conversation.kind, senderId: actor.userId, text });
    const { row, fresh } = await this.commits.submit({ id: newId('msg'), conversationId, senderId: actor.userId, clientId: input.clientId, kind: attachments.length ? 'image' : 'text', text, links, attachments, system: null });
    const stored = toMessageOut(row);
    // A racing resend got the message its twin stored: announced (and previewed) once.
    if (!fresh) return { ...stored, ...urgent };
    await this.announce(stored);
    for (const listener of this.storedListeners) await listener(stored, conversation.kind, guidance?.flags ?? []).catch(() => undefined);
    if (links.length === 0) return { ...stored, ...urgent };
    const withPreviews = await this.deps.links.withPreviews(links, this.deps.previewBudgetMs ?? 2500, (late) => void this.savePreviews(row, late).catch(() => undefined));
    if (withPreviews.some((l) => l.preview)) await this.savePreviews(row, withPreviews);
    return { ...stored, links: withPreviews, ...urgent };
  }

  /** Previews arrive after the message: stored on it, and sent to live subscribers as a `links` event. */
  private async savePreviews(row: MessageRow, links: StoredLink[]): Promise<void> {
    await this.store.updateLinks(row.conversationId, row.seq, links);
    await this.deps.bus.publish(channelOf(row.conversationId), { type: 'links', conversationId: row.conversationId, seq: row.seq, links });
  }

  /** Stores a message with the next seq, or returns the one already stored under the same
   * (sender, clientId): checked again inside the transaction, after the conversation row
   * is locked, and once more if the unique index reports a racing twin. */
  private async insert(message: Omit<MessageRow, 'id' | 'seq' | 'createdAt'>): Promise<MessageRow> {
    if (this.deps.db.inTransaction) return this.insertIn(message);
    return (await this.insertOnce(message)).row;
  }

  private async insertIn(message: Omit<MessageRow, 'id' | 'seq' | 'createdAt'>): Promise<MessageRow> {
    const now = this.now();
      const seq = await this.store.nextSeq(message.conversationId, now);
      if (seq === null) {
        const conversation = await this.store.findConversation(message.conversationId);
        if (!conversation) throw notFound('This conversation');
        throw conflict('conversation_closed', 'This conversation is closed; it can be read but not written in.');
      }
      const twin = await this.store.findByClientId(message.conversationId, message.senderId, message.clientId);
      if (twin) throw new AlreadyStored(twin);
      const row: MessageRow = { ...message, id: newId('msg'), seq, createdAt: now };
      await this.store.insertMessage(row);
      return row;
  }

  private async insertOnce(message: Omit<MessageRow, 'id' | 'seq' | 'createdAt'> & { id?: string }): Promise<Stored> {
    try {
      if (this.deps.db.dialect === 'postgres') {
        // One statement instead of BEGIN, UPDATE, SELECT, INSERT, COMMIT: a racing twin is
        // caught by the unique index below, which undoes the seq it took.
        const row: Omit<MessageRow, 'seq'> = { ...message, id: message.id ?? newId('msg'), createdAt: this.now() };
        const seq = await this.store.insertWithNextSeq(row);
        if (seq === null) {
          const conversation = await this.store.findConversation(message.conversationId);
          if (!conversation) throw notFound('This conversation');
          throw conflict('conversation_closed', 'This conversation is closed; it can be read but not written in.');
        }
        return { row: { ...row, seq }, fresh: true };
      }
      return { row: await this.deps.db.transaction(() => this.insertIn(message)), fresh: true };
    } catch (error) {
      if (error instanceof AlreadyStored) return { row: error.message_, fresh: false };
      if (isUniqueViolation(error)) {
        const twin = await this.store.findByClientId(message.conversationId, message.senderId, message.clientId);
        if (twin) return { row: twin, fresh: false };
      }
      throw error;
    }
  }

  async listMessages(actor: Actor, conversationId: string, query: { after?: number; before?: number; limit?: number; reason?: string }): Promise<MessageOut[]> {
    await this.authorize(actor, conversationId, 'read', { reason: query.reason });
    const limit = Math.min(query.limit ?? 100, 500);
    const rows = query.before !== undefined ? await this.store.listBefore(conversationId, query.before, limit) : await this.store.listMessages(conversationId, query.after ?? 0, limit);
    return rows.map(toMessageOut);
  }

  /** Messages after `after` for a live subscriber whose access was checked at subscribe time. */
  async replay(conversationId: string, after: number, limit = 500): Promise<MessageOut[]> {
    return (await this.store.listMessages(conversationId, after, limit)).map(toMessageOut);
  }

  async markRead(actor: Actor, conversationId: string, seq: number): Promise<{ lastReadSeq: number }> {
    const { conversation, member } = await this.authorize(actor, conversationId);
    if (!member || member.leftAt) return { lastReadSeq: 0 };
    const upTo = Math.min(seq, conversation.lastSeq);
    const moved = await this.store.markRead(conversationId, actor.userId, upTo);
    if (moved) await this.deps.bus.publish(channelOf(conversationId), { type: 'read', conversationId, userId: actor.userId, seq: upTo });
    return { lastReadSeq: Math.max(upTo, member.lastReadSeq) };
  }

  async typing(actor: Actor, conversationId: string): Promise<void> {
    await this.deps.bus.publish(channelOf(conversationId), { type: 'typing', conversationId, userId: actor.userId, displayName: actor.displayName });
  }

  /** On account deletion: the photos the person uploaded leave the blob store too (their
   * messages then show that the image is gone). */
  async forgetUploads(userId: string): Promise<void> {
    for (const key of await this.store.removeAttachmentsOf(userId)) await this.deps.blobs.delete(key);
  }

  /** A photo's bytes, for those who may read its conversation. */
  async attachment(actor: Actor, conversationId: string, attachmentId: string, reason?: string): Promise<{ contentType: string; data: Buffer }> {
    await this.authorize(actor, conversationId, 'read', { reason, action: 'attachment.read_by_admin' });
    const meta = await this.store.findAttachmentMeta(attachmentId);
    const key = meta && meta.conversationId === conversationId ? await this.store.attachmentBlobKey(attachmentId) : null;
    if (!meta || !key) throw notFound('This image');
    return { contentType: meta.contentType, data: await this.deps.blobs.get(key) };
  }
}

