// One interface every payment provider sits behind (Alipay, WeChat Pay, card through
// Stripe, the sandbox). A provider starts a checkout, answers what it knows about a payment,
// refunds, and verifies its own notifications; the service decides what they change.
export const PROVIDERS = ['alipay', 'wechatpay', 'card', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface ProviderPayment {
  id: string;
  amount: number;
  currency: string;
  description: string;
  createdAt: string;
  expiresAt: string;
  providerRef: string | null;
  providerTxn: string | null;
}

/** What the payer does next: scan a QR code, or follow a link. */
export interface PaymentAction {
  type: 'qr' | 'redirect';
  url: string;
}

export interface CheckoutUrls {
  /** Where the provider posts its notifications. */
  notifyUrl: string;
  /** Where the payer comes back to (our return page). */
  returnUrl: string;
}

export interface CheckoutStart {
  action: PaymentAction;
  providerRef: string | null;
}

/** What a provider says about a payment when asked (reconciliation). */
export type ProviderStatus =
  | { status: 'paid'; amount: number; currency: string; providerTxn: string | null }
  | { status: 'pending' }
  | { status: 'closed' }
  | { status: 'failed'; reason: string };

export interface RefundRequest {
  id: string;
  amount: number;
  reason: string;
}

export interface RefundResult {
  status: 'succeeded' | 'pending';
  providerRef: string | null;
}

/** A notification whose signature (and app, merchant, timestamp) the provider has checked. */
export type VerifiedNotification =
  | {
      kind: 'payment';
      eventId: string;
      type: string;
      paymentId: string;
      outcome: 'paid' | 'failed' | 'closed' | 'pending';
      amount: number | null;
      currency: string | null;
      providerTxn: string | null;
      payload: unknown;
    }
  | { kind: 'refund'; eventId: string; type: string; paymentId: string | null; refundId: string; outcome: 'succeeded' | 'failed'; payload: unknown }
  | { kind: 'other'; eventId: string; type: string; paymentId: string | null; payload: unknown };

export interface IncomingNotification {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: string;
}

/** A notification refused before it touched anything; recorded for review. */
export class NotificationRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly detail: { claimedEventId?: string | null; paymentId?: string | null; type?: string; payload?: unknown; record?: boolean } = {},
  ) {
    super(message);
    this.name = 'NotificationRefused';
  }
}

export interface Acknowledgement {
  status: number;
  contentType: string;
  body: string;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  start(payment: ProviderPayment, urls: CheckoutUrls): Promise<CheckoutStart>;
  query(payment: ProviderPayment): Promise<ProviderStatus>;
  refund(payment: ProviderPayment, refund: RefundRequest): Promise<RefundResult>;
  /** Best effort: stop the provider from accepting money for an expired payment. */
  close(payment: ProviderPayment): Promise<void>;
  verifyNotification(input: IncomingNotification, now: Date): Promise<VerifiedNotification>;
  /** The answer the provider expects: accepted (committed) or not. */
  acknowledge(accepted: boolean, message?: string): Acknowledgement;
}

export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderError';
  }
}

/** 1234 fen → "12.34": Alipay's total_amount is a decimal string in yuan. */
export function minorToDecimal(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.34" → 1234; null when it is not a plain amount with at most two decimals. */
export function decimalToMinor(text: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function header(headers: IncomingNotification['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
