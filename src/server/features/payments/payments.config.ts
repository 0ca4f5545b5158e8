// The payment providers' settings, read from the environment (config.raw) and validated at
// start: a provider is offered at checkout only when every one of its variables is set,
// and a half-configured provider stops the server with a line naming what is missing.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { ConfigError, type Config } from '../../config.ts';

export interface AlipayConfig {
  appId: string;
  sellerId: string;
  privateKey: string;
  alipayPublicKey: string;
  gateway: string;
}

export interface WechatpayConfig {
  mchid: string;
  appid: string;
  privateKey: string;
  certSerial: string;
  apiV3Key: string;
  platformPublicKey: string;
  platformKeyId: string;
  baseUrl: string;
}

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  apiBase: string | null;
}

export interface PaymentsConfig {
  alipay: AlipayConfig | null;
  wechatpay: WechatpayConfig | null;
  card: StripeConfig | null;
  sandbox: boolean;
  /** A pending payment not paid within this many minutes expires. */
  expiryMinutes: number;
  /** The reconciliation job asks providers about payments pending longer than this. */
  reconcileAfterMinutes: number;
  /** How often the reconciliation job runs (0: never on its own). */
  reconcileIntervalSeconds: number;
  /** The platform's share of a paid consultation, in percent; the doctor earns the rest. */
  platformFeePercent: number;
}

type Env = Record<string, string | undefined>;

const value = (env: Env, name: string): string | undefined => {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v;
};

/** PEM from an environment variable: literal `\n` sequences (one-line .env files) become newlines. */
function pem(env: Env, name: string): string {
  return value(env, name)!.replace(/\\n/g, '\n').trim();
}

function group<K extends string>(env: Env, names: readonly K[], optional: readonly K[] = []): Record<K, string | undefined> | null {
  const required = names.filter((n) => !optional.includes(n));
  const present = required.filter((n) => value(env, n) !== undefined);
  if (present.length === 0) return null;
  const missing = required.filter((n) => value(env, n) === undefined);
  if (missing.length > 0) throw new ConfigError(missing[0]!, `is required when ${present[0]} is set (set all of ${required.join(', ')} or none)`);
  return Object.fromEntries(names.map((n) => [n, value(env, n)])) as Record<K, string | undefined>;
}

