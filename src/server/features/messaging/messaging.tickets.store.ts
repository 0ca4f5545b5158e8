// The realtime tickets' table: stored by the SHA-256 of the ticket; taking one deletes it.
import type { Database } from '../../platform/db/unit-of-work.ts';

type TicketTables = {
  realtime_tickets: { ticket_hash: string; session_id: string; expires_at: string };
};

export class RealtimeTicketsStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<TicketTables>();
  }

  async insert(row: TicketTables['realtime_tickets'], now: string): Promise<void> {
    // Tickets nobody used are cleared as new ones are issued.
    await this.q().deleteFrom('realtime_tickets').where('expires_at', '<=', now).execute();
    await this.q().insertInto('realtime_tickets').values(row).execute();
  }

  /** The session of a live ticket, removing it: a second take of the same ticket finds nothing. */
  async take(ticketHash: string, now: string): Promise<string | null> {
    const row = await this.q().deleteFrom('realtime_tickets').where('ticket_hash', '=', ticketHash).returning(['session_id', 'expires_at']).executeTakeFirst();
    return row && row.expires_at > now ? row.session_id : null;
  }
}
