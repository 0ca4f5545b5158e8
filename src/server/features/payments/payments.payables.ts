// What can be paid for. A feature (consultations) registers a payable kind: how to describe
// an order for an actor, and what to do when it is paid, refunded or expires. Payments knows
// no consultation table; every callback runs inside the transaction that changes the
// payment's state, so the payment and its effect commit together or not at all.
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/http/errors.ts';

export interface PayableOrder {
  payerId: string;
  /** Integer minor units (fen, cents). */
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  description: string;
}

export interface PaymentSnapshot {
  id: string;
  kind: string;
  referenceId: string;
  payerId: string;
  provider: string;
  amount: number;
  currency: string;
  status: string;
  refundedAmount: number;
}

export interface RefundSnapshot {
  id: string;
  amount: number;
  reason: string;
}

export interface Payable {
  kind: string;
  /** The order for this actor, or throw an AppError (404 when the actor may not see it). */
  describe(referenceId: string, actor: Actor): Promise<PayableOrder>;
  /**
   * The money arrived. Return `{refund: reason}` when the thing can no longer be delivered
   * (it was cancelled meanwhile): the payment is then refunded in full.
   */
  onPaid(referenceId: string, payment: PaymentSnapshot): Promise<void | { refund: string }>;
  onRefunded?(referenceId: string, payment: PaymentSnapshot, refund: RefundSnapshot): Promise<void>;
  onExpired?(referenceId: string, payment: PaymentSnapshot): Promise<void>;
}

/** Which words name a kind in errors ("consultation not found"). */
const label = (kind: string) => kind.replace(/_/g, ' ');

export class Payables {
  private readonly kinds = new Map<string, Payable>();

  /** `replace` lets a test put its own implementation in place of a feature's. */
  register(payable: Payable, options: { replace?: boolean } = {}): void {
    if (this.kinds.has(payable.kind) && !options.replace) throw new Error(`payable kind ${payable.kind} is already registered`);
    this.kinds.set(payable.kind, payable);
  }

  has(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /** The payable kind; until a feature registers it, whatever it names was not found. */
  get(kind: string): Payable {
    const payable = this.kinds.get(kind);
    if (!payable) {
      const what = label(kind);
      throw notFound(what.charAt(0).toUpperCase() + what.slice(1), `${kind}_not_found`);
    }
    return payable;
  }

  /** The kind for callbacks after the fact: a kind that disappeared gets no callback. */
  find(kind: string): Payable | null {
    return this.kinds.get(kind) ?? null;
  }
}
