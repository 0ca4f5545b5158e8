// Provider webhooks. Signatures are computed over the body exactly as sent, so inside this
// plugin (and only here) bodies are kept as raw text: JSON for WeChat Pay and Stripe, form
// encoding for Alipay. Providers post from their own servers, so the cross-site write check
// does not apply; each answer is the one its provider expects.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ProviderName } from './payments.provider.ts';
import type { PaymentsService } from './payments.service.ts';

const RawBody = Type.String({ description: 'The notification exactly as the provider sends it.' });
const Answer = Type.String({ description: "The provider's expected acknowledgement." });

export const paymentWebhooks: FastifyPluginAsyncTypebox<{ payments: PaymentsService }> = async (app, { payments }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded', 'text/plain'], { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => {
    done(null, body);
  });

  const receive = (provider: ProviderName) => async (request: FastifyRequest, reply: FastifyReply) => {
    const ack = await payments.receiveNotification(provider, { headers: request.headers, rawBody: typeof request.body === 'string' ? request.body : '' });
    // A Buffer is sent as it is: the answer is already in the provider's format.
    return reply.status(ack.status).type(ack.contentType).send(Buffer.from(ack.body));
  };

  const route = (provider: ProviderName, summary: string) =>
    app.post(
      `/api/payments/webhooks/${provider}`,
      {
        schema: {
          tags: ['payments'],
          summary,
          body: RawBody,
          response: { 200: Answer, 204: Type.Null(), 400: Answer, 401: Answer, 404: Answer, 500: Answer },
        },
        config: { allowCrossSite: true },
      },
      receive(provider),
    );

  route('alipay', 'Alipay asynchronous notification (form encoded); answers success or fail');
  route('wechatpay', 'WeChat Pay API v3 callback (JSON, signed, resource encrypted with AES-256-GCM)');
  route('card', 'Stripe webhook events (signed with Stripe-Signature)');
};
