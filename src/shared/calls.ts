// Calls as the API returns them and the realtime events about them: the server builds
// them, the web faces (app and mini-program) read them.
export type CallStatus = 'ringing' | 'active' | 'ended' | 'missed' | 'declined';
export type CallMedia = 'audio' | 'video';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface CallView {
  id: string;
  consultationId: string;
  conversationId: string;
  media: CallMedia;
  status: CallStatus;
  callerId: string;
  calleeId: string;
  createdAt: string;
  ringDeadline: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** STUN/TURN servers for the person asking, while the call is ringing or active. */
  iceServers: IceServer[];
  /** `relay` when media must go through TURN only. */
  iceTransportPolicy: 'all' | 'relay';
}

/** On the consultation conversation's realtime channel: the call changed state. */
export interface CallEvent {
  type: 'call';
  conversationId: string;
  callId: string;
  status: CallStatus;
  media: CallMedia;
  callerId: string;
  calleeId: string;
  consultationId: string;
}

/** Signalling for the other participant only (`to`); `signal` is the browser's. */
export interface CallSignalEvent {
  type: 'call.signal';
  conversationId: string;
  callId: string;
  from: string;
  to: string;
  signal: Record<string, unknown>;
}
