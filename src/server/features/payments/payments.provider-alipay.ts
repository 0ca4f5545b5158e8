// Alipay through the official alipay-sdk: requests signed with RSA2 (our private key), answers
// verified with Alipay's public key, a QR code from alipay.trade.precreate. Notifications are
// verified over the raw form parameters with checkNotifySignV2 (checkNotifySign URL-decodes
// values again and breaks on "%"), then app_id, seller_id, out_trade_no and total_amount are
// checked against our records. Alipay wants the text `success` once we have committed.
import { createPrivateKey } from 'node:crypto';
import type { AlipaySdk } from 'alipay-sdk';
import type { AlipayConfig } from './payments.config.ts';
import {
  decimalToMinor,
  minorToDecimal,
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

/** Alipay's notifications keep being retried for about a day; older ones are replays. */
const MAX_NOTIFICATION_AGE_MS = 48 * 3600_000;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

function keyType(privateKey: string): 'PKCS1' | 'PKCS8' {
  if (privateKey.includes('BEGIN RSA PRIVATE KEY')) return 'PKCS1';
  if (privateKey.includes('BEGIN PRIVATE KEY')) return 'PKCS8';
  try {
    createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    return 'PKCS8';
  } catch {
    return 'PKCS1';
  }
}

/** Alipay writes times as "2026-03-01 16:00:00" in China Standard Time (UTC+8). */
export function parseAlipayTime(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const date = new Date(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Form parameters exactly as sent; a parameter given twice is refused. */
export function parseForm(body: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (name in params) throw new NotificationRefused('malformed', `The parameter ${name} appears more than once.`);
    params[name] = value;
  }
  return params;
}

export class AlipayProvider implements PaymentProvider {
  readonly name = 'alipay' as const;
  private sdkPromise: Promise<AlipaySdk> | null = null;

  constructor(private readonly config: AlipayConfig) {}

  /** The SDK is loaded on first use: it is slow to import, and only Alipay merchants need it. */
  private sdk(): Promise<AlipaySdk> {
    const config = this.config;
    this.sdkPromise ??= import('alipay-sdk').then(({ AlipaySdk }) => new AlipaySdk({
      appId: config.appId,
      privateKey: config.privateKey,
      keyType: keyType(config.privateKey),
      alipayPublicKey: config.alipayPublicKey,
      gateway: config.gateway,
      signType: 'RSA2',
      camelcase: false,
      timeout: 10_000,
    }));
    return this.sdkPromise;
  }

  private async call(method: string, params: Record<string, unknown>): Promise<Record<string, any>> {
    try {
      return await (await this.sdk()).exec(method, params, { validateSign: true });
    } catch (error) {
      throw new ProviderError('alipay', `${method} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async start(payment: ProviderPayment, urls: CheckoutUrls): Promise<CheckoutStart> {
    const minutes = Math.max(1, Math.round((Date.parse(payment.expiresAt) - Date.parse(payment.createdAt)) / 60_000));
    const result = await this.call('alipay.trade.precreate', {
      notify_url: urls.notifyUrl,
      bizContent: { out_trade_no: payment.id, total_amount: minorToDecimal(payment.amount), subject: payment.description, timeout_express: `${minutes}m` },
    });
    if (result.code !== '10000' || typeof result.qr_code !== 'string') {
      throw new ProviderError('alipay', `alipay.trade.precreate answered ${result.code} ${result.sub_code ?? ''} ${result.sub_msg ?? result.msg ?? ''}`);
    }
    return { action: { type: 'qr', url: result.qr_code }, providerRef: null };
  }

  async query(payment: ProviderPayment): Promise<ProviderStatus> {
    const result = await this.call('alipay.trade.query', { bizContent: { out_trade_no: payment.id } });
    // A precreated trade exists at Alipay only once someone has scanned it.
    if (result.code === '40004' && result.sub_code === 'ACQ.TRADE_NOT_EXIST') return { status: 'pending' };
    if (result.code !== '10000') throw new ProviderError('alipay', `alipay.trade.query answered ${result.code} ${result.sub_code ?? ''}`);
    switch (result.trade_status) {
      case 'TRADE_SUCCESS':
      case 'TRADE_FINISHED': {
        const amount = decimalToMinor(String(result.total_amount ?? ''));
        if (amount === null) throw new ProviderError('alipay', 'alipay.trade.query gave no readable total_amount');
        return { status: 'paid', amount, currency: 'CNY', providerTxn: result.trade_no ?? null };
      }
      case 'TRADE_CLOSED':
        return { status: 'closed' };
      default:
        return { status: 'pending' };
    }
  }

  async refund(payment: ProviderPayment, refund: RefundRequest): Promise<RefundResult> {
    const result = await this.call('alipay.trade.refund', {
      bizContent: { out_trade_no: payment.id, refund_amount: minorToDecimal(refund.amount), out_request_no: refund.id, refund_reason: refund.reason.slice(0, 100) },
    });
    if (result.code !== '10000') throw new ProviderError('alipay', `alipay.trade.refund answered ${result.code} ${result.sub_code ?? ''} ${result.sub_msg ?? ''}`);
    return { status: 'succeeded', providerRef: result.trade_no ?? null };
  }

  async close(payment: ProviderPayment): Promise<void> {
    const result = await this.call('alipay.trade.close', { bizContent: { out_trade_no: payment.id } });
    if (result.code !== '10000' && result.sub_code !== 'ACQ.TRADE_NOT_EXIST') {
      throw new ProviderError('alipay', `alipay.trade.close answered ${result.code} ${result.sub_code ?? ''}`);
    }
  }

  async verifyNotification(input: IncomingNotification, now: Date): Promise<VerifiedNotification> {
    const params = parseForm(input.rawBody);
    const claim = { claimedEventId: params.notify_id ?? null, paymentId: params.out_trade_no ?? null, type: params.trade_status ?? 'unknown' };
    if (!params.sign) throw new NotificationRefused('bad_signature', 'The notification is not signed.', claim);
    const sdk = await this.sdk();
    let valid = false;
    try {
      valid = sdk.checkNotifySignV2({ ...params });
    } catch {
      valid = false;
    }
    if (!valid) throw new NotificationRefused('bad_signature', "The notification's signature does not verify with Alipay's public key.", claim);
    if (params.app_id !== this.config.appId) throw new NotificationRefused('app_mismatch', `The notification is for app ${params.app_id}, not ours.`, claim);
    const notified = parseAlipayTime(params.notify_time);
    if (!notified || notified.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS || now.getTime() - notified.getTime() > MAX_NOTIFICATION_AGE_MS) {
      throw new NotificationRefused('stale_timestamp', `The notification time ${params.notify_time ?? '(none)'} is too far from now.`, claim);
    }
    if (!params.notify_id || !params.out_trade_no) throw new NotificationRefused('malformed', 'The notification has no notify_id or out_trade_no.', claim);
    if (params.seller_id !== undefined && params.seller_id !== this.config.sellerId) {
      throw new NotificationRefused('merchant_mismatch', `The notification is for seller ${params.seller_id}, not ours.`, claim);
    }
    if (params.seller_id === undefined) throw new NotificationRefused('merchant_mismatch', 'The notification names no seller.', claim);
    const base = { eventId: params.notify_id, type: `trade.${params.trade_status ?? 'unknown'}`, payload: params };
    // A refund notification names the refund (out_biz_no = our out_request_no).
    if (params.out_biz_no && params.refund_fee) {
      return { ...base, kind: 'refund', type: 'trade.refund', paymentId: params.out_trade_no, refundId: params.out_biz_no, outcome: 'succeeded' };
    }
    const amount = decimalToMinor(params.total_amount ?? '');
    if (amount === null) throw new NotificationRefused('malformed', `The total_amount ${params.total_amount ?? '(none)'} is not an amount.`, claim);
    const outcome = params.trade_status === 'TRADE_SUCCESS' || params.trade_status === 'TRADE_FINISHED' ? 'paid' : params.trade_status === 'TRADE_CLOSED' ? 'closed' : 'pending';
    return { ...base, kind: 'payment', paymentId: params.out_trade_no, outcome, amount, currency: 'CNY', providerTxn: params.trade_no ?? null };
  }

  acknowledge(accepted: boolean): Acknowledgement {
    return { status: accepted ? 200 : 400, contentType: 'text/plain; charset=utf-8', body: accepted ? 'success' : 'fail' };
  }
}
