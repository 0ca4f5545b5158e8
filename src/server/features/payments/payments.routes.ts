import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import {
  AdminEventsQuery,
  AdminPaymentsQuery,
  AdminRefundSchema,
  AdminRefundsQuery,
  CreatePaymentBody,
  EventSchema,
  IdempotencyHeaders,
  LedgerResult,
  PaymentParams,
  PaymentSchema,
  ProvidersResult,
  ReconcileResult,
  RefundBody,
  RefundSchema,
} from '../../../shared/contracts/payments.ts';
import type { PaymentsService } from './payments.service.ts';
import { paymentWebhooks } from './payments.webhooks.ts';

export interface PaymentsRoutesOptions {
  payments: PaymentsService;
}

export const paymentsRoutes: FastifyPluginAsyncTypebox<PaymentsRoutesOptions> = async (app, { payments }) => {
  await app.register(paymentWebhooks, { payments });

  app.get(
    '/api/payments/providers',
    { schema: { tags: ['payments'], summary: 'The ways to pay offered at checkout on this server', response: { 200: ProvidersResult } } },
    async () => ({ providers: payments.availableProviders(), sandbox: payments.sandboxEnabled }),
  );

  app.post(
    '/api/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'Pay for a consultation with a provider',
        description: 'Answers what the payer does next in `action`: a QR code to scan or a page to go to. Send an Idempotency-Key so a retry returns the same payment.',
        body: CreatePaymentBody,
        headers: IdempotencyHeaders,
        response: { 201: PaymentSchema, ...errors(401, 404, 409, 422, 502) },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const payment = await payments.create(
        actor,
        { kind: 'consultation', referenceId: request.body.consultationId, provider: request.body.provider },
        request.headers['idempotency-key'] ?? null,
      );
      return reply.status(201).send(payment);
    },
  );

  app.get(
    '/api/payments/:id',
    { schema: { tags: ['payments'], summary: 'A payment (its payer or an admin)', params: PaymentParams, response: { 200: PaymentSchema, ...errors(401, 404) } } },
    async (request) => payments.get(requireActor(request), request.params.id),
  );

  app.post(
    '/api/sandbox/payments/:id/complete',
    {
      schema: {
        tags: ['payments'],
        summary: 'Complete a sandbox payment (no money moves; repeating it changes nothing)',
        params: PaymentParams,
        response: { 200: PaymentSchema, ...errors(401, 404) },
      },
    },
    async (request) => payments.completeSandbox(requireActor(request), request.params.id),
  );

  // Admin console

  app.get(
    '/api/admin/payments',
    { schema: { tags: ['payments'], summary: 'Payments, newest first', querystring: AdminPaymentsQuery, response: { 200: Type.Array(PaymentSchema), ...errors(401, 403) } } },
    async (request) => {
      requireRole(request, 'admin');
      return payments.listPayments(request.query);
    },
  );

  app.post(
    '/api/admin/payments/:id/refunds',
    {
      schema: {
        tags: ['payments'],
        summary: 'Refund all or part of a payment, through the provider that took it',
        params: PaymentParams,
        body: RefundBody,
        headers: IdempotencyHeaders,
        response: { 201: RefundSchema, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, 'admin');
      const refund = await payments.refundByAdmin(actor, request.params.id, request.body, request.headers['idempotency-key'] ?? null);
      return reply.status(201).send(refund);
    },
  );

  app.get(
    '/api/admin/refunds',
    { schema: { tags: ['payments'], summary: 'Refunds, newest first', querystring: AdminRefundsQuery, response: { 200: Type.Array(AdminRefundSchema), ...errors(401, 403) } } },
    async (request) => {
      requireRole(request, 'admin');
      return payments.listRefunds(request.query);
    },
  );

  app.get(
    '/api/admin/payment-events',
    {
      schema: {
        tags: ['payments'],
        summary: 'Provider events: applied, ignored (no change) and refused (kept for review)',
        querystring: AdminEventsQuery,
        response: { 200: Type.Array(EventSchema), ...errors(401, 403) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return payments.listEvents(request.query);
    },
  );

  app.get(
    '/api/admin/payment-events/:id/payload',
    {
      schema: {
        tags: ['payments'],
        summary: 'The body of a provider event as received',
        params: PaymentParams,
        response: { 200: Type.Object({ payload: Type.Union([Type.String(), Type.Null()]) }), ...errors(401, 403) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return { payload: await payments.eventPayload(request.params.id) };
    },
  );

  app.get(
    '/api/admin/ledger',
    { schema: { tags: ['payments'], summary: 'Ledger balances by account; the total is always 0', response: { 200: LedgerResult, ...errors(401, 403) } } },
    async (request) => {
      requireRole(request, 'admin');
      return payments.ledgerSummary();
    },
  );

  app.post(
    '/api/admin/payments/reconcile',
    { schema: { tags: ['payments'], summary: 'Ask providers about payments pending too long and settle them now', response: { 200: ReconcileResult, ...errors(401, 403) } } },
    async (request) => {
      requireRole(request, 'admin');
      return payments.reconcile();
    },
  );
};
