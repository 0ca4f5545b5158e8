// The bus checks what travels on each channel against the shared realtime contract (and the
// notices between processes against theirs): a publisher cannot send a malformed event, and
// a malformed message arriving from another process (through Redis) is dropped and logged
// rather than handed to the sockets.
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../../shared/contracts/realtime.ts';
import { LocalBus, RedisBus, type Bus } from './bus.ts';

const message: MessageEvent = {
  type: 'message',
  id: 'msg_1',
  conversationId: 'cnv_1',
  seq: 1,
  kind: 'text',
  senderId: 'usr_1',
  clientId: 'c1',
  text: 'hello',
  links: [],
  attachments: [],
  createdAt: '2026-12-02T09:00:00.000Z',
};

function collect(bus: Bus, channel: `conversation:${string}`) {
  const received: unknown[] = [];
  return { received, ready: bus.subscribe(channel, (event) => received.push(event)) };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the in-process bus', () => {
  it('delivers an event that fits its channel', async () => {
    const bus = new LocalBus();
    const { received, ready } = collect(bus, 'conversation:cnv_1');
    await ready;
    await bus.publish('conversation:cnv_1', message);
    await settle();
    expect(received).toEqual([message]);
  });

  it('refuses to publish an event that does not fit its channel', async () => {
    const bus = new LocalBus();
    // A typing event without the name the other side shows.
    await expect(bus.publish('conversation:cnv_1', { type: 'typing', conversationId: 'cnv_1', userId: 'usr_1' } as never)).rejects.toThrow(
      /does not fit channel conversation:cnv_1/,
    );
    // A queue event on a conversation's channel.
    await expect(bus.publish('conversation:cnv_1', { type: 'queued', consultationId: 'con_1', department: 'gp' } as never)).rejects.toThrow(/does not fit/);
    await expect(bus.publish('user:usr_1', { type: 'notification', id: 'ntf_1' } as never)).rejects.toThrow(/does not fit/);
    await expect(bus.publish('sessions', { sessionId: 42 } as never)).rejects.toThrow(/does not fit/);
    await expect(bus.publish('nowhere' as never, {} as never)).rejects.toThrow(/no schema/);
  });
});

describe.runIf(process.env.TEST_REDIS_URL)('the Redis bus', () => {
  const warnings: Array<{ details: object; message: string }> = [];
  const log = { warn: (details: object, message: string) => warnings.push({ details, message }) };
  const prefix = `lotus:test:${process.pid}:${Date.now()}:`;
  const one = new RedisBus(process.env.TEST_REDIS_URL!, log, prefix);
  const two = new RedisBus(process.env.TEST_REDIS_URL!, log, prefix);
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('delivers a good event to the other process, and drops and logs a malformed one', async () => {
    const { received, ready } = collect(two, 'conversation:cnv_9');
    await ready;
    await one.publishRaw('conversation:cnv_9', JSON.stringify({ type: 'message', conversationId: 'cnv_9', seq: 'one' }));
    await one.publishRaw('conversation:cnv_9', 'not json');
    await one.publish('conversation:cnv_9', { ...message, conversationId: 'cnv_9' });
    for (let i = 0; i < 40 && received.length === 0; i++) await settle();
    await settle();
    expect(received).toEqual([{ ...message, conversationId: 'cnv_9' }]);
    expect(warnings.map((w) => w.message)).toEqual([
      'bus: dropped a received message that does not fit its channel',
      'bus: dropped a received message that is not JSON',
    ]);
    expect(warnings[0]!.details).toMatchObject({ channel: 'conversation:cnv_9' });
  });
});
