// Voice calls in the mini-program, where the host app lets the frame use the microphone
// (`allow="microphone"` on its iframe; the host SDK sets it unless told not to). The
// doctor calls from the workspace; here the patient answers with the microphone only
// (a video call is heard, not seen). Mini-program sessions have no realtime socket, so the
// call's signalling is sent and fetched over HTTP.
import { CallSession, isLive, type CallView, type Signal } from '../../features/calls/calls.client.ts';
import { h, mount } from './dom.ts';
import type { MiniKey } from './mini.messages.ts';

type Api = <T>(method: string, url: string, body?: unknown) => Promise<T>;

/** Whether the host let this frame use the microphone. */
function microphoneAllowed(): boolean {
  const policy = (document as unknown as { permissionsPolicy?: { allowsFeature(f: string): boolean }; featurePolicy?: { allowsFeature(f: string): boolean } }).permissionsPolicy ??
    (document as unknown as { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy;
  const supported = typeof RTCPeerConnection !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  return supported && (policy ? policy.allowsFeature('microphone') : true);
}

export function callBox(consultationId: string, api: Api, t: (key: MiniKey) => string) {
  const box = h('section', { className: 'mini-call', 'aria-live': 'polite' });
  const audio = h('audio', { autoplay: true });
  let call: CallView | null = null;
  let session: CallSession | null = null;
  let after = 0;
  let muted = false;
  let connected = false;
  let timer: number | undefined;
  let error = '';

  const end = () => {
    window.clearTimeout(timer);
    session?.close();
    session = null;
    connected = false;
    muted = false;
    after = 0;
  };

  const render = () => {
    if (!call || !isLive(call.status)) {
      mount(box);
      return;
    }
    const button = (label: string, onClick: () => void, primary = false) => h('button', { type: 'button', className: primary ? 'mini-primary' : 'mini-link', onClick }, label);
    const parts: Array<Node | null> = [];
    if (call.status === 'ringing' && !session) {
      parts.push(h('p', { role: 'alert' }, h('strong', {}, t('callRinging'))));
      if (!microphoneAllowed()) parts.push(h('p', {}, t('callNotAllowed')));
      else parts.push(button(t('callAnswer'), () => void answer(), true));
      parts.push(button(t('callDecline'), () => void act('decline')));
    } else if (!session) {
      parts.push(h('p', {}, t('callInProgress')));
      if (microphoneAllowed()) parts.push(button(t('callRejoin'), () => void join(true), true));
      parts.push(button(t('callHangUp'), () => void act('hangup')));
    } else {
      parts.push(h('p', { role: 'status' }, connected ? t('callInCall') : t('callConnecting')));
      parts.push(
        button(muted ? t('callUnmute') : t('callMute'), () => {
          muted = !muted;
          session?.setMuted(muted);
          render();
        }),
      );
      parts.push(button(t('callHangUp'), () => void act('hangup'), true));
    }
    if (error) parts.push(h('p', { className: 'mini-error', role: 'alert' }, error));
    parts.push(h('p', { className: 'mini-hint' }, t('callNotRecorded')));
    mount(box, ...parts, audio);
  };

  const apply = (next: CallView | null) => {
    call = next;
    if (!next || !isLive(next.status)) end();
    render();
  };

  // The other side's signalling, fetched while in the call.
  const poll = async () => {
    if (!session || !call) return;
    try {
      const inbox = await api<{ status: CallView['status']; signals: Array<{ seq: number; signal: Signal }> }>('GET', `/api/calls/${call.id}/signals?after=${after}`);
      for (const { seq, signal } of inbox.signals) {
        after = Math.max(after, seq);
        await session?.receive(signal, false);
      }
      if (!isLive(inbox.status)) {
        apply(await api<CallView>('GET', `/api/calls/${call.id}`));
        return;
      }
    } catch {
      /* try again */
    }
    timer = window.setTimeout(() => void poll(), 700);
  };

  const join = async (rejoin: boolean) => {
    if (!call) return;
    const current = call;
    error = '';
    session = new CallSession(
      current,
      (signal) => void api('POST', `/api/calls/${current.id}/signal`, { signal }).catch(() => undefined),
      {
        remote: (stream) => {
          audio.srcObject = stream;
        },
        connection: (state) => {
          connected = state === 'connected';
          render();
        },
        weak: () => undefined,
      },
      { video: false },
    );
    try {
      await session.openMedia();
    } catch {
      end();
      error = t('callNoMicrophone');
      render();
      return;
    }
    if (rejoin) await session.rejoin();
    else apply(await api<CallView>('POST', `/api/calls/${current.id}/answer`));
    render();
    void poll();
  };

  const answer = () => join(false);

  const act = async (action: 'decline' | 'hangup') => {
    if (call) apply(await api<CallView>('POST', `/api/calls/${call.id}/${action}`).catch(() => call));
  };

  return {
    element: box,
    /** Called with the page's refresh: picks up a new ringing call, or the end of one. */
    async refresh(open: boolean): Promise<void> {
      if (!open) {
        if (call) apply(null);
        return;
      }
      const calls = await api<CallView[]>('GET', `/api/consultations/${consultationId}/calls`).catch(() => null);
      if (!calls) return;
      const latest = calls[0] ?? null;
      if (latest?.id !== call?.id || latest?.status !== call?.status) apply(latest);
    },
    stop: end,
  };
}
