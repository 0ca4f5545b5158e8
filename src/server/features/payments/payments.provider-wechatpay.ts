// WeChat Pay API v3, Native payments (a QR code to scan with WeChat). Every request is signed
// (WECHATPAY2-SHA256-RSA2048 over "METHOD\nURL\ntimestamp\nnonce\nbody\n" with the merchant's
// private key); every answer and callback is verified over "timestamp\nnonce\nbody\n" with
// the WeChat Pay platform public key named by Wechatpay-Serial. Callbacks more than five
// minutes off are refused, as are signature probes (WECHATPAY/SIGNTEST/…); the resource is
// decrypted with AES-256-GCM using the APIv3 key, the 16-byte tag enforced.
import { createDecipheriv, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import type { WechatpayConfig } from './payments.config.ts';
import {
  header,
  NotificationRefused,
  ProviderError,
  type Acknowledgement,
  type CheckoutStart,
  type CheckoutUrls,
  type IncomingNotification,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderStatus,
  type RefundRequest,
  type RefundResult,
  type VerifiedNotification,
} from './payments.provider.ts';

const MAX_SKEW_SECONDS = 5 * 60;
const TAG_LENGTH = 16;

const readPrivate = (key: string) => (key.includes('-----BEGIN') ? createPrivateKey(key) : createPrivateKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'pkcs8' }));
const readPublic = (key: string) => (key.includes('-----BEGIN') ? createPublicKey(key) : createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' }));

/** AEAD_AES_256_GCM as WeChat Pay uses it: ciphertext is base64(encrypted ‖ 16-byte tag). */
export function decryptResource(apiV3Key: string, resource: { ciphertext: string; nonce: string; associated_data?: string }): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= TAG_LENGTH) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'), { authTagLength: TAG_LENGTH });
  decipher.setAuthTag(data.subarray(data.length - TAG_LENGTH));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_LENGTH)), decipher.final()]).toString('utf8');
}

export class WechatpayProvider implements PaymentProvider {
  readonly name = 'wechatpay' as const;
  private readonly privateKey: KeyObject;
  private readonly platformKey: KeyObject;

  constructor(private readonly config: WechatpayConfig) {
    this.privateKey = readPrivate(config.privateKey);
    this.platformKey = readPublic(config.platformPublicKey);
  }

