// Moderation: reports from readers, the queue of reported and held posts, hiding and
// restoring with a reason, warnings, suspensions and bans, and the word lists. Every
// action is written to the moderation log and to the audit log in the same transaction;
// revealing who wrote a pseudonymous post is audited too.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { WordList } from './community.moderation-store.ts';
import { canSeePost, isModerator } from './community.policy.ts';
import type { CommunityService } from './community.service.ts';
import type { ContentStatus, PostRow } from './community.store.ts';
import { postHtml, publicAuthor } from './community.views.ts';

export interface ModerationDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  accounts: AccountsService;
  notifications: NotificationsService;
  community: CommunityService;
}

const SANCTION_NOTICE: Record<'warn' | 'suspend' | 'ban', Record<Locale, string>> = {
  warn: { en: 'A moderator warned you', zh: '版主向你发出了警告', fr: 'Un modérateur vous a averti' },
  suspend: { en: 'Your account is suspended', zh: '你的账户已被暂停', fr: 'Votre compte est suspendu' },
  ban: { en: 'Your account is banned', zh: '你的账户已被封禁', fr: 'Votre compte est banni' },
};

export class ModerationService {
  constructor(private readonly deps: ModerationDeps) {}

  private get store() {
    return this.deps.community.store;
  }
  private get modStore() {
    return this.deps.community.moderationStore;
  }
  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private requireModerator(actor: Actor): void {
    if (!isModerator(actor)) throw forbidden('This needs the moderator or admin role.');
  }

