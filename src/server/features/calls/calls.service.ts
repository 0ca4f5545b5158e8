// Voice and video calls between the doctor and the patient of an open consultation.
//
// The server keeps each call's state, so a reload or another device recovers it:
//   ringing → active (the patient answers) → ended (either hangs up)
//   ringing → declined (the patient declines) | missed (nobody answered within the ring
//   time) | ended (the doctor gave up before an answer)
// Every transition is one conditional update, so a late answer racing the ring timeout
// has one outcome. The media itself goes browser to browser (WebRTC, through TURN when
// configured); the server only relays the signalling (SDP offers and answers, ICE
// candidates) between the two participants, and records nothing of the media.
//
// Events on the consultation conversation's channel (so every process delivers them):
//   {type: "call", callId, status, media, callerId, calleeId, consultationId}
//   {type: "call.signal", callId, from, to, signal}   delivered to `to` only
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { systemLine } from '../../../shared/system-lines.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { ConsultationsService } from '../consultations/consultations.service.ts';
import { channelOf, type MessagingService } from '../messaging/messaging.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { isOpen, isParticipant, isParty, mayStartCall, otherOf, type ConsultationParties } from './calls.policy.ts';
import { CallsStore, LIVE, type CallMedia, type CallRow, type CallStatus } from './calls.store.ts';
import type { CallView } from '../../../shared/contracts/calls.ts';
import type { CallEvent, CallSignalEvent } from '../../../shared/contracts/realtime.ts';
import { iceServersFor, type CallsConfig } from './calls.turn.ts';

export interface CallsDeps {
  db: Database;
  clock: Clock;
  bus: Bus;
  consultations: ConsultationsService;
  messaging: MessagingService;
  notifications: NotificationsService;
  config: CallsConfig;
}

export type { CallView };

/** Largest signalling payload relayed (an SDP offer with many codecs is a few KB). */
export const MAX_SIGNAL_BYTES = 32 * 1024;

export class CallsService {
  readonly store: CallsStore;

