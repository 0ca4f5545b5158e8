// Group circles: a forum's small group chats. Each is a `group` conversation of the
// messaging core, so members, history, realtime and the link policy for group chats
// (external links refused unless the policy allows them) are messaging's, unchanged.
// Sensitive forums have none: a chat shows members' names, which pseudonymous forums
// promise not to.
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { MessagingService } from '../messaging/messaging.service.ts';
import type { CommunityService } from './community.service.ts';
import { CommunityStore, type CircleRow } from './community.store.ts';

export type Circle = CircleRow;

const CIRCLES_PER_HOUR = 3;

export class CirclesService {
  private readonly store: CommunityStore;

  constructor(private readonly deps: { db: Database; clock: Clock; messaging: MessagingService; community: CommunityService }) {
    this.store = new CommunityStore(deps.db);
  }

  async list(forumIdOrSlug: string, locale: Locale): Promise<Circle[]> {
    const forum = await this.deps.community.requireForum(forumIdOrSlug, locale);
    return this.store.listCircles(forum.id, 100);
  }

  async create(actor: Actor, forumIdOrSlug: string, titleText: string, locale: Locale): Promise<{ id: string; conversationId: string }> {
    const forum = await this.deps.community.requireForum(forumIdOrSlug, locale);
    if (forum.sensitive) throw new AppError(409, 'no_circles_here', 'Pseudonymous forums have no group circles: members of a chat see each other’s names.');
    const title = titleText.replace(/\s+/g, ' ').trim();
    if (title.length < 3) throw invalid({ title: 'give the circle a name of at least 3 characters' });
    const match = await this.deps.community.words.check(title);
    if (match) throw invalid({ title: 'this name contains a term held for review; choose another' });
    const since = new Date(this.deps.clock.now().getTime() - 3_600_000).toISOString();
    if ((await this.store.countRecentCirclesBy(actor.userId, since)) >= CIRCLES_PER_HOUR)
      throw new AppError(429, 'too_many_circles', `You can start ${CIRCLES_PER_HOUR} circles an hour.`);
    const id = newId('crc');
    const conversationId = await this.deps.db.transaction(async () => {
      const conversation = await this.deps.messaging.createConversation({
        kind: 'group',
        title,
        createdBy: actor.userId,
        members: [{ userId: actor.userId, role: 'owner' }],
      });
      await this.store.insertCircle({
        id,
        forum_id: forum.id,
        conversation_id: conversation,
        title,
        created_by: actor.userId,
        created_at: this.deps.clock.now().toISOString(),
      });
      return conversation;
    });
    return { id, conversationId };
  }

  /** Joins a circle (idempotent: a member keeps their role). */
  async join(actor: Actor, circleId: string): Promise<{ conversationId: string }> {
    const conversationId = await this.store.circleConversation(circleId);
    if (!conversationId) throw notFound('This circle');
    const member = await this.deps.messaging
      .conversation(actor, conversationId)
      .then(() => true)
      .catch(() => false);
    if (!member) await this.deps.messaging.addMember(conversationId, actor.userId, 'member', null);
    return { conversationId };
  }
}
