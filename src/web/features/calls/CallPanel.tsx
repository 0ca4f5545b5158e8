// The call area of a consultation page (patient app and doctor workspace): the doctor
// starts a voice or video call; the patient sees it ringing and answers or declines; both
// can mute, turn the camera off, switch camera on a phone and hang up. The call's state
// comes from the server, so a reload shows a ringing call or offers to rejoin one.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, get, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { ConversationSocket } from '../messaging/messaging.client.ts';
import { CallSession, isLive, type CallMedia, type CallView, type Signal } from './calls.client.ts';
import { callsMessages } from './calls.messages.ts';
import './calls.css';

interface Props {
  consultationId: string;
  conversationId: string;
  /** The signed-in person and the other participant. */
  me: string;
  otherName: string;
  /** Only the doctor who took the consultation may call. */
  canStart: boolean;
}

/** Past every message: this socket follows calls only, never the chat's history. */
const NO_MESSAGES = 2 ** 31;

const clock = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s).padStart(2, '0')}`;
};

export function CallPanel({ consultationId, conversationId, me, otherName, canStart }: Props) {
  const t = useT(callsMessages);
  const [call, setCall] = useState<CallView | null>(null);
  const [joined, setJoined] = useState(false);
  const [connection, setConnection] = useState<RTCPeerConnectionState | 'new'>('new');
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [weak, setWeak] = useState(false);
  const [cameras, setCameras] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, tick] = useState(0);
  const session = useRef<CallSession | null>(null);
  const socket = useRef<ConversationSocket | null>(null);
  const callRef = useRef<CallView | null>(null);
  const remoteVideo = useRef<HTMLVideoElement | null>(null);
  const remoteAudio = useRef<HTMLAudioElement | null>(null);
  const localVideo = useRef<HTMLVideoElement | null>(null);
  const remoteStream = useRef<MediaStream | null>(null);

  const amCaller = call?.callerId === me;

  const endSession = useCallback(() => {
    session.current?.close();
    session.current = null;
    remoteStream.current = null;
    setJoined(false);
    setConnection('new');
    setMuted(false);
    setCameraOff(false);
    setWeak(false);
  }, []);

  const newSession = useCallback((c: CallView) => {
    session.current?.close();
    const s = new CallSession(c, (signal) => socket.current?.send({ type: 'call.signal', callId: c.id, signal }), {
      remote: (stream) => {
        remoteStream.current = stream;
        if (remoteVideo.current) remoteVideo.current.srcObject = stream;
        if (remoteAudio.current) remoteAudio.current.srcObject = stream;
      },
      connection: setConnection,
      weak: setWeak,
    });
    session.current = s;
    setJoined(true);
    return s;
  }, []);

  /** A fresh view of the call from the server decides what happens next. */
  const apply = useCallback(
    (next: CallView) => {
      const previous = callRef.current;
      callRef.current = next;
      setCall(next);
      session.current?.update(next);
      if (!isLive(next.status)) {
        endSession();
        return;
      }
      // The patient answered: the caller, already holding the microphone, makes the offer.
      if (next.status === 'active' && previous?.status === 'ringing' && next.callerId === me && session.current) {
        void session.current.offer().catch((e) => setError(String(e)));
      }
    },
    [me, endSession],
  );

  const refresh = useCallback(
    async (callId: string) => {
      try {
        apply(await get<CallView>(`/api/calls/${callId}`));
      } catch {
        /* gone: the next event tells */
      }
    },
    [apply],
  );

  useEffect(() => {
    let live = true;
    const load = () =>
      void get<CallView[]>(`/api/consultations/${consultationId}/calls`).then(
        (calls) => {
          if (live && calls[0]) apply(calls[0]);
        },
        () => undefined,
      );
    load();
    let opened = false;
    socket.current = new ConversationSocket(
      conversationId,
      NO_MESSAGES,
      (event) => {
        // Call events travel on the conversation's channel beside the chat's own.
        const e = event;
        if (e.type === 'call') void refresh(e.callId);
        const current = callRef.current;
        if (e.type === 'call.signal' && current && e.callId === current.id && session.current) {
          const asCaller = current.callerId === me;
          void session.current.receive(e.signal as unknown as Signal, asCaller).catch((err) => setError(String(err)));
        }
      },
      // Events can be missed while the socket reconnects: the calls are read again when it is back.
      (connected) => {
        if (connected && opened) load();
        if (connected) opened = true;
      },
    );
    void CallSession.cameraCount().then(setCameras);
    return () => {
      live = false;
      socket.current?.close();
      socket.current = null;
      session.current?.close();
      session.current = null;
    };
  }, [consultationId, conversationId, me, apply, refresh]);

  // A live call's duration ticks (a clock; its state arrives as events).
  useEffect(() => {
    if (!call || !isLive(call.status)) return;
    const second = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(second);
  }, [call?.id, call?.status]);

  // Keep the video elements fed across re-renders.
  useEffect(() => {
    if (localVideo.current && session.current?.local && localVideo.current.srcObject !== session.current.local) localVideo.current.srcObject = session.current.local;
    if (remoteVideo.current && remoteStream.current && remoteVideo.current.srcObject !== remoteStream.current) remoteVideo.current.srcObject = remoteStream.current;
    if (remoteAudio.current && remoteStream.current && remoteAudio.current.srcObject !== remoteStream.current) remoteAudio.current.srcObject = remoteStream.current;
  });

  const supported = typeof RTCPeerConnection !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
      else if (e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'NotFoundError' || e.name === 'NotReadableError')) setError(t('noMedia'));
      else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  const start = (media: CallMedia) =>
    run(async () => {
      // The microphone (and camera) first: the patient's phone rings only once we can talk.
      const local = await navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' ? { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } } : false });
      let created: CallView;
      try {
        created = await post<CallView>(`/api/consultations/${consultationId}/calls`, { media });
      } catch (e) {
        for (const track of local.getTracks()) track.stop();
        throw e;
      }
      const s = newSession(created);
      s.local = local;
      // From here the answer (event or poll) makes the offer, once.
      apply(created);
    });

  const answer = () =>
    run(async () => {
      const c = callRef.current!;
      const s = newSession(c);
      await s.openMedia();
      apply(await post<CallView>(`/api/calls/${c.id}/answer`));
    });

  const rejoin = () =>
    run(async () => {
      const c = callRef.current!;
      const s = newSession(c);
      if (c.callerId === me) await s.offer();
      else await s.rejoin();
    });

  const hangUp = () => run(async () => apply(await post<CallView>(`/api/calls/${callRef.current!.id}/hangup`)));
  const decline = () => run(async () => apply(await post<CallView>(`/api/calls/${callRef.current!.id}/decline`)));

  const video = call?.media === 'video';
  const elapsed = call?.startedAt ? Math.max(0, Math.floor((Date.now() - Date.parse(call.startedAt)) / 1000)) : 0;

  let body: ReactNode = null;
  if (!supported) {
    body = <p className="hint">{t('unsupported')}</p>;
  } else if (call && call.status === 'ringing' && !amCaller) {
    body = (
      <div className="call-ringing" role="alert">
        <p>
          <strong>{t(video ? 'ringingVideo' : 'ringingVoice', { name: otherName })}</strong>
        </p>
        <div className="call-actions">
          <button type="button" className="button" onClick={answer} disabled={busy}>
            {t('answer')}
          </button>
          <button type="button" className="button button-secondary" onClick={decline} disabled={busy}>
            {t('decline')}
          </button>
        </div>
      </div>
    );
  } else if (call && isLive(call.status) && !joined) {
    // After a reload: the call is still on.
    body = (
      <>
        <p role="status">{call.status === 'ringing' ? t('calling', { name: otherName }) : t('inProgressElsewhere')}</p>
        <div className="call-actions">
          {call.status === 'active' && (
            <button type="button" className="button" onClick={rejoin} disabled={busy}>
              {t('rejoin')}
            </button>
          )}
          <button type="button" className="button call-hangup" onClick={hangUp} disabled={busy}>
            {call.status === 'ringing' ? t('cancel') : t('hangUp')}
          </button>
        </div>
      </>
    );
  } else if (call && isLive(call.status)) {
    body = (
      <>
        <p role="status" data-call-status={call.status} data-connection={connection}>
          {call.status === 'ringing'
            ? t('calling', { name: otherName })
            : connection === 'connected'
              ? `${t('inCall', { name: otherName })} · ${t('elapsed', { time: clock(elapsed) })}`
              : connection === 'disconnected' || connection === 'failed'
                ? t('reconnecting')
                : t('connecting')}
        </p>
        {video ? (
          <div className="call-stage">
            <video ref={remoteVideo} className="call-remote" autoPlay playsInline aria-label={t('remoteVideo', { name: otherName })} />
            <video ref={localVideo} className="call-local" autoPlay playsInline muted aria-label={t('localVideo')} />
          </div>
        ) : (
          <div className="call-stage call-stage-audio">
            <audio ref={remoteAudio} autoPlay />
            <span>{otherName}</span>
          </div>
        )}
        {weak && (
          <p className="notice notice-warning" role="status">
            {t('weak')}{' '}
            <button type="button" className="button button-small button-secondary" onClick={() => void session.current?.resumeVideo()}>
              {t('resumeVideo')}
            </button>
          </p>
        )}
        <div className="call-actions">
          <button
            type="button"
            className="button button-secondary"
            aria-pressed={muted}
            onClick={() => {
              session.current?.setMuted(!muted);
              setMuted(!muted);
            }}
          >
            {muted ? t('unmute') : t('mute')}
          </button>
          {video && (
            <button
              type="button"
              className="button button-secondary"
              aria-pressed={cameraOff}
              onClick={() => {
                session.current?.setCameraOff(!cameraOff);
                setCameraOff(!cameraOff);
              }}
            >
              {cameraOff ? t('cameraOn') : t('cameraOff')}
            </button>
          )}
          {video && cameras > 1 && (
            <button type="button" className="button button-secondary" onClick={() => void run(async () => session.current?.switchCamera())}>
              {t('switchCamera')}
            </button>
          )}
          <button type="button" className="button call-hangup" onClick={hangUp} disabled={busy}>
            {call.status === 'ringing' ? t('cancel') : t('hangUp')}
          </button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        {call?.status === 'ended' && call.durationSeconds !== null && <p role="status">{t('ended', { time: clock(call.durationSeconds) })}</p>}
        {(call?.status === 'missed' || (call?.status === 'ended' && call.durationSeconds === null)) && <p role="status">{t('missed')}</p>}
        {call?.status === 'declined' && <p role="status">{t('declined')}</p>}
        {canStart && (
          <div className="call-actions">
            <button type="button" className="button button-secondary" onClick={() => void start('audio')} disabled={busy}>
              {t('startVoice')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void start('video')} disabled={busy}>
              {t('startVideo')}
            </button>
          </div>
        )}
      </>
    );
  }

  if (!canStart && !call) return null;
  return (
    <section className="card call-panel" aria-labelledby="call-heading">
      <h2 id="call-heading">{t('heading')}</h2>
      <FormError message={error} />
      {body}
      <p className="hint">{t('notRecorded')}</p>
    </section>
  );
}
