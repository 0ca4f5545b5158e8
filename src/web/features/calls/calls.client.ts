// Calls in the browser: the call as the API returns it, and one WebRTC session per call.
//
// Signalling goes over the consultation's realtime socket as `call.signal` frames:
//   offer / answer (SDP), candidate (ICE, trickled), rejoin (the callee reloaded and asks
//   the caller for a fresh offer). The caller always makes the offer, once the callee has
//   answered (or asked to rejoin); every offer starts a fresh RTCPeerConnection on the
//   callee's side, so a reload on either side recovers the call.
// Weak network: every two seconds the session reads getStats(); when the link cannot carry
// video (little outgoing bandwidth, or many packets lost) it stops sending video and keeps
// the audio, and says so.
import type { CallStatus, CallView } from '../../../shared/contracts/calls.ts';

export type { CallMedia, CallStatus, CallView } from '../../../shared/contracts/calls.ts';

/** `round` numbers each offer: an answer or candidate of an older round is ignored. */
export type Signal =
  | { kind: 'offer' | 'answer'; sdp: string; round: number }
  | { kind: 'candidate'; candidate: RTCIceCandidateInit; round: number }
  | { kind: 'rejoin' };

export const isLive = (status: CallStatus) => status === 'ringing' || status === 'active';

/** Under this outgoing bandwidth (bits/s), or over this share of lost packets, video stops. */
const WEAK_BITRATE = 150_000;
const WEAK_LOSS = 0.15;

export interface SessionEvents {
  remote(stream: MediaStream): void;
  connection(state: RTCPeerConnectionState): void;
  weak(audioOnly: boolean): void;
}

export class CallSession {
  private pc: RTCPeerConnection | null = null;
  /** Candidates that came before their description (the server may reorder frames). */
  private pending: Array<{ round: number; candidate: RTCIceCandidateInit }> = [];
  private monitor: number | undefined;
  private weakSamples = 0;
  private facing: 'user' | 'environment' = 'user';
  private round = 0;
  /** Signals are handled one after another, in the order they came. */
  private queue: Promise<void> = Promise.resolve();
  local: MediaStream | null = null;
  audioOnly = false;

  constructor(
    private call: CallView,
    private readonly send: (signal: Signal) => void,
    private readonly on: SessionEvents,
    /** `video: false` answers any call with the microphone only (the mini-program). */
    private readonly options: { video?: boolean } = {},
  ) {}

  /** Asks for the microphone (and camera for a video call). */
  async openMedia(): Promise<MediaStream> {
    if (this.local) return this.local;
    this.local = await navigator.mediaDevices.getUserMedia({ audio: true, video: this.call.media === 'video' && this.options.video !== false ? { facingMode: this.facing, width: { ideal: 640 }, height: { ideal: 480 } } : false });
    return this.local;
  }

  update(call: CallView): void {
    this.call = call;
  }

  private fresh(round: number): RTCPeerConnection {
    this.pc?.close();
    this.round = round;
    this.pending = this.pending.filter((p) => p.round === round);
    const pc = new RTCPeerConnection({ iceServers: this.call.iceServers, iceTransportPolicy: this.call.iceTransportPolicy });
    this.pc = pc;
    for (const track of this.local?.getTracks() ?? []) pc.addTrack(track, this.local!);
    pc.onicecandidate = (event) => {
      if (event.candidate) this.send({ kind: 'candidate', candidate: event.candidate.toJSON(), round });
    };
    pc.ontrack = (event) => this.on.remote(event.streams[0] ?? new MediaStream([event.track]));
    pc.onconnectionstatechange = () => this.on.connection(pc.connectionState);
    this.startMonitor();
    return pc;
  }

  /** The caller: a new connection and its offer. */
  async offer(): Promise<void> {
    await this.openMedia();
    const round = this.round + 1;
    const pc = this.fresh(round);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.send({ kind: 'offer', sdp: offer.sdp ?? '', round });
  }

  /** The callee after a reload: asks the caller to offer again. */
  async rejoin(): Promise<void> {
    await this.openMedia();
    this.send({ kind: 'rejoin' });
  }

