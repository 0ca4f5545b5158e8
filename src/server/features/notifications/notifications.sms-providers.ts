// SMS providers behind one interface: Twilio's Messages API and Alibaba Cloud SMS
// (Dysmsapi SendSms, RPC signature v1). Base URLs come from configuration so tests point
// them at the fakes in test/fixtures/sms.
import { createHmac, randomUUID } from 'node:crypto';

export interface SmsMessage {
  to: string;
  text: string;
  /** Alibaba Cloud sends approved templates only; a caller may name its own (verification codes). */
  template?: { code: string; params: Record<string, string> };
}

export interface SmsProvider {
  readonly name: string;
  /** Returns the provider's id for the message; throws with the provider's reason. */
  send(message: SmsMessage): Promise<string>;
}

export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from: string;
  baseUrl: string;
}

/** POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic auth, form body (To, From, Body). */
export class TwilioSms implements SmsProvider {
  readonly name = 'twilio';
  constructor(private readonly config: TwilioConfig) {}

  async send(message: SmsMessage): Promise<string> {
    const url = `${this.config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.config.accountSid)}/Messages.json`;
    const body = new URLSearchParams({ To: message.to, From: this.config.from, Body: message.text });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${this.config.accountSid}:${this.config.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new SmsProviderError(`Twilio could not be reached: ${(error as Error).message}`, true);
    });
    const data = (await response.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
    if (response.status === 201 || response.status === 200) {
      if (!data.sid) throw new SmsProviderError('Twilio answered without a message sid', true);
      return data.sid;
    }
    throw new SmsProviderError(`Twilio refused the message (${response.status}${data.code ? `, code ${data.code}` : ''}): ${data.message ?? 'no reason given'}`, response.status === 429 || response.status >= 500);
  }
}

export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** The template's variable that receives the text. */
  templateParam: string;
  baseUrl: string;
  regionId: string;
}

/** Alibaba Cloud's percent-encoding for signatures: RFC 3986 unreserved characters only. */
export function aliyunEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signature version 1.0 (HMAC-SHA1) of an RPC request, as documented for Dysmsapi. */
export function aliyunSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${aliyunEncode(key)}=${aliyunEncode(params[key]!)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

export class AliyunSms implements SmsProvider {
  readonly name = 'aliyun';
  constructor(
    private readonly config: AliyunConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: SmsMessage): Promise<string> {
    const template = message.template ?? { code: this.config.templateCode, params: { [this.config.templateParam]: message.text } };
    const params: Record<string, string> = {
      AccessKeyId: this.config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.to.replace(/^\+86/, ''),
      RegionId: this.config.regionId,
      SignName: this.config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: template.code,
      TemplateParam: JSON.stringify(template.params),
      Timestamp: this.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    params.Signature = aliyunSignature('POST', params, this.config.accessKeySecret);
    const response = await fetch(`${this.config.baseUrl.replace(/\/+$/, '')}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new SmsProviderError(`Alibaba Cloud SMS could not be reached: ${(error as Error).message}`, true);
    });
    const data = (await response.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
    if (response.ok && data.Code === 'OK') return data.BizId ?? '';
    const throttled = data.Code === 'isv.BUSINESS_LIMIT_CONTROL' || data.Code === 'Throttling.User';
    throw new SmsProviderError(`Alibaba Cloud SMS refused the message (${data.Code ?? response.status}): ${data.Message ?? 'no reason given'}`, throttled || response.status >= 500);
  }
}

/** From the environment: LOTUS_SMS_PROVIDER=twilio | aliyun; null when unset (development outbox). */
export function smsProviderFrom(env: Record<string, string | undefined>, need: (name: string) => string): SmsProvider | null {
  const kind = env.LOTUS_SMS_PROVIDER?.trim();
  if (!kind) return null;
  if (kind === 'twilio') {
    return new TwilioSms({ accountSid: need('LOTUS_TWILIO_ACCOUNT_SID'), authToken: need('LOTUS_TWILIO_AUTH_TOKEN'), from: need('LOTUS_TWILIO_FROM'), baseUrl: env.LOTUS_TWILIO_URL?.trim() || 'https://api.twilio.com' });
  }
  if (kind === 'aliyun') {
    return new AliyunSms({
      accessKeyId: need('LOTUS_ALIYUN_ACCESS_KEY_ID'),
      accessKeySecret: need('LOTUS_ALIYUN_ACCESS_KEY_SECRET'),
      signName: need('LOTUS_ALIYUN_SMS_SIGN_NAME'),
      templateCode: need('LOTUS_ALIYUN_SMS_TEMPLATE_CODE'),
      templateParam: env.LOTUS_ALIYUN_SMS_TEMPLATE_PARAM?.trim() || 'content',
      baseUrl: env.LOTUS_ALIYUN_SMS_URL?.trim() || 'https://dysmsapi.aliyuncs.com',
      regionId: env.LOTUS_ALIYUN_REGION?.trim() || 'cn-hangzhou',
    });
  }
  throw new Error(`unknown SMS provider ${kind}`);
}
