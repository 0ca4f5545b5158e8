// Calls as the API returns them and the realtime events about them: the server builds
// them, the web faces (app and mini-program) read them.
import type { Static } from 'typebox';
import type { CallMediaSchema, CallStatusSchema } from './contracts/realtime.ts';

export type CallStatus = Static<typeof CallStatusSchema>;
export type CallMedia = Static<typeof CallMediaSchema>;

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

// The realtime events about calls are declared with every other event in the contract.
export type { CallEvent, CallSignalEvent } from './contracts/realtime.ts';
