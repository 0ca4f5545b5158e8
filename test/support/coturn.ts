// A coturn of our own for tests that need TURN: Debian's `turnserver` started as a child
// process on 127.0.0.1 and a free port, with the TURN REST API secret (use-auth-secret,
// static-auth-secret), no TLS, no CLI, no system service; stopped by the test. And a
// minimal TURN client (RFC 5766 Allocate with long-term credentials over UDP) to ask
// coturn whether it accepts a username and credential.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TURNSERVER = process.env.TURNSERVER_PATH ?? 'turnserver';

/** Whether coturn is installed (`apt-get install coturn`; `.ci/run` does it). */
export function coturnAvailable(): boolean {
  return spawnSync(TURNSERVER, ['--version'], { stdio: 'ignore' }).status === 0 || spawnSync('sh', ['-c', `command -v ${TURNSERVER}`], { stdio: 'ignore' }).status === 0;
}

async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export interface Coturn {
  port: number;
  secret: string;
  realm: string;
  url: string;
  stop(): Promise<void>;
}

export async function startCoturn(secret = `test-${randomBytes(12).toString('hex')}`): Promise<Coturn> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-coturn-'));
  const port = await freeUdpPort();
  const realm = 'lotus.test';
  const child: ChildProcess = spawn(
    TURNSERVER,
    [
      '-n', // no configuration file
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      `--realm=${realm}`,
      '--fingerprint',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--no-tcp-relay',
      // Both browsers of a test are on this machine: their relayed peers are loopback.
      '--allow-loopback-peers',
      `--userdb=${path.join(dir, 'turndb')}`,
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready once it answers a STUN binding request.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`turnserver exited (${child.exitCode}):\n${output}`);
    if (await bindingAnswers(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`turnserver did not answer on 127.0.0.1:${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, secret, realm, url: `turn:127.0.0.1:${port}?transport=udp`, stop };
}

// ---- a minimal STUN/TURN client -----------------------------------------------------------

const MAGIC = 0x2112a442;
const ATTR = { USERNAME: 0x0006, MESSAGE_INTEGRITY: 0x0008, ERROR_CODE: 0x0009, REALM: 0x0014, NONCE: 0x0015, XOR_RELAYED_ADDRESS: 0x0016, REQUESTED_TRANSPORT: 0x0019, FINGERPRINT: 0x8028 };

function attribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  const padding = Buffer.alloc((4 - (value.length % 4)) % 4);
  return Buffer.concat([header, value, padding]);
}

function message(type: number, transactionId: Buffer, attributes: Buffer[], integrityKey?: Buffer): Buffer {
  const header = () => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(type, 0);
    h.writeUInt32BE(MAGIC, 4);
    transactionId.copy(h, 8);
    return h;
  };
  let body = Buffer.concat(attributes);
  if (integrityKey) {
    // The length covers the MESSAGE-INTEGRITY attribute itself (24 bytes) while hashing.
    const h = header();
    h.writeUInt16BE(body.length + 24, 2);
    const mac = createHmac('sha1', integrityKey).update(Buffer.concat([h, body])).digest();
    body = Buffer.concat([body, attribute(ATTR.MESSAGE_INTEGRITY, mac)]);
  }
  const h = header();
  h.writeUInt16BE(body.length, 2);
  return Buffer.concat([h, body]);
}

function parse(packet: Buffer): { type: number; attrs: Map<number, Buffer> } {
  const attrs = new Map<number, Buffer>();
  let offset = 20;
  while (offset + 4 <= packet.length) {
    const type = packet.readUInt16BE(offset);
    const length = packet.readUInt16BE(offset + 2);
    attrs.set(type, packet.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length + ((4 - (length % 4)) % 4);
  }
  return { type: packet.readUInt16BE(0), attrs };
}

/** One UDP socket per conversation with the server: coturn ties a nonce to the client's address. */
class Udp {
  private readonly socket = dgram.createSocket('udp4');
  private waiting: ((data: Buffer | null) => void) | null = null;
  constructor(private readonly port: number) {
    this.socket.on('message', (data) => this.waiting?.(data));
    this.socket.on('error', () => this.waiting?.(null));
  }
  request(packet: Buffer, timeoutMs = 1000): Promise<Buffer | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      this.waiting = (data) => {
        clearTimeout(timer);
        this.waiting = null;
        resolve(data);
      };
      this.socket.send(packet, this.port, '127.0.0.1');
    });
  }
  close(): void {
    this.socket.close();
  }
}

async function exchange(port: number, packet: Buffer, timeoutMs = 1000): Promise<Buffer | null> {
  const udp = new Udp(port);
  try {
    return await udp.request(packet, timeoutMs);
  } finally {
    udp.close();
  }
}

async function bindingAnswers(port: number): Promise<boolean> {
  const answer = await exchange(port, message(0x0001, randomBytes(12), []), 300);
  return answer !== null && parse(answer).type === 0x0101;
}

export type AllocateOutcome = { ok: true; relayed: string } | { ok: false; errorCode: number; reason: string };

/** Asks coturn for a UDP relay with these long-term credentials (the two-step dance:
 * a first request learns the realm and nonce, the second is signed with
 * MD5(username:realm:password)). */
export async function allocate(port: number, username: string, password: string): Promise<AllocateOutcome> {
  const udp = new Udp(port);
  try {
    return await allocateOn(udp, username, password);
  } finally {
    udp.close();
  }
}

async function allocateOn(udp: Udp, username: string, password: string): Promise<AllocateOutcome> {
  const transport = attribute(ATTR.REQUESTED_TRANSPORT, Buffer.from([17, 0, 0, 0]));
  const first = await udp.request(message(0x0003, randomBytes(12), [transport]));
  if (!first) throw new Error('no answer from TURN server');
  const challenge = parse(first);
  const realm = challenge.attrs.get(ATTR.REALM);
  const nonce = challenge.attrs.get(ATTR.NONCE);
  if (!realm || !nonce) throw new Error('the TURN server asked for no credentials');
  const key = createHash('md5').update(`${username}:${realm.toString()}:${password}`).digest();
  const signed = message(0x0003, randomBytes(12), [transport, attribute(ATTR.USERNAME, Buffer.from(username)), attribute(ATTR.REALM, realm), attribute(ATTR.NONCE, nonce)], key);
  const second = await udp.request(signed);
  if (!second) throw new Error('no answer to the signed Allocate');
  const answer = parse(second);
  if (answer.type === 0x0103) {
    const xor = answer.attrs.get(ATTR.XOR_RELAYED_ADDRESS)!;
    const relayPort = xor.readUInt16BE(2) ^ (MAGIC >>> 16);
    const ip = [0, 1, 2, 3].map((i) => xor[4 + i]! ^ ((MAGIC >>> (24 - 8 * i)) & 0xff)).join('.');
    return { ok: true, relayed: `${ip}:${relayPort}` };
  }
  const error = answer.attrs.get(ATTR.ERROR_CODE);
  const errorCode = error ? error[2]! * 100 + error[3]! : 0;
  return { ok: false, errorCode, reason: error ? error.subarray(4).toString() : '' };
}
