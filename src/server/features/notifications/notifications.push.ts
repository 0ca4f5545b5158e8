// Web push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payloads (RFC 8291), built by the
// web-push library and sent through the SSRF-safe outbound client: an endpoint is a URL a
// browser, and therefore a user, gave us.
import webpush from 'web-push';
import type { OutboundClient } from '../../platform/outbound/outbound.client.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export type PushOutcome = { ok: true; status: number } | { ok: false; gone: boolean; status: number; error: string };

export class PushSender {
  constructor(
    private readonly vapid: VapidKeys,
    private readonly outbound: OutboundClient,
  ) {}

  get publicKey(): string {
    return this.vapid.publicKey;
  }

  async send(target: PushTarget, payload: unknown, options: { ttlSeconds?: number; urgency?: 'normal' | 'high'; topic?: string } = {}): Promise<PushOutcome> {
    const details = webpush.generateRequestDetails(target, JSON.stringify(payload), {
      vapidDetails: { subject: this.vapid.subject, publicKey: this.vapid.publicKey, privateKey: this.vapid.privateKey },
      TTL: options.ttlSeconds ?? 24 * 3600,
      contentEncoding: 'aes128gcm',
      urgency: options.urgency ?? 'normal',
      ...(options.topic ? { topic: options.topic } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) headers[name.toLowerCase()] = String(value);
    const response = await this.outbound.send(details.endpoint, { method: 'POST', headers, body: details.body as Buffer });
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, gone: response.status === 404 || response.status === 410, status: response.status, error: `push service answered ${response.status}` };
  }
}
