// Builds the providers this server is configured for. A provider without configuration is
// simply not offered; the sandbox is added by the service when it is allowed.
import type { PaymentsConfig } from './payments.config.ts';
import type { PaymentProvider } from './payments.provider.ts';
import { AlipayProvider } from './payments.provider-alipay.ts';
import { CardProvider } from './payments.provider-card.ts';
import { WechatpayProvider } from './payments.provider-wechatpay.ts';

export function buildProviders(config: PaymentsConfig): PaymentProvider[] {
  const providers: PaymentProvider[] = [];
  if (config.alipay) providers.push(new AlipayProvider(config.alipay));
  if (config.wechatpay) providers.push(new WechatpayProvider(config.wechatpay));
  if (config.card) providers.push(new CardProvider(config.card));
  return providers;
}
