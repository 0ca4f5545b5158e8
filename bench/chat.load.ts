// The chat benchmark's other processes (started by chat.bench.ts with `fork`):
//   relay   a bare `ws` server relaying each JSON message to the sender's partner (the baseline)
//   load    opens one socket per person, sends at a fixed rate, then saturates; measures
//           delivery latency from send to the partner's socket (same clock: one process)
//   idle    opens N sockets (subscribed, for Lotus) and holds them while the server's heap is read
// Lotus messages are sent by HTTP POST (as the clients do); the sockets carry delivery.
import Fastify from 'fastify';
import { Pool } from 'undici';
import WebSocket, { WebSocketServer } from 'ws';

export interface Member {
  id: string;
  token: string;
}
export interface LoadPair {
  conversationId: string;
  patient: Member;
  doctor: Member;
  lastSeq: number;
}
export interface LoadSpec {
  kind: 'lotus' | 'bare';
  pairs: LoadPair[];
  /** Where the patients' sockets and posts go, and where the doctors' do (the same for one process). */
  patientServer: string;
  doctorServer: string;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  saturationSeconds: number;
  saturationWidth: number;
}
export interface PhaseResult {
  sent: number;
  delivered: number;
  lost: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** HTTP 201 latency of the posts (Lotus only). */
  postP99: number | null;
}
export interface LoadResult {
  connectSeconds: number;
  rate: PhaseResult;
  saturation: PhaseResult;
}
export interface IdleSpec {
  kind: 'lotus' | 'bare';
  url: string;
  count: number;
  members: Array<{ token: string; conversationId: string; lastSeq: number }>;
}

/** The baseline: what a WebSocket relay costs with nothing else (no auth, no storage). */
export function startRelay(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
  const rooms = new Map<string, { sockets: [WebSocket | null, WebSocket | null]; seq: number }>();
  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    const key = url.searchParams.get('pair') ?? '';
    const side = url.searchParams.get('side') === 'd' ? 1 : 0;
    let room = rooms.get(key);
    if (!room) rooms.set(key, (room = { sockets: [null, null], seq: 0 }));
    room.sockets[side] = ws;
    const current = room;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      const partner = current.sockets[1 - side];
      if (partner?.readyState === WebSocket.OPEN) partner.send(JSON.stringify({ ...message, seq: ++current.seq, createdAt: new Date().toISOString() }));
    });
    ws.on('close', () => {
      if (current.sockets[side] === ws) current.sockets[side] = null;
    });
    ws.send('{"type":"subscribed"}');
  });
  return new Promise((resolve) =>
    wss.on('listening', () =>
      resolve({
        port: (wss.address() as { port: number }).port,
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate();
            wss.close(() => done());
          }),
      }),
    ),
  );
}

/** The baseline for stored messages: the same POST route, the same JSON body parsed and a
 * message-shaped 201 answered, and nothing authorised or stored. */
export async function startBareRoute(): Promise<{ port: number; close(): Promise<void> }> {
  const app = Fastify();
  let seq = 0;
  app.post<{ Params: { id: string }; Body: { clientId: string; text: string } }>(
    '/api/conversations/:id/messages',
    {
      schema: {
        body: { type: 'object', required: ['clientId', 'text'], properties: { clientId: { type: 'string', minLength: 1, maxLength: 100 }, text: { type: 'string', maxLength: 4000 } } },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        id: `msg${++seq}`,
        conversationId: request.params.id,
        seq,
        kind: 'text',
        senderId: 'sender',
        clientId: request.body.clientId,
        text: request.body.text,
        links: [],
        attachments: [],
        createdAt: new Date().toISOString(),
      }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.server.address() as { port: number }).port, close: () => app.close() };
}

interface Pending {
  t0: number;
  resolve?: () => void;
}

const wsUrlOf = (base: string, kind: 'lotus' | 'bare') => (kind === 'lotus' ? `${base.replace(/^http/, 'ws')}/api/realtime` : base.replace(/^http/, 'ws'));

async function openSocket(url: string, token: string | null, onFrame: (frame: Record<string, unknown>) => void, subscribe: object | null): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (frame.type === 'subscribed') resolve();
      else onFrame(frame);
    });
    ws.once('open', () => {
      if (subscribe) ws.send(JSON.stringify(subscribe));
    });
  });
  ws.on('error', () => undefined);
  return ws;
}

