// Word lists that hold a post back for review instead of publishing it: advertising for
// drugs, devices and health products, and listed misinformation. Terms live in the
// database (moderators edit them); each process keeps a copy for a short while so the
// check costs nothing on the write path.
import type { ModerationStore, WordList } from './community.moderation-store.ts';

export interface WordMatch {
  list: WordList;
  term: string;
}

const TTL_MS = 30_000;

export function normaliseForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ');
}

export class WordFilter {
  private cache: { terms: WordMatch[]; loadedAt: number } | null = null;

  constructor(
    private readonly store: ModerationStore,
    private readonly now: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.cache = null;
  }

  private async terms(): Promise<WordMatch[]> {
    if (!this.cache || this.now() - this.cache.loadedAt > TTL_MS) {
      const rows = await this.store.listTerms();
      this.cache = { terms: rows.map((r) => ({ list: r.list, term: normaliseForMatching(r.term) })), loadedAt: this.now() };
    }
    return this.cache.terms;
  }

  /** The first listed term the text contains, or null. Latin terms match whole words; CJK terms anywhere. */
  async check(...texts: string[]): Promise<WordMatch | null> {
    const text = ` ${normaliseForMatching(texts.join(' \n '))} `;
    for (const entry of await this.terms()) {
      if (/^[\p{Script=Han}]/u.test(entry.term)) {
        if (text.includes(entry.term)) return entry;
        continue;
      }
      const escaped = entry.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text)) return entry;
    }
    return null;
  }
}
