// The payments API: a payment and its refunds as the payer and the admin console see them,
// what a client sends to pay or refund, the provider events and the ledger. Routes validate
// with these schemas; the service returns and the web reads their Static types.
import { Type, type Static } from 'typebox';

export const ProviderSchema = Type.Union([Type.Literal('alipay'), Type.Literal('wechatpay'), Type.Literal('card'), Type.Literal('sandbox')]);

export const PaymentStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('paid'),
  Type.Literal('partially_refunded'),
  Type.Literal('refunded'),
  Type.Literal('failed'),
  Type.Literal('expired'),
]);

export const RefundSchema = Type.Object(
  {
    id: Type.String(),
    paymentId: Type.String(),
    amount: Type.Integer({ description: 'Minor units (fen, cents).' }),
    reason: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
    requestedBy: Type.Union([Type.String(), Type.Null()]),
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Refund' },
);

/** A refund in the operators' list, which shows it without its payment: with the payment's currency. */
export const AdminRefundSchema = Type.Intersect([RefundSchema, Type.Object({ currency: Type.String() })]);

export const PaymentSchema = Type.Object(
  {
    id: Type.String({ description: 'Also the merchant order number (out_trade_no) sent to Alipay and WeChat Pay.' }),
    kind: Type.String({ description: 'What is paid for, e.g. consultation.' }),
    referenceId: Type.String(),
    status: PaymentStatusSchema,
    amount: Type.Integer({ description: 'Minor units (fen, cents).' }),
    currency: Type.String(),
    provider: ProviderSchema,
    description: Type.String(),
    refundedAmount: Type.Integer(),
    action: Type.Union([
      Type.Object({
        type: Type.Union([Type.Literal('qr'), Type.Literal('redirect')]),
        url: Type.String({ description: 'The QR code content, or where to send the payer.' }),
        qrImage: Type.Optional(Type.String({ description: 'The QR code as an SVG data URL.' })),
      }),
      Type.Null(),
    ]),
    createdAt: Type.String(),
    expiresAt: Type.String(),
    paidAt: Type.Union([Type.String(), Type.Null()]),
    payerId: Type.Optional(Type.String()),
    failureReason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    refunds: Type.Optional(Type.Array(RefundSchema)),
  },
  { $id: 'Payment' },
);

export const CreatePaymentBody = Type.Object(
  {
    consultationId: Type.String({ minLength: 1, maxLength: 64 }),
    provider: ProviderSchema,
  },
  { additionalProperties: false },
);
export type CreatePaymentInput = Static<typeof CreatePaymentBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Same key and parameters → the first result again; same key, other parameters → 409.' }),
  ),
});

export const PaymentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const RefundBody = Type.Object(
  {
    amount: Type.Optional(Type.Integer({ minimum: 1, description: 'Minor units; the whole remaining amount when left out.' })),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ProvidersResult = Type.Object({
  providers: Type.Array(ProviderSchema),
  sandbox: Type.Boolean({ description: 'True when the sandbox provider is on: no real money moves with it.' }),
});

export const AdminPaymentsQuery = Type.Object({
  status: Type.Optional(PaymentStatusSchema),
  provider: Type.Optional(ProviderSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const AdminRefundsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const EventSchema = Type.Object({
  id: Type.String(),
  provider: Type.String(),
  eventId: Type.String(),
  claimedEventId: Type.Union([Type.String(), Type.Null()]),
  paymentId: Type.Union([Type.String(), Type.Null()]),
  type: Type.String(),
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('ignored'), Type.Literal('refused')]),
  reason: Type.Union([Type.String(), Type.Null()]),
  deliveries: Type.Integer(),
  receivedAt: Type.String(),
  lastReceivedAt: Type.String(),
});

export const AdminEventsQuery = Type.Object({
  outcome: Type.Optional(Type.Union([Type.Literal('applied'), Type.Literal('ignored'), Type.Literal('refused')])),
  provider: Type.Optional(ProviderSchema),
  paymentId: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const LedgerResult = Type.Object({
  accounts: Type.Record(Type.String(), Type.Integer(), { description: 'Balance of every account (debits positive), summed from the entries.' }),
  total: Type.Integer({ description: 'Always 0: every posting balances.' }),
  byCurrency: Type.Record(Type.String(), Type.Object({ accounts: Type.Record(Type.String(), Type.Integer()), total: Type.Integer() })),
  unbalanced: Type.Array(Type.String(), { description: 'Ledger transactions that do not sum to zero (always empty).' }),
});

export const ReconcileResult = Type.Object({
  checked: Type.Integer(),
  paid: Type.Integer(),
  expired: Type.Integer(),
  failed: Type.Integer(),
  refundsRetried: Type.Integer(),
  errors: Type.Integer(),
});

export type ProviderName = Static<typeof ProviderSchema>;
export type PaymentStatus = Static<typeof PaymentStatusSchema>;
export type Payment = Static<typeof PaymentSchema>;
export type Refund = Static<typeof RefundSchema>;
export type AdminRefund = Static<typeof AdminRefundSchema>;
export type ProviderEvent = Static<typeof EventSchema>;
export type Ledger = Static<typeof LedgerResult>;
export type Reconciled = Static<typeof ReconcileResult>;