async function inParallel(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  }));
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const pending = new Map<string, Pending>();
  const traceStart = performance.now();
  const trace: number[][] = [];
  let window = { start: Infinity, end: -Infinity, delivered: 0, latencies: [] as number[] };
  const onDelivery = (own: string) => (frame: Record<string, unknown>) => {
    if (frame.type !== 'message' || frame.senderId === own) return;
    const p = pending.get(frame.clientId as string);
    if (!p) return;
    pending.delete(frame.clientId as string);
    const now = performance.now();
    if (now >= window.start && now <= window.end) window.delivered++;
    if (p.t0 >= window.start && p.t0 <= window.end) window.latencies.push(now - p.t0);
    if (process.env.BENCH_TRACE) {
      const sec = Math.floor((p.t0 - traceStart) / 1000);
      (trace[sec] ??= []).push(now - p.t0);
    }
    p.resolve?.();
  };

  // Sockets: one per person, patients on one server, doctors on the other (or the same).
  const connectStarted = performance.now();
  const sockets: WebSocket[][] = spec.pairs.map(() => []);
  await inParallel(spec.pairs.length * 2, 64, async (k) => {
    const i = k >> 1;
    const doctorSide = (k & 1) === 1;
    const pair = spec.pairs[i]!;
    const member = doctorSide ? pair.doctor : pair.patient;
    const base = doctorSide ? spec.doctorServer : spec.patientServer;
    const url = spec.kind === 'lotus' ? wsUrlOf(base, 'lotus') : `${wsUrlOf(base, 'bare')}/?pair=${i}&side=${doctorSide ? 'd' : 'p'}`;
    const subscribe = spec.kind === 'lotus' ? { type: 'subscribe', conversationId: pair.conversationId, afterSeq: pair.lastSeq } : null;
    sockets[i]![doctorSide ? 1 : 0] = await openSocket(url, spec.kind === 'lotus' ? member.token : null, onDelivery(spec.kind === 'lotus' ? member.id : doctorSide ? 'd' : 'p'), subscribe);
  });
  const connectSeconds = (performance.now() - connectStarted) / 1000;

  const pools = new Map<string, Pool>();
  const poolFor = (base: string) => {
    let pool = pools.get(base);
    if (!pool) pools.set(base, (pool = new Pool(base, { connections: 128, pipelining: 1 })));
    return pool;
  };
  let counter = 0;
  let errors = 0;
  // Runs may share a database (one process, then two): each run's clientIds are its own.
  const runTag = Math.random().toString(36).slice(2, 8);
  let postLatencies: number[] = [];
  /** Sends message n: pair n mod P, the direction alternating each round. */
  const send = (resolve?: () => void) => {
    const n = counter++;
    const i = n % spec.pairs.length;
    const fromDoctor = Math.floor(n / spec.pairs.length) % 2 === 1;
    const pair = spec.pairs[i]!;
    const clientId = `b${runTag}-${n}`;
    const text = `Benchmark message ${n}: how are you feeling since this morning?`;
    const t0 = performance.now();
    pending.set(clientId, { t0, ...(resolve ? { resolve } : {}) });
    if (spec.kind === 'bare') {
      sockets[i]![fromDoctor ? 1 : 0]!.send(JSON.stringify({ type: 'message', conversationId: pair.conversationId, clientId, senderId: fromDoctor ? 'd' : 'p', text }));
      return;
    }
    const member = fromDoctor ? pair.doctor : pair.patient;
    const base = fromDoctor ? spec.doctorServer : spec.patientServer;
    poolFor(base)
      .request({
        path: `/api/conversations/${pair.conversationId}/messages`,
        method: 'POST',
        headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, text }),
      })
      .then(async (response) => {
        await response.body.text();
        if (t0 >= window.start && t0 <= window.end) postLatencies.push(performance.now() - t0);
        if (response.statusCode !== 201) throw new Error(String(response.statusCode));
      })
      .catch(() => {
        errors++;
        pending.delete(clientId);
        resolve?.();
      });
  };

  const drain = async () => {
    const deadline = performance.now() + 5000;
    while (pending.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  };
  const summarise = (sent: number): PhaseResult => {
    const latencies = window.latencies.sort((a, b) => a - b);
    const posts = postLatencies.sort((a, b) => a - b);
    const seconds = (window.end - window.start) / 1000;
    return {
      sent,
      delivered: latencies.length,
      lost: sent - latencies.length,
      errors,
      seconds,
      throughput: window.delivered / seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? 0,
      postP99: spec.kind === 'lotus' ? percentile(posts, 0.99) : null,
    };
  };

  // Phase 1: the offered rate, open loop (a slow server does not slow the senders down).
  const started = performance.now();
  window = { start: started + spec.warmupSeconds * 1000, end: started + (spec.warmupSeconds + spec.seconds) * 1000, delivered: 0, latencies: [] };
  let measuredSent = 0;
  await new Promise<void>((resolve) => {
    let sent = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      if (now >= window.end) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(((now - started) / 1000) * spec.rate);
      for (; sent < due; sent++) {
        if (now >= window.start) measuredSent++;
        send();
      }
    }, 2);
  });
  await drain();
  const rate = summarise(measuredSent);

  // Phase 2: saturation, closed loop: `saturationWidth` messages in flight, each waiting for its delivery.
  pending.clear();
  errors = 0;
  postLatencies = [];
  const satStart = performance.now();
  const warm = Math.min(2, spec.saturationSeconds / 5);
  window = { start: satStart + warm * 1000, end: satStart + (warm + spec.saturationSeconds) * 1000, delivered: 0, latencies: [] };
  let satSent = 0;
  await Promise.all(
    Array.from({ length: spec.saturationWidth }, async () => {
      while (performance.now() < window.end) {
        const t = performance.now();
        await new Promise<void>((resolve) => {
          const timeout = setTimeout(resolve, 10_000);
          send(() => {
            clearTimeout(timeout);
            resolve();
          });
        });
        if (t >= window.start && t <= window.end) satSent++;
      }
    }),
  );
  await drain();
  const saturation = summarise(satSent);

  if (process.env.BENCH_TRACE) {
    for (const [sec, l] of trace.entries()) if (l) process.stderr.write(`t=${sec}s n=${l.length} p50=${percentile(l.sort((a, b) => a - b), 0.5).toFixed(0)} max=${l.at(-1)!.toFixed(0)}\n`);
  }
  for (const pair of sockets) for (const ws of pair) ws.terminate();
  await Promise.all([...pools.values()].map((p) => p.close()));
  return { connectSeconds, rate, saturation };
}

