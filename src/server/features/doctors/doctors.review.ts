// The reviewer's side of doctor onboarding, and the licence expiry job. Every decision
// runs in one transaction that re-reads (and on PostgreSQL locks) the application, checks
// the state it changes, records who decided, when and why, and grants or revokes the
// `doctor` role with it. Two accounts can never both be approved with one identifier: the
// unique index on approved identifiers refuses the second, whatever the timing.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { requireNotOwn, requireReviewer } from './doctors.policy.ts';
import type { Application, DecisionInput, ManualEvidenceInput } from '../../../shared/contracts/doctors.ts';
import type { ApplicationPatch, ApplicationRow, ApplicationStatus, DoctorsStore } from './doctors.store.ts';
import { PRIMARY_IDENTIFIER } from './doctors.verification.ts';
import { computedChecks, nextCheckDue, RENEW_BEFORE_DAYS } from './doctors.views.ts';

export interface ReviewDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  bus: Bus;
  accounts: AccountsService;
  store: DoctorsStore;
  view(row: ApplicationRow, forReviewer: boolean, names?: Map<string, string>): Promise<Application>;
}

const DAY = 86_400_000;

export class DoctorsReview {
  /** Tells the doctor outside the app (email, push), inside the decision's transaction; set by buildApp. */
  notify: ((userId: string, kind: 'doctor_application_decision' | 'doctor_licence_expiring') => Promise<void>) | null = null;

  constructor(private readonly deps: ReviewDeps) {}