  constructor(private readonly deps: CallsDeps) {
    this.store = new CallsStore(deps.db);
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  /** Whether calls can cross networks (TURN configured), for the start banner. */
  get relayConfigured(): boolean {
    return this.deps.config.turnUrls.length > 0 && this.deps.config.turnSecret !== null;
  }

  private async parties(consultationId: string): Promise<ConsultationParties | null> {
    return this.deps.consultations.parties(consultationId);
  }

  view(call: CallRow, forUserId: string | null): CallView {
    const live = LIVE.includes(call.status);
    // Credentials end with the call: the ring time left plus the longest call.
    const expiresAt = new Date(Date.parse(call.ringDeadline) + this.deps.config.maxCallSeconds * 1000);
    return {
      id: call.id,
      consultationId: call.consultationId,
      conversationId: call.conversationId,
      media: call.media,
      status: call.status,
      callerId: call.callerId,
      calleeId: call.calleeId,
      createdAt: call.createdAt,
      ringDeadline: call.ringDeadline,
      startedAt: call.startedAt,
      endedAt: call.endedAt,
      durationSeconds: call.startedAt && call.endedAt ? Math.max(0, Math.floor((Date.parse(call.endedAt) - Date.parse(call.startedAt)) / 1000)) : null,
      iceServers: live && forUserId ? iceServersFor(this.deps.config, forUserId, expiresAt) : [],
      iceTransportPolicy: this.deps.config.relayOnly ? 'relay' : 'all',
    };
  }

  // ---- starting -----------------------------------------------------------------------

  async start(actor: Actor, consultationId: string, media: CallMedia): Promise<CallView> {
    const c = await this.parties(consultationId);
    if (!c || !mayStartCall(actor, c)) throw notFound('This consultation', 'consultation_not_found');
    if (!isOpen(c)) throw conflict('consultation_closed', 'This consultation is closed; calls are possible only while it is open.');
    const existing = await this.store.live(consultationId);
    if (existing) {
      const settled = await this.settleIfOverdue(existing);
      if (LIVE.includes(settled.status)) throw conflict('call_in_progress', 'A call is already ringing or in progress in this consultation; hang it up first.');
    }
    const now = this.now();
    const call = {
      id: newId('cal'),
      consultation_id: consultationId,
      conversation_id: c.conversationId,
      caller_id: actor.userId,
      callee_id: c.patientId,
      media,
      status: 'ringing',
      created_at: now.toISOString(),
      ring_deadline: new Date(now.getTime() + this.deps.config.ringSeconds * 1000).toISOString(),
      started_at: null,
      ended_at: null,
      ended_by: null,
    };
    await this.store.insert(call);
    const row = (await this.store.find(call.id))!;
    await this.publish(row);
    await this.deps.notifications
      .notify([c.patientId], {
        kind: 'call',
        title: media === 'video' ? `${actor.displayName} is calling you (video)` : `${actor.displayName} is calling you`,
        body: 'Open the consultation to answer.',
        link: `/consultations/${consultationId}`,
      })
      .catch(() => undefined);
    return this.view(row, actor.userId);
  }

  // ---- reading --------------------------------------------------------------------------

  /** The call if the actor is one of its participants (404 otherwise). */
  private async participantCall(actor: Actor, callId: string): Promise<{ call: CallRow; consultation: ConsultationParties }> {
    const call = await this.store.find(callId);
    if (!call) throw notFound('This call', 'call_not_found');
    const consultation = await this.parties(call.consultationId);
    if (!isParticipant(actor, call, consultation)) throw notFound('This call', 'call_not_found');
    return { call: await this.settle(call, consultation!), consultation: consultation! };
  }

  async get(actor: Actor, callId: string): Promise<CallView> {
    const { call } = await this.participantCall(actor, callId);
    return this.view(call, actor.userId);
  }

  /** A consultation's calls, newest first, for its two people. */
  async list(actor: Actor, consultationId: string): Promise<CallView[]> {
    const c = await this.parties(consultationId);
    if (!c || !isParty(actor, c)) throw notFound('This consultation', 'consultation_not_found');
    const calls = await this.store.listFor(consultationId, 50);
    const settled = await Promise.all(calls.map((call) => this.settle(call, c)));
    return settled.map((call) => this.view(call, isParticipant(actor, call, c) ? actor.userId : null));
  }

  // ---- the callee's answer, and hanging up ----------------------------------------------

  async answer(actor: Actor, callId: string): Promise<CallView> {
    const { call } = await this.participantCall(actor, callId);
    if (call.calleeId !== actor.userId) throw forbidden('Only the person called can answer this call.', 'not_the_callee');
    if (call.status === 'active') return this.view(call, actor.userId);
    if (call.status !== 'ringing') throw this.over(call);
    const now = this.now().toISOString();
    if (await this.store.transition(call.id, ['ringing'], { status: 'active', started_at: now })) {
      const row = (await this.store.find(call.id))!;
      await this.publish(row);
      return this.view(row, actor.userId);
    }
    const current = (await this.store.find(call.id))!;
    if (current.status === 'active') return this.view(current, actor.userId);
    throw this.over(current);
  }

  async decline(actor: Actor, callId: string): Promise<CallView> {
    const { call } = await this.participantCall(actor, callId);
    if (call.calleeId !== actor.userId) throw forbidden('Only the person called can decline this call; hang up instead.', 'not_the_callee');
    if (call.status === 'declined') return this.view(call, actor.userId);
    if (call.status !== 'ringing') throw this.over(call);
    const done = await this.finish(call, 'declined', actor.userId);
    if (done.status !== 'declined') throw this.over(done);
    return this.view(done, actor.userId);
  }

  /** Either side ends the call; the caller hanging up before an answer cancels it.
   * Hanging up a call that is already over answers it as it is (a retry is harmless). */
  async hangup(actor: Actor, callId: string): Promise<CallView> {
    const { call } = await this.participantCall(actor, callId);
    if (!LIVE.includes(call.status)) return this.view(call, actor.userId);
    const outcome: CallStatus = call.status === 'ringing' && actor.userId === call.calleeId ? 'declined' : 'ended';
    return this.view(await this.finish(call, outcome, actor.userId), actor.userId);
  }

  private over(call: CallRow) {
    const what = { ended: 'has ended', missed: 'was missed', declined: 'was declined', ringing: 'is ringing', active: 'is in progress' }[call.status];
    return conflict('call_over', `This call ${what}.`);
  }

  /** Ends a live call (ended, declined or missed) once, posts its line in the chat, tells both. */
  private async finish(call: CallRow, outcome: 'ended' | 'declined' | 'missed', by: string | null): Promise<CallRow> {
    const now = this.now().toISOString();
    const consultation = await this.parties(call.consultationId);
    const from: CallStatus[] = outcome === 'ended' ? LIVE : ['ringing'];
    const message = await this.deps.db.transaction(async () => {
      const current = await this.store.find(call.id);
      if (!current || !from.includes(current.status)) return undefined;
      const ok = await this.store.transition(call.id, [current.status], { status: outcome, ended_at: now, ended_by: by });
      if (!ok) return undefined;
      // Signalling is kept only while the call is live.
      await this.store.deleteSignals(call.id);
      // A closed consultation's chat is read-only: the call just ends, without a line.
      if (!consultation || !isOpen(consultation)) return null;
      const startedAt = current.startedAt;
      const line =
        outcome === 'declined'
          ? systemLine('call_declined', { media: call.media })
          : outcome === 'missed' || startedAt === null
            ? systemLine('call_missed')
            : systemLine('call_ended', { media: call.media, seconds: Math.max(0, Math.floor((Date.parse(now) - Date.parse(startedAt)) / 1000)) });
      return this.deps.messaging.postSystemMessage(call.conversationId, line);
    });
    const row = (await this.store.find(call.id))!;
    if (message === undefined) return row;
    if (message) await this.deps.messaging.announce(message);
    await this.publish(row);
    return row;
  }

  /** A ringing call past its ring time is missed; a call in a consultation that closed, or
   * active beyond the longest call, is ended. Applied on read and by the periodic sweep. */
  private async settle(call: CallRow, consultation: ConsultationParties | null): Promise<CallRow> {
    if (!LIVE.includes(call.status)) return call;
    if (!consultation || !isOpen(consultation)) return this.finish(call, 'ended', null);
    return this.settleIfOverdue(call);
  }

  private async settleIfOverdue(call: CallRow): Promise<CallRow> {
    const now = this.now();
    if (call.status === 'ringing' && Date.parse(call.ringDeadline) <= now.getTime()) return this.finish(call, 'missed', null);
    if (call.status === 'active' && call.startedAt && Date.parse(call.startedAt) + this.deps.config.maxCallSeconds * 1000 <= now.getTime())
      return this.finish(call, 'ended', null);
    return call;
  }

  /** The periodic job: missed calls, calls over their longest time, calls of closed consultations. */
  async sweep(): Promise<number> {
    let changed = 0;
    for (const call of await this.store.allLive(500)) {
      const after = await this.settle(call, await this.parties(call.consultationId));
      if (after.status !== call.status) changed++;
    }
    return changed;
  }

  // ---- signalling -------------------------------------------------------------------------

  /** Relays an SDP description, ICE candidate or renegotiation request to the other
   * participant of a ringing or active call. Refused (404) for anyone else, and (409) once
   * the call is over or its consultation closed. */
  async signal(actor: Actor, callId: string, signal: unknown): Promise<void> {
    const size = JSON.stringify(signal ?? null).length;
    if (signal === null || typeof signal !== 'object' || Array.isArray(signal))
      throw invalid({ signal: 'is an object (an SDP description or an ICE candidate)' });
    if (size > MAX_SIGNAL_BYTES) throw invalid({ signal: `must be at most ${MAX_SIGNAL_BYTES} bytes` });
    const { call } = await this.participantCall(actor, callId);
    if (!LIVE.includes(call.status)) throw this.over(call);
    const to = otherOf(call, actor.userId);
    await this.store.addSignal(call.id, to, signal, this.now().toISOString());
    const event: CallSignalEvent = {
      type: 'call.signal',
      conversationId: call.conversationId,
      callId: call.id,
      from: actor.userId,
      to,
      signal: signal as Record<string, unknown>,
    };
    await this.deps.bus.publish(channelOf(call.conversationId), event);
  }

  /** The signals sent to the actor after `afterSeq`, for a participant without a realtime
   * socket (the mini-program polls this). Empty once the call is over. */
  async signals(actor: Actor, callId: string, afterSeq: number): Promise<{ status: CallStatus; signals: Array<{ seq: number; signal: unknown }> }> {
    const { call } = await this.participantCall(actor, callId);
    if (!LIVE.includes(call.status)) return { status: call.status, signals: [] };
    return { status: call.status, signals: await this.store.signalsFor(call.id, actor.userId, afterSeq, 200) };
  }

  private async publish(call: CallRow): Promise<void> {
    const event: CallEvent = {
      type: 'call',
      conversationId: call.conversationId,
      callId: call.id,
      status: call.status,
      media: call.media,
      callerId: call.callerId,
      calleeId: call.calleeId,
      consultationId: call.consultationId,
    };
    await this.deps.bus.publish(channelOf(call.conversationId), event);
  }
}
