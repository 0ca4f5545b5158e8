// Tickets for the realtime socket. A client whose session is a bearer token (the
// mini-program) cannot put it in a cookie, and a token in a URL ends up in logs; so it
// either offers the token as a WebSocket subprotocol (`lotus.bearer.<token>`), or asks
// `POST /api/realtime/tickets` for a ticket and opens `/api/realtime?ticket=<ticket>`.
// A ticket lives TICKET_SECONDS, opens one socket, and stands for the session that asked
// for it (signing out ends it too). Stored hashed in the database, so any process redeems it.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { RealtimeTicketsStore } from './messaging.tickets.store.ts';

export const TICKET_SECONDS = 45;
/** The subprotocol a client offers beside its bearer token; the server answers with it. */
export const REALTIME_PROTOCOL = 'lotus.v1';
export const BEARER_PROTOCOL_PREFIX = 'lotus.bearer.';

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

export interface SessionAuthenticator {
  authenticate(token: string, via: Actor['via']): Promise<Actor | null>;
  authenticateSession(sessionId: string, via: Actor['via']): Promise<Actor | null>;
}

export class RealtimeTickets {
  private readonly store: RealtimeTicketsStore;

  constructor(private readonly deps: { db: Database; clock: Clock; accounts: SessionAuthenticator }) {
    this.store = new RealtimeTicketsStore(deps.db);
  }

  async issue(actor: Actor): Promise<{ ticket: string; expiresAt: string }> {
    const ticket = `rtt_${randomBytes(32).toString('base64url')}`;
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + TICKET_SECONDS * 1000).toISOString();
    await this.store.insert({ ticket_hash: hash(ticket), session_id: actor.sessionId, expires_at: expiresAt }, now.toISOString());
    return { ticket, expiresAt };
  }

  /** The actor of a live ticket's session, once; null for an unknown, used or expired one. */
  async redeem(ticket: string): Promise<Actor | null> {
    if (!/^rtt_[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
    const sessionId = await this.store.take(hash(ticket), this.deps.clock.now().toISOString());
    return sessionId ? this.deps.accounts.authenticateSession(sessionId, 'bearer') : null;
  }

  /** The actor of a bearer token offered as a subprotocol. */
  bearer(token: string): Promise<Actor | null> {
    return this.deps.accounts.authenticate(token, 'bearer');
  }

  /** The bearer token a client offered as a subprotocol, if any. */
  static bearerOf(header: string | string[] | undefined): string | null {
    const offered = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((p) => p.trim());
    const bearer = offered.find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX));
    return bearer ? bearer.slice(BEARER_PROTOCOL_PREFIX.length) : null;
  }
}
