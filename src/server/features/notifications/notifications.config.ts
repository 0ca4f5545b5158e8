// Settings of the outside channels, from the environment (README's configuration table).
import { createECDH } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../../config.ts';
import type { VapidKeys } from './notifications.push.ts';
import { smsProviderFrom, type SmsProvider } from './notifications.sms-providers.ts';

export interface NotificationsConfig {
  smtpUrl: string | null;
  mailFrom: string;
  vapid: VapidKeys;
  pushAllow: string[];
  sms: SmsProvider | null;
  /** How often the sender looks at the outbox. */
  intervalMs: number;
  /** New messages of one conversation fold into one notification per this many minutes. */
  messageFoldMinutes: number;
  smsPerNumberPerHour: number;
  /** How long a sender holds a delivery it is sending; a crashed sender's deliveries are resent after it. */
  leaseSeconds: number;
  /** A question no doctor has taken after this many minutes reminds the department's online doctors. */
  doctorReminderMinutes: number;
}

function pairs(env: Config['raw'], name: string, nodeEnv: Config['env']): string[] {
  const list = (env[name] ?? '').split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (list.length > 0 && nodeEnv === 'production') throw new ConfigError(name, 'is for tests only and is refused when NODE_ENV=production');
  for (const pair of list) if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/.test(pair)) throw new ConfigError(name, `must be comma-separated host:port pairs, got "${pair}"`);
  return list;
}

function int(env: Config['raw'], name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new ConfigError(name, `must be a whole number between ${min} and ${max}, got "${value}"`);
  return Number(value);
}

/** VAPID keys: from the environment, else generated once into the data directory (like the secret). */
function vapidKeys(config: Config, mailFrom: string): VapidKeys {
  const env = config.raw;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const subject = env.LOTUS_VAPID_SUBJECT?.trim() || `mailto:${address}`;
  if (!/^(mailto:|https:)/.test(subject)) throw new ConfigError('LOTUS_VAPID_SUBJECT', 'must be a mailto: or https: URL');
  const givenPublic = env.LOTUS_VAPID_PUBLIC_KEY?.trim();
  const givenPrivate = env.LOTUS_VAPID_PRIVATE_KEY?.trim();
  if (Boolean(givenPublic) !== Boolean(givenPrivate)) throw new ConfigError(givenPublic ? 'LOTUS_VAPID_PRIVATE_KEY' : 'LOTUS_VAPID_PUBLIC_KEY', 'LOTUS_VAPID_PUBLIC_KEY and LOTUS_VAPID_PRIVATE_KEY go together');
  if (givenPublic && givenPrivate) return { publicKey: givenPublic, privateKey: givenPrivate, subject };
  if (config.env === 'production') throw new ConfigError('LOTUS_VAPID_PUBLIC_KEY', 'and LOTUS_VAPID_PRIVATE_KEY are required when NODE_ENV=production (generate them with `npx web-push generate-vapid-keys`)');
  const file = path.join(config.dataDir, 'vapid.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
    return { ...stored, subject };
  }
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const keys = { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: ecdh.getPrivateKey().toString('base64url') };
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(keys) + '\n', { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process wrote it first: use theirs, so every process signs with one key.
    return { ...(JSON.parse(readFileSync(file, 'utf8')) as typeof keys), subject };
  }
  return { ...keys, subject };
}

export function notificationsConfig(config: Config): NotificationsConfig {
  const env = config.raw;
  const smtpUrl = env.LOTUS_SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('LOTUS_SMTP_URL', `must start with smtp:// or smtps://, got "${smtpUrl.replace(/\/\/[^@]*@/, '//***@')}"`);
  const mailFrom = env.LOTUS_MAIL_FROM?.trim() || `Lotus Health <notifications@${new URL(config.publicUrl).hostname}>`;
  const need = (name: string) => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(name, `is required when LOTUS_SMS_PROVIDER=${env.LOTUS_SMS_PROVIDER}`);
    return value;
  };
  const kind = env.LOTUS_SMS_PROVIDER?.trim();
  if (kind && kind !== 'twilio' && kind !== 'aliyun') throw new ConfigError('LOTUS_SMS_PROVIDER', `must be twilio or aliyun, got "${kind}"`);
  return {
    smtpUrl,
    mailFrom,
    vapid: vapidKeys(config, mailFrom),
    pushAllow: pairs(env, 'LOTUS_PUSH_ALLOW', config.env),
    sms: smsProviderFrom(env, need),
    intervalMs: int(env, 'LOTUS_NOTIFY_INTERVAL_MS', 1000, 50, 600_000),
    messageFoldMinutes: int(env, 'LOTUS_NOTIFY_MESSAGE_FOLD_MINUTES', 5, 0, 1440),
    smsPerNumberPerHour: int(env, 'LOTUS_SMS_PER_NUMBER_PER_HOUR', 5, 1, 10_000),
    leaseSeconds: int(env, 'LOTUS_NOTIFY_LEASE_SECONDS', 60, 1, 3600),
    doctorReminderMinutes: int(env, 'LOTUS_DOCTOR_REMINDER_MINUTES', 3, 1, 1440),
  };
}