function url(env: Env, name: string, fallback: string): string {
  const raw = value(env, name) ?? fallback;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function checkPrivateKey(name: string, key: string): void {
  try {
    createPrivateKey(key.includes('-----BEGIN') ? key : { key: Buffer.from(key, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    try {
      createPrivateKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'pkcs1' });
    } catch {
      throw new ConfigError(name, 'is not a readable RSA private key (PEM, or base64 PKCS#8/PKCS#1)');
    }
  }
}

function checkPublicKey(name: string, key: string): void {
  try {
    createPublicKey(key.includes('-----BEGIN') ? key : { key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new ConfigError(name, 'is not a readable RSA public key (PEM, or base64 SPKI)');
  }
}

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function loadPaymentsConfig(config: Pick<Config, 'raw' | 'env'>): PaymentsConfig {
  const env = config.raw;

  let alipay: AlipayConfig | null = null;
  const a = group(env, ['LOTUS_ALIPAY_APP_ID', 'LOTUS_ALIPAY_SELLER_ID', 'LOTUS_ALIPAY_PRIVATE_KEY', 'LOTUS_ALIPAY_PUBLIC_KEY', 'LOTUS_ALIPAY_GATEWAY'] as const, ['LOTUS_ALIPAY_GATEWAY']);
  if (a) {
    checkPrivateKey('LOTUS_ALIPAY_PRIVATE_KEY', pem(env, 'LOTUS_ALIPAY_PRIVATE_KEY'));
    checkPublicKey('LOTUS_ALIPAY_PUBLIC_KEY', pem(env, 'LOTUS_ALIPAY_PUBLIC_KEY'));
    alipay = {
      appId: a.LOTUS_ALIPAY_APP_ID!.trim(),
      sellerId: a.LOTUS_ALIPAY_SELLER_ID!.trim(),
      privateKey: pem(env, 'LOTUS_ALIPAY_PRIVATE_KEY'),
      alipayPublicKey: pem(env, 'LOTUS_ALIPAY_PUBLIC_KEY'),
      gateway: url(env, 'LOTUS_ALIPAY_GATEWAY', 'https://openapi.alipay.com/gateway.do'),
    };
  }

  let wechatpay: WechatpayConfig | null = null;
  const w = group(
    env,
    [
      'LOTUS_WECHATPAY_MCHID',
      'LOTUS_WECHATPAY_APPID',
      'LOTUS_WECHATPAY_PRIVATE_KEY',
      'LOTUS_WECHATPAY_CERT_SERIAL',
      'LOTUS_WECHATPAY_APIV3_KEY',
      'LOTUS_WECHATPAY_PLATFORM_PUBLIC_KEY',
      'LOTUS_WECHATPAY_PLATFORM_KEY_ID',
      'LOTUS_WECHATPAY_BASE_URL',
    ] as const,
    ['LOTUS_WECHATPAY_BASE_URL'],
  );
  if (w) {
    checkPrivateKey('LOTUS_WECHATPAY_PRIVATE_KEY', pem(env, 'LOTUS_WECHATPAY_PRIVATE_KEY'));
    checkPublicKey('LOTUS_WECHATPAY_PLATFORM_PUBLIC_KEY', pem(env, 'LOTUS_WECHATPAY_PLATFORM_PUBLIC_KEY'));
    if (Buffer.byteLength(w.LOTUS_WECHATPAY_APIV3_KEY!, 'utf8') !== 32) {
      throw new ConfigError('LOTUS_WECHATPAY_APIV3_KEY', 'must be the 32-character APIv3 key');
    }
    wechatpay = {
      mchid: w.LOTUS_WECHATPAY_MCHID!.trim(),
      appid: w.LOTUS_WECHATPAY_APPID!.trim(),
      privateKey: pem(env, 'LOTUS_WECHATPAY_PRIVATE_KEY'),
      certSerial: w.LOTUS_WECHATPAY_CERT_SERIAL!.trim(),
      apiV3Key: w.LOTUS_WECHATPAY_APIV3_KEY!,
      platformPublicKey: pem(env, 'LOTUS_WECHATPAY_PLATFORM_PUBLIC_KEY'),
      platformKeyId: w.LOTUS_WECHATPAY_PLATFORM_KEY_ID!.trim(),
      baseUrl: url(env, 'LOTUS_WECHATPAY_BASE_URL', 'https://api.mch.weixin.qq.com'),
    };
  }

  let card: StripeConfig | null = null;
  const s = group(env, ['LOTUS_STRIPE_SECRET_KEY', 'LOTUS_STRIPE_WEBHOOK_SECRET', 'LOTUS_STRIPE_API_BASE'] as const, ['LOTUS_STRIPE_API_BASE']);
  if (s) {
    if (!s.LOTUS_STRIPE_WEBHOOK_SECRET!.startsWith('whsec_')) throw new ConfigError('LOTUS_STRIPE_WEBHOOK_SECRET', 'must start with whsec_');
    card = {
      secretKey: s.LOTUS_STRIPE_SECRET_KEY!.trim(),
      webhookSecret: s.LOTUS_STRIPE_WEBHOOK_SECRET!.trim(),
      apiBase: s.LOTUS_STRIPE_API_BASE ? url(env, 'LOTUS_STRIPE_API_BASE', '') : null,
    };
  }

  const sandboxRaw = value(env, 'LOTUS_PAYMENTS_SANDBOX')?.trim().toLowerCase();
  let sandbox = config.env !== 'production';
  if (sandboxRaw !== undefined) {
    if (['1', 'true', 'yes', 'on'].includes(sandboxRaw)) sandbox = true;
    else if (['0', 'false', 'no', 'off'].includes(sandboxRaw)) sandbox = false;
    else throw new ConfigError('LOTUS_PAYMENTS_SANDBOX', `must be true or false, got "${env.LOTUS_PAYMENTS_SANDBOX}"`);
  }
  if (sandbox && config.env === 'production') {
    throw new ConfigError('LOTUS_PAYMENTS_SANDBOX', 'the sandbox payment provider can never be enabled when NODE_ENV=production');
  }

  return {
    alipay,
    wechatpay,
    card,
    sandbox,
    expiryMinutes: intSetting(env, 'LOTUS_PAYMENT_EXPIRY_MINUTES', 30, 1, 7 * 24 * 60),
    reconcileAfterMinutes: intSetting(env, 'LOTUS_PAYMENT_RECONCILE_AFTER_MINUTES', 5, 1, 24 * 60),
    reconcileIntervalSeconds: intSetting(env, 'LOTUS_PAYMENT_RECONCILE_INTERVAL_SECONDS', config.env === 'test' ? 0 : 60, 0, 86400),
    platformFeePercent: intSetting(env, 'LOTUS_PLATFORM_FEE_PERCENT', 20, 0, 100),
  };
}
