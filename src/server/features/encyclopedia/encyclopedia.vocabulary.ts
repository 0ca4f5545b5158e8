// "Did you mean": the words of every published title and synonym, with a trigram index
// to find candidates and a small edit distance to choose among them, so "diabetis"
// becomes "diabetes". Held in memory; rebuilt lazily after the encyclopedia changes.
import { editDistance, isCjkToken, tokenize } from './encyclopedia.text.ts';

const trigramsOf = (word: string): string[] => {
  const padded = `$${word}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
};

export class Vocabulary {
  private readonly words = new Map<string, number>();
  private readonly index = new Map<string, string[]>();

  static build(source: Array<{ title: string; synonyms: string[] }>): Vocabulary {
    const vocabulary = new Vocabulary();
    for (const entry of source) {
      for (const text of [entry.title, ...entry.synonyms]) {
        for (const token of tokenize(text)) vocabulary.add(token);
      }
    }
    return vocabulary;
  }

  get size(): number {
    return this.words.size;
  }

  private add(word: string): void {
    if (word.length < 3 || isCjkToken(word) || /^\d+$/.test(word)) return;
    const count = this.words.get(word);
    this.words.set(word, (count ?? 0) + 1);
    if (count !== undefined) return;
    for (const gram of trigramsOf(word)) {
      const list = this.index.get(gram);
      if (list) list.push(word);
      else this.index.set(gram, [word]);
    }
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** The closest known word, or null when none is close enough. */
  nearest(word: string): string | null {
    if (word.length < 4 || isCjkToken(word) || this.words.has(word)) return null;
    const shared = new Map<string, number>();
    for (const gram of trigramsOf(word)) {
      for (const candidate of this.index.get(gram) ?? []) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    }
    const max = word.length <= 5 ? 1 : 2;
    const ranked = [...shared].sort((a, b) => b[1] - a[1]).slice(0, 60);
    let best: { word: string; distance: number; count: number } | null = null;
    for (const [candidate] of ranked) {
      const distance = editDistance(word, candidate, max);
      if (distance > max) continue;
      const count = this.words.get(candidate) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) best = { word: candidate, distance, count };
    }
    return best?.word ?? null;
  }

  /** The query with unknown words replaced by their nearest known word, or null if nothing changes. */
  correct(tokens: string[]): string[] | null {
    let changed = false;
    const out = tokens.map((token) => {
      const better = this.nearest(token);
      if (better) changed = true;
      return better ?? token;
    });
    return changed ? out : null;
  }
}
