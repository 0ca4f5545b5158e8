// Call signalling on the /api/realtime socket: a participant sends
//   {type: "call.signal", callId, signal: {kind: "offer"|"answer"|"candidate"|"rejoin", …}}
// and the other participant, subscribed to the consultation's conversation, receives
//   {type: "call.signal", conversationId, callId, from, to, signal}
// through the bus (so the two may be connected to different processes). Anyone else, a
// call that is over or a closed consultation gets an error frame and nothing is relayed.
import { AppError } from '../../platform/http/errors.ts';
import type { RealtimeHub } from '../messaging/messaging.realtime.ts';
import type { CallsService } from './calls.service.ts';

export function installCallSignalling(hub: RealtimeHub, calls: CallsService): void {
  hub.handle('call.signal', async (session, frame) => {
    const callId = typeof frame.callId === 'string' ? frame.callId : null;
    if (!callId) {
      session.send({ type: 'error', code: 'bad_message', message: 'A call.signal frame names its callId.' });
      return;
    }
    try {
      await calls.signal(session.actor, callId, frame.signal);
    } catch (error) {
      const e = error instanceof AppError ? error : null;
      session.send({ type: 'error', code: e?.code ?? 'signal_failed', callId, message: e?.message ?? 'This signal could not be relayed.' });
    }
  });
}
