// The one HTTP client for every URL a user can influence (link previews, their images,
// anything later). Rules, all enforced here:
// - http and https on ports 80 and 443 only; no user:password in the URL;
// - the address check runs inside the resolver the connection uses (`lookup`): every A
//   and AAAA answer is checked and a checked address is the one connected to, so DNS
//   rebinding has no gap; IP literals are checked before (Node does not resolve them);
// - every redirect is checked again, at most 3; one 5 s deadline for the whole fetch;
// - at most 1 MB read, counted on the wire and again after decompression;
// - only the content types the caller accepts; no cookies or credentials sent or kept;
// - LOTUS_PREVIEW_ALLOW "host:port" pairs lift the address and port checks for exactly
//   the URL given, never for where a redirect or a page leads.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { checkTarget, OutboundRefused, refusedAddressReason } from './outbound.address.ts';

export { OutboundRefused } from './outbound.address.ts';

export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface OutboundOptions {
  /** "host:port" pairs whose address and port checks are lifted (tests' local fixtures). */
  allow?: string[];
  resolve?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export interface OutboundResponse {
  /** The URL finally fetched, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

export interface FetchRequest {
  /** Content types accepted (compared without parameters), e.g. ['text/html']. */
  accept: string[];
  /** Whether LOTUS_PREVIEW_ALLOW may apply (false for URLs found in a fetched page). */
  allowLift?: boolean;
}

const defaultResolve: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export class OutboundClient {
  private readonly allow: ReadonlySet<string>;
  private readonly resolve: Resolver;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  private readonly userAgent: string;

  constructor(options: OutboundOptions = {}) {
    this.allow = new Set((options.allow ?? []).map((pair) => pair.trim().toLowerCase()).filter(Boolean));
    this.resolve = options.resolve ?? defaultResolve;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxRedirects = options.maxRedirects ?? 3;
    this.userAgent = options.userAgent ?? 'LotusHealthPreview/1';
  }

  async fetch(input: string, request: FetchRequest): Promise<OutboundResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new OutboundRefused('timeout', 'The site took too long to answer.')), this.timeoutMs);
    try {
      let current = input;
      let allowLift = request.allowLift ?? true;
      for (let hop = 0; ; hop++) {
        const target = checkTarget(current, this.allow, allowLift);
        const response = await this.once(target.url, target.lifted, request.accept, controller.signal);
        if ('redirect' in response) {
          if (hop >= this.maxRedirects) throw new OutboundRefused('too_many_redirects', 'The site redirected too many times.');
          current = new URL(response.redirect, target.url).href;
          allowLift = false;
          continue;
        }
        return response;
      }
    } catch (error) {
      if (error instanceof OutboundRefused && error.reason !== 'fetch_failed') throw error;
      if (controller.signal.aborted) throw new OutboundRefused('timeout', 'The site took too long to answer.');
      throw new OutboundRefused('fetch_failed', 'The site could not be reached.');
    } finally {
      clearTimeout(timer);
    }
  }

  /** One request with a body (web push): the same address and port checks, no redirect
   * followed, and whatever status comes back is returned (the caller decides: a push
   * service answers 404 or 410 for a subscription that is gone). */
  async send(input: string, request: { method: 'POST' | 'PUT'; headers: Record<string, string>; body: Buffer | string }): Promise<{ status: number; body: Buffer }> {
    const target = checkTarget(input, this.allow, true);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new OutboundRefused('timeout', 'The service took too long to answer.')), this.timeoutMs);
    try {
      return await new Promise((resolve, reject) => {
        const module = target.url.protocol === 'https:' ? https : http;
        const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
        const req = module.request(target.url, {
          method: request.method,
          agent: false,
          lookup: this.lookupFor(target.lifted),
          signal: controller.signal,
          headers: { ...request.headers, 'content-length': String(body.length), 'user-agent': this.userAgent },
        });
        req.on('error', reject);
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let total = 0;
          res.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total <= 64 * 1024) chunks.push(chunk);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.end(body);
      });
    } catch (error) {
      if (error instanceof OutboundRefused) throw error;
      if (controller.signal.aborted) throw new OutboundRefused('timeout', 'The service took too long to answer.');
      throw new OutboundRefused('fetch_failed', 'The service could not be reached.');
    } finally {
      clearTimeout(timer);
    }
  }

  private lookupFor(lifted: boolean): LookupFunction {
    return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      this.resolve(hostname).then(
        (answers) => {
          if (answers.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
          if (!lifted) {
            for (const answer of answers) {
              const reason = refusedAddressReason(answer.address);
              if (reason) return callback(new OutboundRefused(reason, 'This address points to a private or reserved network.'));
            }
          }
          if (options?.all) return callback(null, answers);
          return callback(null, answers[0]!.address, answers[0]!.family);
        },
        (error: unknown) => callback(error),
      );
    }) as unknown as LookupFunction;
  }

  private once(url: URL, lifted: boolean, accept: string[], signal: AbortSignal): Promise<OutboundResponse | { redirect: string }> {
    return new Promise((resolve, reject) => {
      const module = url.protocol === 'https:' ? https : http;
      const req = module.request(url, {
        method: 'GET',
        agent: false,
        lookup: this.lookupFor(lifted),
        signal,
        headers: {
          accept: `${accept.join(', ')};q=1, */*;q=0.1`,
          'accept-encoding': 'gzip, deflate, br',
          'user-agent': this.userAgent,
        },
      });
      let reading = false;
      // Once the body is being read, its reader reports the failure (with its reason).
      req.on('error', (error) => {
        if (!reading) reject(error);
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status)) {
          const location = res.headers.location;
          res.destroy();
          if (!location) return reject(new OutboundRefused('bad_redirect', 'The site redirected nowhere.'));
          return resolve({ redirect: location });
        }
        if (status < 200 || status >= 300) {
          res.destroy();
          return reject(new OutboundRefused('http_status', `The site answered ${status}.`));
        }
        const contentType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!accept.includes(contentType)) {
          res.destroy();
          return reject(new OutboundRefused('content_type', `The site answered with ${contentType || 'an unknown type'}, not ${accept.join(' or ')}.`));
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > this.maxBytes) {
          res.destroy();
          return reject(new OutboundRefused('too_large', 'The page is larger than 1 MB.'));
        }
        reading = true;
        this.readBody(res, String(res.headers['content-encoding'] ?? 'identity').toLowerCase()).then(
          (body) => resolve({ url: url.href, status, contentType, body }),
          (error) => {
            req.destroy();
            reject(error);
          },
        );
      });
      req.end();
    });
  }

  private async readBody(res: http.IncomingMessage, encoding: string): Promise<Buffer> {
    const max = this.maxBytes;
    let wire = 0;
    let refusal: OutboundRefused | null = null;
    const counted = new Readable({ read() {} });
    res.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > max) {
        refusal ??= new OutboundRefused('too_large', 'The page is larger than 1 MB.');
        res.destroy();
        counted.destroy(refusal);
        return;
      }
      counted.push(chunk);
    });
    res.on('end', () => counted.push(null));
    res.on('error', (error) => counted.destroy(error));
    res.on('aborted', () => counted.destroy(new Error('connection closed')));

    let stream: Readable = counted;
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = counted.pipe(zlib.createGunzip());
    else if (encoding === 'deflate') stream = counted.pipe(zlib.createInflate());
    else if (encoding === 'br') stream = counted.pipe(zlib.createBrotliDecompress());
    else if (encoding !== 'identity' && encoding !== '') throw new OutboundRefused('content_encoding', 'The site used an unknown compression.');
    if (stream !== counted) counted.on('error', (error) => stream.destroy(error));

    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        // Counted after decompression too: a small compressed bomb stops here.
        if (total > max) throw (refusal ??= new OutboundRefused('too_large', 'The page is larger than 1 MB once decompressed.'));
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      res.destroy();
      stream.destroy();
      // The first reason wins; anything else (an abort at the deadline, a reset) is
      // turned into a reason by fetch().
      throw refusal ?? error;
    }
    return Buffer.concat(chunks);
  }
}
