// Links: detection and policy for messages, policy versions, and previews fetched by the
// server (never by the recipient's browser) through the SSRF-safe outbound client.
// Own pages (under LOTUS_PUBLIC_URL) are previewed by asking this very app for the page,
// so they show the Open Graph tags every feature writes through platform.web.
import sharp from 'sharp';
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { OutboundRefused, type OutboundClient } from '../../platform/outbound/outbound.client.ts';
import { detectLinks } from './links.detect.ts';
import { cleanDomains, decideLinks, isOwnUrl, POLICY_KINDS, refusalMessage, type PolicyKind, type PolicyRules } from './links.policy.ts';
import { readCard } from './links.preview.ts';
import { LinksStore, type PolicyVersion, type RefusalRow } from './links.store.ts';

export interface LinkPreview {
  url: string;
  title: string | null;
  description: string | null;
  image: string | null;
  siteName: string | null;
}

export interface MessageLink {
  url: string;
  external: boolean;
  preview?: LinkPreview;
}

/** Fetches one of our own pages as HTML (wired to app.inject in app.ts). */
export type OwnPageFetcher = (path: string) => Promise<{ status: number; html: string }>;

export interface LinksDeps {
  db: Database;
  clock: Clock;
  outbound: OutboundClient;
  /** Read at call time: the e2e harness learns its public URL only once listening. */
  publicUrl: () => string;
}

export const MAX_PREVIEWS_PER_MESSAGE = 3;
const OK_TTL_MS = 24 * 3600 * 1000;
const FAILED_TTL_MS = 10 * 60 * 1000;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export const urlRefused = (message: string, reason: string) => new AppError(422, 'url_refused', message, undefined, { reason });

function sniffImage(data: Buffer): string | null {
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length > 12 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  if (data.length > 6 && data.toString('ascii', 0, 3) === 'GIF') return 'image/gif';
  return null;
}

export class LinksService {
  readonly store: LinksStore;
  private ownPage: OwnPageFetcher | null = null;
  private readonly inFlight = new Map<string, Promise<LinkPreview>>();

  constructor(private readonly deps: LinksDeps) {
    this.store = new LinksStore(deps.db);
  }

  setOwnPageFetcher(fetcher: OwnPageFetcher): void {
    this.ownPage = fetcher;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async policy(): Promise<PolicyVersion> {
    const current = await this.store.currentPolicy();
    if (!current) throw new AppError(500, 'link_policy_missing', 'The link policy has not been set up.');
    return current;
  }

  async versions(actor: Actor, limit = 50): Promise<PolicyVersion[]> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only administrators see the link policy history.');
    return this.store.listPolicies(Math.min(limit, 200));
  }

