// The audit log: who read or changed personal health or identity data, and every
// administrative decision. Written in the caller's transaction when one is given, so an
// action and its audit entry commit together.
import type { Clock } from '../clock.ts';
import type { Database } from '../db/unit-of-work.ts';
import { newId } from '../ids.ts';

export type AuditTables = {
  audit_log: {
    id: string;
    actor_id: string | null;
    action: string;
    resource_type: string;
    resource_id: string | null;
    detail: string | null;
    request_id: string | null;
    created_at: string;
  };
};

export interface AuditEntry {
  actorId: string | null;
  action: string; // e.g. 'doctor_document.read', 'consultation.read_by_admin'
  resourceType: string;
  resourceId?: string | null;
  detail?: Record<string, unknown>;
  requestId?: string;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'detail' | 'requestId'>> {
  id: string;
  detail: Record<string, unknown> | null;
  requestId: string | null;
  createdAt: string;
}

export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .withTables<AuditTables>()
      .insertInto('audit_log')
      .values({
        id: newId('aud'),
        actor_id: entry.actorId,
        action: entry.action,
        resource_type: entry.resourceType,
        resource_id: entry.resourceId ?? null,
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
        request_id: entry.requestId ?? null,
        created_at: this.clock.now().toISOString(),
      })
      .execute();
  }

  async list(filter: { resourceType?: string; resourceId?: string; actorId?: string; limit?: number } = {}): Promise<AuditRecord[]> {
    let query = this.db
      .withTables<AuditTables>()
      .selectFrom('audit_log')
      .select(['id', 'actor_id', 'action', 'resource_type', 'resource_id', 'detail', 'request_id', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(filter.limit ?? 100, 500));
    if (filter.resourceType) query = query.where('resource_type', '=', filter.resourceType);
    if (filter.resourceId) query = query.where('resource_id', '=', filter.resourceId);
    if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      requestId: r.request_id,
      createdAt: r.created_at,
    }));
  }

  /** Entries about any of these resources of one type, newest first. */
  async listFor(resourceType: string, resourceIds: string[], limit = 500): Promise<AuditRecord[]> {
    if (resourceIds.length === 0) return [];
    const rows = await this.db
      .withTables<AuditTables>()
      .selectFrom('audit_log')
      .select(['id', 'actor_id', 'action', 'resource_type', 'resource_id', 'detail', 'request_id', 'created_at'])
      .where('resource_type', '=', resourceType)
      .where('resource_id', 'in', resourceIds)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
      requestId: r.request_id,
      createdAt: r.created_at,
    }));
  }
}
