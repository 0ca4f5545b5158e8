// Card payments through Stripe (the `stripe` package). The payer is redirected to a Stripe
// Checkout page, which collects the card and confirms a PaymentIntent carrying our payment
// id in its metadata; our strict CSP keeps Stripe's scripts off our own pages. Webhook events
// are verified with the library (constructEvent, its default tolerance, our clock) and
// de-duplicated by event id in the inbox. Refunds go to the PaymentIntent that took the money,
// with our refund id as the idempotency key.
import type Stripe from 'stripe';
import type { StripeConfig } from './payments.config.ts';
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

type StripeObject = Record<string, any>;

export class CardProvider implements PaymentProvider {
  readonly name = 'card' as const;
  private client: Promise<Stripe> | null = null;
  private readonly live: boolean;

  constructor(private readonly config: StripeConfig) {
    this.live = /^(sk|rk)_live_/.test(config.secretKey);
  }

  /** The library is loaded on first use, so servers without card payments never load it. */
  private stripe(): Promise<Stripe> {
    const config = this.config;
    const base = config.apiBase ? new URL(config.apiBase) : null;
    this.client ??= import('stripe').then(
      ({ default: StripeClient }) =>
        new StripeClient(config.secretKey, {
          maxNetworkRetries: 2,
          timeout: 10_000,
          ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'http:' ? 'http' : 'https' } : {}),
        }),
    );
    return this.client;
  }

  private async call<T>(what: string, work: (stripe: Stripe) => Promise<T>): Promise<T> {
    try {
      return await work(await this.stripe());
    } catch (error) {
      throw new ProviderError('card', `${what} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async start(payment: ProviderPayment, urls: CheckoutUrls): Promise<CheckoutStart> {
    const session = await this.call('checkout.sessions.create', (stripe) =>
      stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: payment.currency.toLowerCase(), unit_amount: payment.amount, product_data: { name: payment.description } } }],
          client_reference_id: payment.id,
          metadata: { payment_id: payment.id },
          payment_intent_data: { metadata: { payment_id: payment.id } },
          success_url: urls.returnUrl,
          cancel_url: urls.returnUrl,
        },
        { idempotencyKey: `checkout-${payment.id}` },
      ),
    );
    if (!session.url) throw new ProviderError('card', 'Stripe gave no checkout address');
    return { action: { type: 'redirect', url: session.url }, providerRef: session.id };
  }

  async query(payment: ProviderPayment): Promise<ProviderStatus> {
    if (!payment.providerRef) return { status: 'pending' };
    const session = (await this.call('checkout.sessions.retrieve', (stripe) => stripe.checkout.sessions.retrieve(payment.providerRef!, { expand: ['payment_intent'] }))) as StripeObject;
    if (session.payment_status === 'paid') {
      const intent = session.payment_intent;
      return {
        status: 'paid',
        amount: Number(typeof intent === 'object' && intent ? intent.amount_received : session.amount_total),
        currency: String(session.currency ?? '').toUpperCase(),
        providerTxn: typeof intent === 'string' ? intent : (intent?.id ?? null),
      };
    }
    if (session.status === 'expired') return { status: 'closed' };
    return { status: 'pending' };
  }

  async refund(payment: ProviderPayment, refund: RefundRequest): Promise<RefundResult> {
    if (!payment.providerTxn) throw new ProviderError('card', `payment ${payment.id} has no PaymentIntent to refund`);
    const result = await this.call('refunds.create', (stripe) =>
      stripe.refunds.create({ payment_intent: payment.providerTxn!, amount: refund.amount, metadata: { refund_id: refund.id, payment_id: payment.id } }, { idempotencyKey: `refund-${refund.id}` }),
    );
    if (result.status === 'failed' || result.status === 'canceled') throw new ProviderError('card', `refund ${result.id} is ${result.status}`);
    return { status: result.status === 'succeeded' ? 'succeeded' : 'pending', providerRef: result.id };
  }

  async close(payment: ProviderPayment): Promise<void> {
    if (!payment.providerRef) return;
    const session = await this.call('checkout.sessions.retrieve', (stripe) => stripe.checkout.sessions.retrieve(payment.providerRef!));
    if (session.status === 'open') await this.call('checkout.sessions.expire', (stripe) => stripe.checkout.sessions.expire(payment.providerRef!));
  }

  async verifyNotification(input: IncomingNotification, now: Date): Promise<VerifiedNotification> {
    const signature = header(input.headers, 'stripe-signature');
    let claimedEventId: string | null = null;
    try {
      claimedEventId = String((JSON.parse(input.rawBody) as { id?: unknown }).id ?? '') || null;
    } catch {
      /* judged by the library */
    }
    const claim = { claimedEventId, type: 'unverified' };
    if (!signature) throw new NotificationRefused('bad_signature', 'The event carries no Stripe-Signature.', claim);
    let event: StripeObject;
    try {
      event = (await this.stripe()).webhooks.constructEvent(input.rawBody, signature, this.config.webhookSecret, undefined, undefined, now.getTime()) as unknown as StripeObject;
    } catch (error) {
      const message = (error as Error).message;
      if (/tolerance/i.test(message)) throw new NotificationRefused('stale_timestamp', 'The event was signed too long ago.', claim);
      throw new NotificationRefused('bad_signature', "The event's signature does not verify with our webhook secret.", claim);
    }
    const object = (event.data?.object ?? {}) as StripeObject;
    const paymentId: string | null = object.metadata?.payment_id ?? object.client_reference_id ?? null;
    const detail = { claimedEventId: event.id, paymentId, type: event.type, payload: event };
    if (Boolean(event.livemode) !== this.live) throw new NotificationRefused('merchant_mismatch', `The event is from ${event.livemode ? 'live' : 'test'} mode, and our key is not.`, detail);
    const base = { eventId: String(event.id), type: String(event.type), payload: event };
    switch (event.type) {
      case 'payment_intent.succeeded':
        if (!paymentId) return { ...base, kind: 'other', paymentId: null };
        return { ...base, kind: 'payment', paymentId, outcome: 'paid', amount: Number(object.amount_received), currency: String(object.currency ?? ''), providerTxn: object.id ?? null };
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        if (!paymentId) return { ...base, kind: 'other', paymentId: null };
        if (object.payment_status !== 'paid') return { ...base, kind: 'payment', paymentId, outcome: 'pending', amount: null, currency: null, providerTxn: null };
        return {
          ...base,
          kind: 'payment',
          paymentId,
          outcome: 'paid',
          amount: Number(object.amount_total),
          currency: String(object.currency ?? ''),
          providerTxn: typeof object.payment_intent === 'string' ? object.payment_intent : null,
        };
      case 'checkout.session.expired':
        if (!paymentId) return { ...base, kind: 'other', paymentId: null };
        return { ...base, kind: 'payment', paymentId, outcome: 'closed', amount: null, currency: null, providerTxn: null };
      case 'refund.updated':
      case 'refund.failed': {
        const refundId = object.metadata?.refund_id;
        if (!refundId || (object.status !== 'succeeded' && object.status !== 'failed' && object.status !== 'canceled')) return { ...base, kind: 'other', paymentId };
        return { ...base, kind: 'refund', paymentId, refundId, outcome: object.status === 'succeeded' ? 'succeeded' : 'failed' };
      }
      default:
        return { ...base, kind: 'other', paymentId };
    }
  }

  acknowledge(accepted: boolean, message?: string): Acknowledgement {
    return { status: accepted ? 200 : 400, contentType: 'application/json', body: JSON.stringify(accepted ? { received: true } : { received: false, error: message ?? 'refused' }) };
  }
}