  async refusals(actor: Actor, limit = 50): Promise<RefusalRow[]> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only administrators see refused links.');
    return this.store.listRefusals(Math.min(limit, 200));
  }

  /** Every change is a new version, with who and when. */
  async updatePolicy(actor: Actor, input: { kinds: PolicyRules['kinds']; blocklist: string[]; note?: string }): Promise<PolicyVersion> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only administrators change the link policy.');
    const rules: PolicyRules = {
      kinds: Object.fromEntries(
        POLICY_KINDS.map((kind) => [kind, { mode: input.kinds[kind].mode, domains: cleanDomains(input.kinds[kind].domains ?? []) }]),
      ) as PolicyRules['kinds'],
      blocklist: cleanDomains(input.blocklist),
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.policy();
      try {
        await this.store.insertPolicy(current.version + 1, rules, input.note?.trim() || null, actor.userId, this.now());
        return this.policy();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new AppError(409, 'policy_changed', 'Someone else changed the link policy at the same time. Reload and try again.');
  }

  /** Decides the links of a message about to be posted. Refused: the refusal is stored
   * with the policy version that refused it, and 422 link_not_allowed is thrown. */
  async screen(input: { conversationId: string; kind: PolicyKind; senderId: string; text: string }): Promise<MessageLink[]> {
    const detected = detectLinks(input.text);
    if (detected.length === 0) return [];
    const policy = await this.policy();
    const decisions = decideLinks(detected, input.kind, policy.rules, this.deps.publicUrl());
    const refused = decisions.filter((d) => !d.allowed);
    if (refused.length > 0) {
      await this.store.insertRefusal({
        id: newId('lrf'),
        conversationId: input.conversationId,
        conversationKind: input.kind,
        senderId: input.senderId,
        policyVersion: policy.version,
        urls: refused.map((d) => d.url),
        reason: refused.some((d) => d.reason === 'blocked') ? 'blocked' : (refused[0]!.reason ?? 'not_allowed_here'),
        createdAt: this.now(),
      });
      throw new AppError(422, 'link_not_allowed', refusalMessage(input.kind, decisions), undefined, {
        policyVersion: policy.version,
        urls: refused.map((d) => d.url),
        conversationKind: input.kind,
      });
    }
    return decisions.map((d) => ({ url: d.url, external: d.external }));
  }

  /** Adds previews to the first three links; waits at most `budgetMs`, leaving the rest
   * to `onLate` (which gets every preview once all have finished). */
  async withPreviews(links: MessageLink[], budgetMs: number, onLate?: (links: MessageLink[]) => void): Promise<MessageLink[]> {
    if (links.length === 0) return links;
    const targets = links.slice(0, MAX_PREVIEWS_PER_MESSAGE);
    const all = Promise.all(
      targets.map((link) =>
        this.preview(link.url).then(
          (preview) => preview,
          () => null,
        ),
      ),
    ).then((previews) => links.map((link, i) => (previews[i] ? { ...link, preview: previews[i]! } : link)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), budgetMs);
    });
    const first = await Promise.race([all, timeout]);
    clearTimeout(timer);
    if (first) return first;
    if (onLate) void all.then(onLate, () => undefined);
    return links;
  }

  /** A preview card for a URL, from the cache or fetched now. Throws 422 url_refused. */
  async preview(url: string): Promise<LinkPreview> {
    let normalised: string;
    try {
      normalised = new URL(url.trim()).href;
    } catch {
      throw urlRefused('This is not a web address.', 'not_a_url');
    }
    const running = this.inFlight.get(normalised);
    if (running) return running;
    const task = this.loadPreview(normalised).finally(() => this.inFlight.delete(normalised));
    this.inFlight.set(normalised, task);
    return task;
  }

  private imageUrl(id: string): string {
    return `${this.deps.publicUrl()}/api/link-preview/images/${id}`;
  }

  private async loadPreview(url: string): Promise<LinkPreview> {
    if (isOwnUrl(url, this.deps.publicUrl())) return this.ownPreview(url);
    const now = this.deps.clock.now().getTime();
    const cached = await this.store.findPreview(url);
    if (cached && cached.expiresAt > new Date(now).toISOString()) {
      if (cached.status !== 'ok') throw urlRefused('This address cannot be previewed.', cached.status);
      return {
        url,
        title: cached.title,
        description: cached.description,
        image: cached.imageId ? this.imageUrl(cached.imageId) : null,
        siteName: cached.siteName,
      };
    }
    let card;
    try {
      const page = await this.deps.outbound.fetch(url, { accept: ['text/html', 'application/xhtml+xml'] });
      card = readCard(page.body.toString('utf8'), page.url);
    } catch (error) {
      const reason = error instanceof OutboundRefused ? error.reason : 'failed';
      await this.store.savePreview(
        { url, status: 'refused', title: null, description: null, imageId: null, siteName: null, expiresAt: new Date(now + FAILED_TTL_MS).toISOString() },
        this.now(),
      );
      throw urlRefused(error instanceof OutboundRefused ? error.message : 'This address cannot be previewed.', reason);
    }
    const imageId = card.image ? await this.fetchImage(card.image) : null;
    const siteName = card.siteName ?? new URL(url).hostname;
    await this.store.savePreview(
      { url, status: 'ok', title: card.title, description: card.description, imageId, siteName, expiresAt: new Date(now + OK_TTL_MS).toISOString() },
      this.now(),
    );
    return { url, title: card.title, description: card.description, image: imageId ? this.imageUrl(imageId) : null, siteName };
  }

  /** A page's image goes through the same checks (never lifted by LOTUS_PREVIEW_ALLOW),
   * is re-encoded (no metadata, no polyglot) and served from our origin. */
  private async fetchImage(src: string): Promise<string | null> {
    try {
      const response = await this.deps.outbound.fetch(src, { accept: IMAGE_TYPES, allowLift: false });
      if (!sniffImage(response.body)) return null;
      const data = await sharp(response.body, { limitInputPixels: 40_000_000 })
        .rotate()
        .resize({ width: 800, height: 800, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      const id = newId('lpi');
      await this.store.insertImage(id, src, 'image/webp', data, this.now());
      return id;
    } catch {
      return null;
    }
  }

  private async ownPreview(url: string): Promise<LinkPreview> {
    const parsed = new URL(url);
    if (!this.ownPage) return { url, title: null, description: null, image: null, siteName: 'Lotus Health' };
    const page = await this.ownPage(parsed.pathname + parsed.search);
    if (page.status >= 400) throw urlRefused('This Lotus Health page does not exist.', 'not_found');
    const card = readCard(page.html, url);
    return { url, title: card.title, description: card.description, image: card.image, siteName: card.siteName ?? 'Lotus Health' };
  }

  async image(id: string): Promise<{ contentType: string; data: Buffer }> {
    const image = await this.store.findImage(id);
    if (!image) throw notFound('This image');
    return image;
  }
}