  private async names(row: ApplicationRow): Promise<Map<string, string>> {
    const decisions = await this.deps.store.decisionsOf(row.id);
    const users = await this.deps.accounts.findUsers(decisions.map((d) => d.actorId).filter((id): id is string => Boolean(id)));
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  async queue(actor: Actor, status: ApplicationStatus | 'renewal' = 'submitted') {
    requireReviewer(actor);
    const rows =
      status === 'renewal' ? await this.deps.store.list({ statuses: ['approved'], renewal: true }) : await this.deps.store.list({ statuses: [status] });
    const now = this.deps.clock.now();
    return Promise.all(
      rows.map(async (row) => {
        const [documents, holders] = await Promise.all([this.deps.store.documentsOf(row.id), this.deps.store.holdersOf(row.identifiers, row.userId)]);
        const checks = computedChecks(row, documents, holders, now);
        return {
          id: row.id,
          userId: row.userId,
          fullName: row.fullName,
          status: row.status,
          country: row.country,
          department: row.department,
          hospital: row.hospital,
          submittedAt: row.submittedAt,
          renewalSubmittedAt: row.renewalSubmittedAt,
          flagged: checks.filter((c) => c.status !== 'passed').length,
          checks,
        };
      }),
    );
  }

  /** One application in full, for a reviewer; the read of identity data is audited. */
  async get(actor: Actor, id: string, requestId?: string): Promise<Application> {
    requireReviewer(actor);
    const row = await this.deps.store.findById(id);
    if (!row) throw notFound('This application');
    await this.deps.audit.record({
      actorId: actor.userId,
      action: 'doctor_application.read',
      resourceType: 'doctor_application',
      resourceId: id,
      detail: { applicantId: row.userId },
      ...(requestId ? { requestId } : {}),
    });
    return this.deps.view(row, true, await this.names(row));
  }

  async addEvidence(actor: Actor, id: string, input: ManualEvidenceInput): Promise<Application> {
    requireReviewer(actor);
    const row = await this.deps.store.findById(id);
    if (!row) throw notFound('This application');
    requireNotOwn(actor, row.userId);
    const kind = (input.identifierKind as keyof typeof row.identifiers | undefined) ?? PRIMARY_IDENTIFIER[row.country];
    const identifier = row.identifiers[kind];
    if (!identifier) throw invalid({ identifierKind: 'this application has no such identifier' });
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction(async () => {
      await this.deps.store.insertEvidence({
        id: newId('rev'),
        application_id: id,
        registry: input.registry?.trim() || (row.country === 'CN' ? 'NHC manual check' : 'Manual check'),
        identifier_kind: kind,
        identifier,
        outcome: input.outcome,
        registered_name: null,
        request: JSON.stringify({ method: 'MANUAL', url: null, at: now }),
        response: JSON.stringify({ status: null, body: input.note, at: now }),
        recorded_by: actor.userId,
        note: input.note,
        checked_at: now,
      });
      await this.deps.audit.record({
        actorId: actor.userId,
        action: 'doctor_application.evidence',
        resourceType: 'doctor_application',
        resourceId: id,
        detail: { outcome: input.outcome },
      });
    });
    return this.get(actor, id);
  }

  /** What an approval rests on. A registry match when no automatic check was flagged;
   * otherwise a reviewer's recorded match, made since the latest automatic check (a check
   * that ran again after the applicant changed their details needs looking at again).
   * Null when nothing was recorded that shows who this doctor is. */
  private async approvalEvidence(row: ApplicationRow): Promise<{ registry: string; method: 'registry' | 'reviewer' } | { flagged: string[] }> {
    const [documents, holders, evidence] = await Promise.all([
      this.deps.store.documentsOf(row.id),
      this.deps.store.holdersOf(row.identifiers, row.userId),
      this.deps.store.evidenceOf(row.id),
    ]);
    const checks = computedChecks(row, documents, holders, this.deps.clock.now());
    const flagged = checks.filter((c) => (c.code === 'registry' || c.code === 'duplicate_identifier') && c.status !== 'passed');
    const passed = checks.find((c) => c.code === 'registry' && c.status === 'passed');
    if (flagged.length === 0 && passed)
      return { registry: passed.registry?.name ?? evidence.find((e) => e.outcome === 'match')?.registry ?? 'registry', method: 'registry' };
    const latestAutomatic = evidence.find((e) => e.recordedBy === null)?.checkedAt ?? '';
    const manual = evidence.find((e) => e.recordedBy !== null && e.checkedAt >= latestAutomatic);
    if (manual?.outcome === 'match') return { registry: manual.registry, method: 'reviewer' };
    return { flagged: flagged.length ? flagged.map((c) => c.code) : ['registry'] };
  }

  async decide(actor: Actor, id: string, input: DecisionInput): Promise<Application> {
    requireReviewer(actor);
    const reason = input.reason?.trim() || null;
    if (input.decision !== 'approve' && !reason) {
      throw invalid({ reason: 'is required: tell the applicant why' }, 'Give a reason the applicant will read.');
    }
    const before = await this.deps.store.findById(id);
    if (!before) throw notFound('This application');
    requireNotOwn(actor, before.userId);
    let verified: { registry: string; method: 'registry' | 'reviewer' } | null = null;
    if (input.decision === 'approve') {
      const evidence = await this.approvalEvidence(before);
      if ('flagged' in evidence) {
        throw new AppError(
          409,
          'evidence_required',
          'The automatic checks of this application were flagged or could not be made. Record what you checked by hand (the source you consulted, what it showed, and a note) before approving.',
          undefined,
          { checks: evidence.flagged },
        );
      }
      verified = evidence;
    }
    const now = this.deps.clock.now();
    const at = now.toISOString();

    try {
      await this.deps.db.transaction(async () => {
        const row = await this.deps.store.lockById(id);
        if (!row) throw notFound('This application');
        const from = row.status;
        const renewal = from === 'approved' && row.renewalSubmittedAt !== null;
        let to: ApplicationStatus;
        let patch: ApplicationPatch = { decided_at: at, updated_at: at };
        let action: string = input.decision;
        switch (input.decision) {
          case 'approve': {
            if (from !== 'submitted' && from !== 'suspended' && !renewal) throw this.wrongState(from, 'approved');
            const expiry = renewal ? row.pendingLicenceExpiresAt : row.licenceExpiresAt;
            if (expiry && expiry <= at) throw conflict('licence_expired', 'The licence in this application has expired: ask for the renewed licence instead.');
            to = 'approved';
            action = renewal ? 'renewal_approved' : from === 'suspended' ? 'reinstate' : 'approve';
            patch = {
              ...patch,
              status: 'approved',
              status_reason: reason,
              verified_at: at,
              verified_registry: verified!.registry,
              verified_method: verified!.method,
              next_check_due: nextCheckDue(now, expiry),
              licence_expires_at: expiry,
              pending_licence_expires_at: null,
              renewal_submitted_at: null,
              reverification_requested_at: null,
            };
            await this.deps.store.setIdentifiersApproved(id, true);
            await this.deps.accounts.grantRole(row.userId, 'doctor', actor.userId);
            break;
          }
          case 'needs_info': {
            if (renewal) {
              to = 'approved';
              action = 'renewal_needs_info';
              patch = { ...patch, renewal_submitted_at: null, status_reason: reason };
              break;
            }
            if (from !== 'submitted') throw this.wrongState(from, 'sent back for more information');
            to = 'needs_info';
            patch = { ...patch, status: 'needs_info', status_reason: reason };
            break;
          }
          case 'reject': {
            if (from !== 'submitted' && from !== 'approved' && from !== 'suspended') throw this.wrongState(from, 'rejected');
            to = 'rejected';
            patch = { ...patch, status: 'rejected', status_reason: reason, online: 0, renewal_submitted_at: null, pending_licence_expires_at: null };
            await this.stopPractice(row);
            break;
          }
          case 'suspend': {
            if (from !== 'approved') throw this.wrongState(from, 'suspended');
            to = 'suspended';
            patch = { ...patch, status: 'suspended', status_reason: reason, online: 0 };
            // Still holds the identifiers (approved_value stays): a suspended doctor's number is not free for another account.
            await this.deps.accounts.revokeRole(row.userId, 'doctor');
            break;
          }
        }
        await this.deps.store.update(id, patch);
        await this.deps.store.insertDecision({
          id: newId('dde'),
          application_id: id,
          actor_id: actor.userId,
          action,
          from_status: from,
          to_status: to,
          reason,
          created_at: at,
        });
        await this.deps.audit.record({
          actorId: actor.userId,
          action: `doctor_application.${action}`,
          resourceType: 'doctor_application',
          resourceId: id,
          detail: { from, to, reason },
        });
        await this.notify?.(row.userId, 'doctor_application_decision');
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(
          'identifier_already_approved',
          'Another account is already approved with one of these identifiers. Both cannot be approved: check which one is genuine.',
        );
      }
      throw error;
    }
    await this.deps.bus.publish(`user:${before.userId}`, { type: 'doctor.application', applicationId: id, decision: input.decision });
    return this.get(actor, id);
  }

  private wrongState(from: string, to: string) {
    return conflict('invalid_transition', `An application that is ${from.replace('_', ' ')} cannot be ${to}.`);
  }

  /** Leaves practice: role revoked, offline, identifiers released. */
  private async stopPractice(row: ApplicationRow): Promise<void> {
    await this.deps.store.setIdentifiersApproved(row.id, false);
    await this.deps.accounts.revokeRole(row.userId, 'doctor');
  }

  /** Licence expiry, run periodically: asks for re-verification before a licence expires
   * (or when the yearly re-check is due), and stops practice once it has expired. */
  async checkLicences(): Promise<{ reverificationRequested: number; expired: number }> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const soon = new Date(now.getTime() + RENEW_BEFORE_DAYS * DAY).toISOString();
    let reverificationRequested = 0;
    let expired = 0;
    for (const candidate of await this.deps.store.list({ statuses: ['approved'], limit: 500 })) {
      const expiredNow = candidate.licenceExpiresAt !== null && candidate.licenceExpiresAt <= at;
      const dueSoon =
        (candidate.licenceExpiresAt !== null && candidate.licenceExpiresAt <= soon) || (candidate.nextCheckDue !== null && candidate.nextCheckDue <= at);
      if (!expiredNow && (!dueSoon || candidate.reverificationRequestedAt)) continue;
      await this.deps.db.transaction(async () => {
        const row = await this.deps.store.lockById(candidate.id);
        if (!row || row.status !== 'approved') return;
        if (row.licenceExpiresAt !== null && row.licenceExpiresAt <= at) {
          const reason = `Your licence expired on ${row.licenceExpiresAt.slice(0, 10)}. Upload your renewed licence, enter its new expiry date and submit again.`;
          await this.deps.store.update(row.id, {
            status: 'needs_info',
            status_reason: reason,
            online: 0,
            decided_at: at,
            updated_at: at,
            renewal_submitted_at: null,
            licence_expires_at: row.pendingLicenceExpiresAt && row.pendingLicenceExpiresAt > at ? row.pendingLicenceExpiresAt : row.licenceExpiresAt,
            pending_licence_expires_at: null,
          });
          await this.stopPractice(row);
          await this.deps.store.insertDecision({
            id: newId('dde'),
            application_id: row.id,
            actor_id: null,
            action: 'licence_expired',
            from_status: 'approved',
            to_status: 'needs_info',
            reason,
            created_at: at,
          });
          await this.deps.audit.record({ actorId: null, action: 'doctor_application.licence_expired', resourceType: 'doctor_application', resourceId: row.id });
          expired++;
        } else if (!row.reverificationRequestedAt) {
          const reason =
            row.licenceExpiresAt && row.licenceExpiresAt <= soon
              ? `Your licence expires on ${row.licenceExpiresAt.slice(0, 10)}. Upload the renewed licence and its new expiry date before then, or you will be unable to practise.`
              : 'Your yearly re-verification is due. Check your details, upload a current licence and send it for renewal.';
          await this.deps.store.update(row.id, { reverification_requested_at: at, status_reason: reason, updated_at: at });
          await this.deps.store.insertDecision({
            id: newId('dde'),
            application_id: row.id,
            actor_id: null,
            action: 'reverification_requested',
            from_status: 'approved',
            to_status: 'approved',
            reason,
            created_at: at,
          });
          await this.notify?.(row.userId, 'doctor_licence_expiring');
          reverificationRequested++;
        }
      });
    }
    return { reverificationRequested, expired };
  }
}