  receive(signal: Signal, asCaller: boolean): Promise<void> {
    const next = this.queue.then(() => this.handle(signal, asCaller));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async handle(signal: Signal, asCaller: boolean): Promise<void> {
    switch (signal.kind) {
      case 'offer': {
        if (asCaller) return;
        await this.openMedia();
        const pc = this.fresh(signal.round);
        await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        await this.flush();
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        this.send({ kind: 'answer', sdp: answer.sdp ?? '', round: signal.round });
        return;
      }
      case 'answer':
        if (!asCaller || !this.pc || signal.round !== this.round || this.pc.signalingState !== 'have-local-offer') return;
        await this.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        await this.flush();
        return;
      case 'candidate':
        if (signal.round < this.round) return;
        if (signal.round === this.round && this.pc?.remoteDescription) await this.pc.addIceCandidate(signal.candidate).catch(() => undefined);
        else this.pending.push({ round: signal.round, candidate: signal.candidate });
        return;
      case 'rejoin':
        if (asCaller) await this.offer();
        return;
    }
  }

  private async flush(): Promise<void> {
    const queued = this.pending.filter((p) => p.round === this.round);
    this.pending = this.pending.filter((p) => p.round > this.round);
    for (const { candidate } of queued) await this.pc?.addIceCandidate(candidate).catch(() => undefined);
  }

  setMuted(muted: boolean): void {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  setCameraOff(off: boolean): void {
    for (const track of this.local?.getVideoTracks() ?? []) track.enabled = !off;
  }

  /** Whether this device has more than one camera (a phone's front and back). */
  static async cameraCount(): Promise<number> {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    return devices.filter((d) => d.kind === 'videoinput').length;
  }

  /** Front ↔ back camera, without renegotiating: the new track replaces the old one. */
  async switchCamera(): Promise<void> {
    const old = this.local?.getVideoTracks()[0];
    if (!this.local || !old) return;
    this.facing = this.facing === 'user' ? 'environment' : 'user';
    const fresh = (await navigator.mediaDevices.getUserMedia({ video: { facingMode: { exact: this.facing } } }).catch(() => navigator.mediaDevices.getUserMedia({ video: true }))).getVideoTracks()[0]!;
    fresh.enabled = old.enabled;
    const sender = this.pc?.getSenders().find((s) => s.track?.kind === 'video');
    if (sender && !this.audioOnly) await sender.replaceTrack(fresh);
    this.local.removeTrack(old);
    old.stop();
    this.local.addTrack(fresh);
  }

  private startMonitor(): void {
    window.clearInterval(this.monitor);
    this.weakSamples = 0;
    this.monitor = window.setInterval(() => void this.sample(), 2000);
  }

  private async sample(): Promise<void> {
    const pc = this.pc;
    if (!pc || pc.connectionState !== 'connected' || this.call.media !== 'video' || this.audioOnly) return;
    const stats = await pc.getStats();
    let bitrate: number | null = null;
    let lost = 0;
    stats.forEach((report) => {
      if (report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded' && typeof report.availableOutgoingBitrate === 'number') bitrate = report.availableOutgoingBitrate;
      if (report.type === 'remote-inbound-rtp' && report.kind === 'video' && typeof report.fractionLost === 'number') lost = Math.max(lost, report.fractionLost);
    });
    const weak = (bitrate !== null && bitrate < WEAK_BITRATE) || lost > WEAK_LOSS;
    this.weakSamples = weak ? this.weakSamples + 1 : 0;
    if (this.weakSamples >= 3) await this.dropToAudio();
  }

  /** Stops sending video, keeps the audio (a weak network, or the person's choice). */
  async dropToAudio(): Promise<void> {
    if (this.audioOnly) return;
    this.audioOnly = true;
    for (const sender of this.pc?.getSenders() ?? []) if (sender.track?.kind === 'video') await sender.replaceTrack(null);
    this.on.weak(true);
  }

  /** Sends video again after a drop to audio. */
  async resumeVideo(): Promise<void> {
    if (!this.audioOnly) return;
    this.audioOnly = false;
    this.weakSamples = 0;
    const track = this.local?.getVideoTracks()[0] ?? null;
    for (const sender of this.pc?.getSenders() ?? []) if (sender.track === null && track) await sender.replaceTrack(track);
    this.on.weak(false);
  }

  close(): void {
    window.clearInterval(this.monitor);
    this.pc?.close();
    this.pc = null;
    for (const track of this.local?.getTracks() ?? []) track.stop();
    this.local = null;
  }
}
