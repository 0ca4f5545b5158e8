// Calls in a consultation as the API returns them: the server builds them, the web faces
// (app and mini-program) read them. Their realtime events are in realtime.ts.
import { Type, type Static } from 'typebox';

export const CallStatusSchema = Type.Union([
  Type.Literal('ringing'),
  Type.Literal('active'),
  Type.Literal('ended'),
  Type.Literal('missed'),
  Type.Literal('declined'),
]);
export const CallMediaSchema = Type.Union([Type.Literal('audio'), Type.Literal('video')]);

export const StartCallBody = Type.Object({ media: CallMediaSchema }, { additionalProperties: false });

export const IceServerSchema = Type.Object({
  urls: Type.Array(Type.String()),
  username: Type.Optional(Type.String()),
  credential: Type.Optional(Type.String()),
});

export const CallSchema = Type.Object(
  {
    id: Type.String(),
    consultationId: Type.String(),
    conversationId: Type.String(),
    media: CallMediaSchema,
    status: CallStatusSchema,
    callerId: Type.String(),
    calleeId: Type.String(),
    createdAt: Type.String(),
    ringDeadline: Type.String({ description: 'When a ringing call becomes missed' }),
    startedAt: Type.Union([Type.String(), Type.Null()], { description: 'When the patient answered' }),
    endedAt: Type.Union([Type.String(), Type.Null()]),
    durationSeconds: Type.Union([Type.Integer(), Type.Null()], { description: 'From the answer to the hang-up' }),
    iceServers: Type.Array(IceServerSchema, {
      description: 'STUN/TURN servers for the person asking, with TURN credentials valid for this call only; empty once it is over or when none is configured',
    }),
    iceTransportPolicy: Type.Union([Type.Literal('all'), Type.Literal('relay')], {
      description: 'RTCPeerConnection iceTransportPolicy: relay when media must go through TURN only',
    }),
  },
  { description: 'A voice or video call in a consultation. Nothing of its media is recorded.' },
);

export type CallStatus = Static<typeof CallStatusSchema>;
export type CallMedia = Static<typeof CallMediaSchema>;
export type IceServer = Static<typeof IceServerSchema>;
export type CallView = Static<typeof CallSchema>;