export async function holdIdle(spec: IdleSpec): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(spec.count);
  await inParallel(spec.count, 100, async (i) => {
    const member = spec.members[i % spec.members.length]!;
    sockets[i] =
      spec.kind === 'lotus'
        ? await openSocket(wsUrlOf(spec.url, 'lotus'), member.token, () => undefined, { type: 'subscribe', conversationId: member.conversationId, afterSeq: member.lastSeq })
        : await openSocket(`${wsUrlOf(spec.url, 'bare')}/?pair=${i >> 1}&side=${i & 1 ? 'd' : 'p'}`, null, () => undefined, null);
  });
  return sockets;
}

// As a child process: `fork('chat.load.ts', [mode])`, the spec arrives by IPC.
if (process.send && ['relay', 'load', 'idle'].includes(process.argv[2] ?? '')) {
  const mode = process.argv[2];
  const reply = (message: unknown) => process.send!(message);
  if (mode === 'relay') {
    const relay = await startRelay();
    const bareRoute = await startBareRoute();
    reply({ type: 'listening', port: relay.port, httpPort: bareRoute.port });
    process.on('message', (m: { type: string }) => {
      if (m.type === 'close') void Promise.all([relay.close(), bareRoute.close()]).then(() => process.exit(0));
    });
  } else {
    process.once('message', (spec: LoadSpec | IdleSpec) => void (async () => {
      try {
        if (mode === 'load') {
          reply({ type: 'result', result: await runLoad(spec as LoadSpec) });
          process.exit(0);
        }
        const sockets = await holdIdle(spec as IdleSpec);
        reply({ type: 'ready' });
        process.on('message', (m: { type: string }) => {
          if (m.type === 'close') {
            for (const ws of sockets) ws.terminate();
            process.exit(0);
          }
        });
      } catch (error) {
        reply({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        process.exit(1);
      }
    })());
  }
}
