// The sandbox provider: no money moves. The payer completes the payment on a page of ours
// that says plainly it is a sandbox (/pay/sandbox/:id). Offline and in the demo only: the
// configuration refuses it when NODE_ENV=production.
import type {
  Acknowledgement,
  CheckoutStart,
  CheckoutUrls,
  PaymentProvider,
  ProviderPayment,
  ProviderStatus,
  RefundRequest,
  RefundResult,
  VerifiedNotification,
} from './payments.provider.ts';
import { NotificationRefused } from './payments.provider.ts';

export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;

  async start(payment: ProviderPayment, _urls: CheckoutUrls): Promise<CheckoutStart> {
    return { action: { type: 'redirect', url: `/pay/sandbox/${encodeURIComponent(payment.id)}` }, providerRef: `sandbox-${payment.id}` };
  }

  /** Nothing happens in the sandbox unless someone presses its button. */
  async query(_payment: ProviderPayment): Promise<ProviderStatus> {
    return { status: 'pending' };
  }

  async refund(payment: ProviderPayment, refund: RefundRequest): Promise<RefundResult> {
    return { status: 'succeeded', providerRef: `sandbox-refund-${refund.id}` };
  }

  async close(_payment: ProviderPayment): Promise<void> {}

  /** The sandbox has no notifications of its own: completion comes through our own API. */
  async verifyNotification(): Promise<VerifiedNotification> {
    throw new NotificationRefused('not_supported', 'The sandbox sends no notifications.', { record: false });
  }

  /** The event our own "complete" button stands for. */
  completion(payment: ProviderPayment): VerifiedNotification {
    return {
      kind: 'payment',
      eventId: `complete:${payment.id}`,
      type: 'sandbox.completed',
      paymentId: payment.id,
      outcome: 'paid',
      amount: payment.amount,
      currency: payment.currency,
      providerTxn: `sandbox-${payment.id}`,
      payload: { sandbox: true },
    };
  }

  acknowledge(accepted: boolean, message?: string): Acknowledgement {
    return { status: accepted ? 200 : 400, contentType: 'application/json', body: JSON.stringify({ accepted, message: message ?? null }) };
  }
}