  /** True when a WeChat Pay signature over timestamp, nonce and body verifies with the platform key. */
  private verifies(timestamp: string, nonce: string, body: string, signature: string): boolean {
    try {
      return createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).verify(this.platformKey, signature, 'base64');
    } catch {
      return false;
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; data: any }> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const nonce = randomBytes(16).toString('hex');
    const signature = createSign('RSA-SHA256').update(`${method}\n${path}\n${timestamp}\n${nonce}\n${text}\n`).sign(this.privateKey, 'base64');
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${this.config.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${this.config.certSerial}"`;
    let response: Response;
    try {
      response = await fetch(`${this.config.baseUrl}${path}`, {
        method,
        headers: { authorization, accept: 'application/json', 'user-agent': 'lotus-health', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: text }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ProviderError('wechatpay', `${method} ${path} could not reach WeChat Pay`, { cause: error });
    }
    const answer = await response.text();
    // Answers are signed too; an unsigned or wrongly signed answer is not WeChat Pay's.
    const serial = response.headers.get('wechatpay-serial');
    const ok =
      serial === this.config.platformKeyId &&
      this.verifies(response.headers.get('wechatpay-timestamp') ?? '', response.headers.get('wechatpay-nonce') ?? '', answer, response.headers.get('wechatpay-signature') ?? '');
    if (!ok) throw new ProviderError('wechatpay', `${method} ${path}: the answer's signature does not verify`);
    let data: any = null;
    try {
      data = answer ? JSON.parse(answer) : null;
    } catch {
      throw new ProviderError('wechatpay', `${method} ${path}: the answer is not JSON`);
    }
    return { status: response.status, data };
  }

  async start(payment: ProviderPayment, urls: CheckoutUrls): Promise<CheckoutStart> {
    const { status, data } = await this.request('POST', '/v3/pay/transactions/native', {
      appid: this.config.appid,
      mchid: this.config.mchid,
      description: payment.description.slice(0, 127),
      out_trade_no: payment.id,
      time_expire: payment.expiresAt.replace(/\.\d{3}Z$/, '+00:00'),
      notify_url: urls.notifyUrl,
      amount: { total: payment.amount, currency: 'CNY' },
    });
    if (status !== 200 || typeof data?.code_url !== 'string') throw new ProviderError('wechatpay', `native order answered ${status} ${data?.code ?? ''}`);
    return { action: { type: 'qr', url: data.code_url }, providerRef: null };
  }

  async query(payment: ProviderPayment): Promise<ProviderStatus> {
    const { status, data } = await this.request('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(payment.id)}?mchid=${encodeURIComponent(this.config.mchid)}`);
    if (status === 404) return { status: 'pending' };
    if (status !== 200) throw new ProviderError('wechatpay', `order query answered ${status} ${data?.code ?? ''}`);
    if (data.mchid !== this.config.mchid || data.appid !== this.config.appid) throw new ProviderError('wechatpay', 'order query answered for another merchant or app');
    switch (data.trade_state) {
      case 'SUCCESS':
      case 'REFUND':
        return { status: 'paid', amount: Number(data.amount?.total), currency: String(data.amount?.currency ?? 'CNY'), providerTxn: data.transaction_id ?? null };
      case 'CLOSED':
      case 'REVOKED':
        return { status: 'closed' };
      case 'PAYERROR':
        return { status: 'failed', reason: data.trade_state_desc ?? 'PAYERROR' };
      default:
        return { status: 'pending' };
    }
  }

  async refund(payment: ProviderPayment, refund: RefundRequest): Promise<RefundResult> {
    const { status, data } = await this.request('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: payment.id,
      out_refund_no: refund.id,
      reason: refund.reason.slice(0, 80),
      amount: { refund: refund.amount, total: payment.amount, currency: 'CNY' },
    });
    if (status !== 200) throw new ProviderError('wechatpay', `refund answered ${status} ${data?.code ?? ''} ${data?.message ?? ''}`);
    if (data.status === 'CLOSED' || data.status === 'ABNORMAL') throw new ProviderError('wechatpay', `refund is ${data.status}`);
    return { status: data.status === 'SUCCESS' ? 'succeeded' : 'pending', providerRef: data.refund_id ?? null };
  }

  async close(payment: ProviderPayment): Promise<void> {
    const { status, data } = await this.request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(payment.id)}/close`, { mchid: this.config.mchid });
    if (status !== 204 && status !== 200) throw new ProviderError('wechatpay', `close answered ${status} ${data?.code ?? ''}`);
  }

  async verifyNotification(input: IncomingNotification, now: Date): Promise<VerifiedNotification> {
    const signature = header(input.headers, 'wechatpay-signature') ?? '';
    const timestamp = header(input.headers, 'wechatpay-timestamp') ?? '';
    const nonce = header(input.headers, 'wechatpay-nonce') ?? '';
    const serial = header(input.headers, 'wechatpay-serial') ?? '';
    // WeChat Pay sends probes with a deliberately wrong signature to check that we verify.
    if (signature.startsWith('WECHATPAY/SIGNTEST/')) throw new NotificationRefused('signature_probe', 'Signature probe refused.', { record: false });
    let claimedEventId: string | null = null;
    try {
      claimedEventId = String((JSON.parse(input.rawBody) as { id?: unknown }).id ?? '') || null;
    } catch {
      /* judged below */
    }
    const claim = { claimedEventId, type: 'unverified' };
    if (serial !== this.config.platformKeyId) throw new NotificationRefused('bad_signature', `The serial ${serial || '(none)'} names no platform key of ours.`, claim);
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
      throw new NotificationRefused('stale_timestamp', `The timestamp ${timestamp || '(none)'} is more than 5 minutes off.`, claim);
    }
    if (!this.verifies(timestamp, nonce, input.rawBody, signature)) throw new NotificationRefused('bad_signature', "The signature does not verify with WeChat Pay's platform key.", claim);

    let body: { id?: string; event_type?: string; resource?: { algorithm?: string; ciphertext?: string; nonce?: string; associated_data?: string } };
    try {
      body = JSON.parse(input.rawBody);
    } catch {
      throw new NotificationRefused('malformed', 'The callback is not JSON.', claim);
    }
    const resource = body.resource;
    if (!body.id || !body.event_type || !resource?.ciphertext || !resource.nonce || resource.algorithm !== 'AEAD_AES_256_GCM') {
      throw new NotificationRefused('malformed', 'The callback lacks an id, an event type or an AEAD_AES_256_GCM resource.', claim);
    }
    let plain: any;
    try {
      plain = JSON.parse(decryptResource(this.config.apiV3Key, { ciphertext: resource.ciphertext, nonce: resource.nonce, associated_data: resource.associated_data ?? '' }));
    } catch {
      throw new NotificationRefused('decrypt_failed', 'The resource does not decrypt with our APIv3 key.', { ...claim, type: body.event_type });
    }
    const detail = { claimedEventId: body.id, paymentId: typeof plain.out_trade_no === 'string' ? plain.out_trade_no : null, type: body.event_type, payload: plain };
    if (plain.mchid !== this.config.mchid) throw new NotificationRefused('merchant_mismatch', `The callback is for merchant ${plain.mchid}, not ours.`, detail);
    const base = { eventId: body.id, type: body.event_type, payload: { event: body.event_type, resource: plain } };
    if (body.event_type.startsWith('REFUND.')) {
      if (typeof plain.out_refund_no !== 'string') throw new NotificationRefused('malformed', 'The refund callback names no out_refund_no.', detail);
      if (body.event_type === 'REFUND.SUCCESS' || body.event_type === 'REFUND.ABNORMAL' || body.event_type === 'REFUND.CLOSED') {
        return { ...base, kind: 'refund', paymentId: detail.paymentId, refundId: plain.out_refund_no, outcome: body.event_type === 'REFUND.SUCCESS' ? 'succeeded' : 'failed' };
      }
      return { ...base, kind: 'other', paymentId: detail.paymentId };
    }
    if (body.event_type !== 'TRANSACTION.SUCCESS') return { ...base, kind: 'other', paymentId: detail.paymentId };
    if (plain.appid !== this.config.appid) throw new NotificationRefused('app_mismatch', `The callback is for app ${plain.appid}, not ours.`, detail);
    if (!detail.paymentId) throw new NotificationRefused('malformed', 'The callback names no out_trade_no.', detail);
    const outcome = plain.trade_state === 'SUCCESS' ? 'paid' : plain.trade_state === 'CLOSED' || plain.trade_state === 'REVOKED' ? 'closed' : plain.trade_state === 'PAYERROR' ? 'failed' : 'pending';
    const amount = Number.isSafeInteger(plain.amount?.total) ? (plain.amount.total as number) : null;
    return { ...base, kind: 'payment', paymentId: detail.paymentId, outcome, amount, currency: typeof plain.amount?.currency === 'string' ? plain.amount.currency : null, providerTxn: plain.transaction_id ?? null };
  }

  acknowledge(accepted: boolean, message?: string): Acknowledgement {
    if (accepted) return { status: 204, contentType: 'application/json', body: '' };
    return { status: 401, contentType: 'application/json', body: JSON.stringify({ code: 'FAIL', message: message ?? 'refused' }) };
  }
}