  private reason(text: string): string {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean.length < 3) throw invalid({ reason: 'say in a few words why (at least 3 characters)' });
    return clean;
  }

  private async log(actor: Actor, action: string, targetType: string, targetId: string, reason: string, requestId: string | undefined): Promise<void> {
    await this.modStore.insertAction({
      id: newId('mod'),
      moderator_id: actor.userId,
      action,
      target_type: targetType,
      target_id: targetId,
      reason,
      created_at: this.now(),
    });
    await this.deps.audit.record({
      actorId: actor.userId,
      action: `community.${action}`,
      resourceType: `community_${targetType}`,
      resourceId: targetId,
      detail: { reason },
      ...(requestId ? { requestId } : {}),
    });
  }

  async report(actor: Actor, postId: string, reasonText: string): Promise<{ id: string }> {
    const post = await this.store.findPost(postId);
    if (!post || !canSeePost(actor, post)) throw notFound('This post');
    const reason = this.reason(reasonText);
    const id = newId('rpt');
    const inserted = await this.modStore.insertReport({
      id,
      post_id: post.id,
      reporter_id: actor.userId,
      reason,
      status: 'open',
      created_at: this.now(),
      resolved_at: null,
      resolved_by: null,
    });
    if (!inserted) throw conflict('already_reported', 'You have already reported this post; a moderator will look at it.');
    return { id };
  }

  async queue(actor: Actor, locale: Locale) {
    this.requireModerator(actor);
    const ids = await this.modStore.queuePostIds(100);
    const posts = await this.store.findPosts(ids);
    const threads = new Map((await this.store.findThreads([...new Set(posts.map((p) => p.threadId))])).map((t) => [t.id, t]));
    const forums = new Map((await this.deps.community.listForums(locale)).map((f) => [f.id, f]));
    const reports = await this.modStore.openReports(ids);
    const users = await this.deps.community.usersById(posts.filter((p) => !p.anonymous).map((p) => p.authorId));
    const byId = new Map(posts.map((p) => [p.id, p]));
    return {
      items: ids
        .map((id) => byId.get(id))
        .filter((p): p is PostRow => Boolean(p))
        .map((post) => {
          const thread = threads.get(post.threadId)!;
          return {
            post: {
              id: post.id,
              threadId: post.threadId,
              threadTitle: thread.title,
              forumTitle: forums.get(thread.forumId)?.title ?? '',
              html: postHtml(post).html,
              status: post.status,
              first: post.isFirst,
              createdAt: post.createdAt,
              author: publicAuthor(post, users),
            },
            holdReason: post.holdReason,
            reports: reports.filter((r) => r.postId === post.id).map((r) => ({ reason: r.reason, createdAt: r.createdAt })),
          };
        }),
    };
  }

  /** hide: take a post (and, for an opening post, its thread) out of view. restore: publish
   * a held or hidden post, or keep a reported one and dismiss the reports. */
  async moderatePost(
    actor: Actor,
    postId: string,
    action: 'hide' | 'restore',
    reasonText: string,
    requestId?: string,
  ): Promise<{ id: string; status: ContentStatus }> {
    this.requireModerator(actor);
    const reason = this.reason(reasonText);
    const post = await this.store.findPost(postId);
    if (!post) throw notFound('This post');
    const target: ContentStatus = action === 'hide' ? 'hidden' : 'published';
    const now = this.now();
    let published = false;
    await this.deps.db.transaction(async () => {
      const current = (await this.store.findPost(post.id))!;
      if (current.status !== target) {
        const changed = await this.store.transitionPost(current.id, current.status, target, reason);
        if (!changed) throw conflict('changed_meanwhile', 'Someone else moderated this post a moment ago. Reload the queue.');
        const thread = (await this.store.findThread(current.threadId))!;
        const delta = target === 'published' ? 1 : current.status === 'published' ? -1 : 0;
        if (delta !== 0) await this.store.adjustThreadPosts(thread.id, delta, null);
        if (current.isFirst) {
          await this.store.updateThread(thread.id, { status: target });
          if (delta !== 0) await this.store.bumpForum(thread.forumId, delta, target === 'published' ? thread.lastPostAt : null);
        }
        if (target === 'hidden' && thread.bestPostId === current.id) await this.store.updateThread(thread.id, { best_post_id: null });
        published = target === 'published' && current.status === 'pending' && !current.isFirst;
      }
      await this.modStore.resolveReports(post.id, actor.userId, now);
      await this.log(actor, `post_${action}`, 'post', post.id, reason, requestId);
    });
    const affected = await this.store.findThread(post.threadId);
    this.deps.community.caches.invalidate({ threadId: post.threadId, ...(affected ? { forumId: affected.forumId } : {}) });
    if (published) {
      const thread = await this.store.findThread(post.threadId);
      if (thread) await this.deps.community.notifyFollowers(thread, post.id, post.authorId, post.body);
    }
    return { id: post.id, status: target };
  }

  /** Who wrote a post (pseudonymous ones included), for moderators; each look is audited. */
  async revealAuthor(actor: Actor, postId: string, requestId?: string) {
    this.requireModerator(actor);
    const post = await this.store.findPost(postId);
    if (!post) throw notFound('This post');
    const user = (await this.deps.accounts.findUsers([post.authorId]))[0];
    if (!user) throw notFound('This account');
    await this.deps.audit.record({
      actorId: actor.userId,
      action: 'community.author_revealed',
      resourceType: 'community_post',
      resourceId: post.id,
      detail: { anonymous: post.anonymous },
      ...(requestId ? { requestId } : {}),
    });
    const sanctions = await this.modStore.sanctionsOf(user.id);
    return {
      userId: user.id,
      displayName: user.displayName,
      roles: user.roles,
      status: user.status,
      createdAt: user.createdAt,
      sanctions: sanctions.map((s) => ({ kind: s.kind, reason: s.reason, until: s.until, createdAt: s.createdAt })),
    };
  }

  /** Warn, suspend, ban or reinstate the author of a post, without the moderator needing to know who it is. */
  async sanctionAuthor(
    actor: Actor,
    postId: string,
    input: { action: 'warn' | 'suspend' | 'ban' | 'reinstate'; reason: string; days?: number },
    requestId?: string,
  ) {
    this.requireModerator(actor);
    const reason = this.reason(input.reason);
    const post = await this.store.findPost(postId);
    if (!post) throw notFound('This post');
    const user = (await this.deps.accounts.findUsers([post.authorId]))[0];
    if (!user) throw notFound('This account');
    if (user.id === actor.userId) throw new AppError(409, 'cannot_sanction_self', 'You cannot sanction your own account.');
    if (input.action !== 'warn' && input.action !== 'reinstate' && (user.roles.includes('moderator') || user.roles.includes('admin'))) {
      throw forbidden('Moderators and admins cannot be suspended or banned from the moderation queue.');
    }
    const now = this.now();
    const until = input.action === 'suspend' ? new Date(this.deps.clock.now().getTime() + (input.days ?? 7) * 86_400_000).toISOString() : null;
    await this.deps.db.transaction(async () => {
      if (input.action === 'reinstate') await this.modStore.liftSanctions(user.id, now);
      else {
        const kind = input.action === 'warn' ? 'warning' : input.action === 'suspend' ? 'suspension' : 'ban';
        await this.modStore.insertSanction({
          id: newId('snc'),
          user_id: user.id,
          kind,
          reason,
          until,
          created_by: actor.userId,
          created_at: now,
          lifted_at: null,
        });
      }
      await this.log(actor, `user_${input.action}`, 'user', user.id, reason, requestId);
    });
    if (input.action === 'suspend') await this.deps.accounts.setStatus(user.id, 'suspended');
    if (input.action === 'ban') await this.deps.accounts.setStatus(user.id, 'banned');
    if (input.action === 'reinstate') await this.deps.accounts.setStatus(user.id, 'active');
    if (input.action !== 'reinstate') {
      const title = SANCTION_NOTICE[input.action][user.locale];
      await this.deps.notifications.notify([user.id], {
        kind: `community_${input.action}`,
        title,
        body: reason + (until ? ` (→ ${until.slice(0, 10)})` : ''),
        link: `/community/threads/${post.threadId}`,
      });
    }
    return { status: input.action === 'suspend' ? 'suspended' : input.action === 'ban' ? 'banned' : 'active', until };
  }

  /** Ends suspensions whose time is up (run every minute, and callable from tests). */
  async liftExpiredSuspensions(): Promise<number> {
    const now = this.now();
    const expired = await this.modStore.expiredSuspensions(now);
    const userIds = [...new Set(expired.map((s) => s.userId))];
    for (const userId of userIds) {
      const sanctions = await this.modStore.sanctionsOf(userId);
      // A ban outlives any suspension.
      if (sanctions.some((s) => s.kind === 'ban')) continue;
      await this.deps.db.transaction(async () => this.modStore.liftSanctions(userId, now));
      await this.deps.accounts.setStatus(userId, 'active');
    }
    return userIds.length;
  }

  async actionLog(actor: Actor, limit = 100) {
    this.requireModerator(actor);
    const rows = await this.modStore.listActions(limit);
    const moderators = await this.deps.community.usersById(rows.map((r) => r.moderatorId));
    return {
      items: rows.map((r) => ({
        id: r.id,
        moderator: moderators.get(r.moderatorId)?.displayName ?? r.moderatorId,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        reason: r.reason,
        createdAt: r.createdAt,
      })),
    };
  }

  // Word lists

  async listTerms(actor: Actor) {
    this.requireModerator(actor);
    return this.modStore.listTerms();
  }

  async addTerm(actor: Actor, list: WordList, termText: string, requestId?: string) {
    this.requireModerator(actor);
    const term = termText.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (term.length < 2) throw invalid({ term: 'a term needs at least 2 characters' });
    const id = newId('wrd');
    try {
      await this.deps.db.transaction(async () => {
        await this.modStore.insertTerm({ id, list, term, created_at: this.now(), created_by: actor.userId });
        await this.log(actor, 'word_added', 'word', id, `${list}: ${term}`, requestId);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('term_exists', 'This term is already on that list.');
      throw error;
    }
    this.deps.community.words.invalidate();
    return { id, list, term, createdAt: this.now() };
  }

  async removeTerm(actor: Actor, id: string, requestId?: string): Promise<void> {
    this.requireModerator(actor);
    await this.deps.db.transaction(async () => {
      const removed = await this.modStore.deleteTerm(id);
      if (!removed) throw notFound('This term');
      await this.log(actor, 'word_removed', 'word', id, `${removed.list}: ${removed.term}`, requestId);
    });
    this.deps.community.words.invalidate();
  }
}
