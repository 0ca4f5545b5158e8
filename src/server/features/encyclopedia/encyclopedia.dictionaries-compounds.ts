// Titles built from matched parts, where the dictionaries name the parts but not the whole:
// "chronic gastritis" → 慢性胃炎 from 胃炎, "bladder cancer" → 膀胱癌 from 膀胱. A pattern is used
// only if it is validated on the data itself: among the entries whose whole name the
// dictionary does give, the pattern must build that name for at least VALIDATION_FLOOR of them
// (and for MIN_EXAMPLES at least); then it fills entries that have no title in that language,
// marked with its own source, machine-matched like every other import. A pattern the data
// cannot confirm (the French ones: FreeDict names too few compounds) is reported, not used.
import type { Lang } from './encyclopedia.schema.ts';
import { termKey } from './encyclopedia.terms.ts';

export const VALIDATION_FLOOR = 0.75;
export const MIN_EXAMPLES = 3;

export interface CompoundPattern {
  id: string;
  lang: Lang;
  /** The English name, capturing the part that is translated on its own. */
  english: RegExp;
  compose: (part: string, gender: 'masc' | 'fem' | null) => string | null;
  source: string;
}

export const COMPOUND_PATTERNS: CompoundPattern[] = [
  { id: 'zh-cancer', lang: 'zh', english: /^(?:(.+) (?:cancer|carcinoma)|cancer of the (.+))$/, compose: (p) => `${p}癌`, source: 'cc-cedict-compound' },
  { id: 'zh-chronic', lang: 'zh', english: /^chronic (.+)$/, compose: (p) => `慢性${p}`, source: 'cc-cedict-compound' },
  { id: 'zh-acute', lang: 'zh', english: /^acute (.+)$/, compose: (p) => `急性${p}`, source: 'cc-cedict-compound' },
  { id: 'fr-chronic', lang: 'fr', english: /^chronic (.+)$/, compose: (p) => `${p} chronique`, source: 'freedict-compound' },
  {
    id: 'fr-acute',
    lang: 'fr',
    english: /^acute (.+)$/,
    compose: (p, g) => (g ? `${p} ${g === 'fem' ? 'aiguë' : 'aigu'}` : null),
    source: 'freedict-compound',
  },
  {
    id: 'fr-cancer',
    lang: 'fr',
    english: /^(?:(.+) (?:cancer|carcinoma)|cancer of the (.+))$/,
    compose: (p, g) => (/^[aeiouyhâéèêîôû]/i.test(p) ? `cancer de l'${p}` : g === 'fem' ? `cancer de la ${p}` : g === 'masc' ? `cancer du ${p}` : null),
    source: 'freedict-compound',
  },
];

export interface CompoundInput {
  /** Each entry's English words (title first). */
  words: string[][];
  /** Each entry's dictionary terms per language, title first. */
  direct: Array<Partial<Record<Lang, string[]>>>;
  gender: (frenchNoun: string) => 'masc' | 'fem' | null;
}

export interface PatternReport {
  id: string;
  examples: number;
  agree: number;
  used: boolean;
  added: number;
}

/** The compound titles (entry index, language, term, source) and how each pattern fared. */
export function compoundTerms(input: CompoundInput): { terms: Array<{ index: number; lang: Lang; term: string; source: string }>; report: PatternReport[] } {
  // An English word → its one translation, where every entry with that word agrees on its title.
  const partOf = (lang: Lang) => {
    const titles = new Map<string, Set<string>>();
    input.words.forEach((ws, i) => {
      const title = input.direct[i]?.[lang]?.[0];
      if (!title) return;
      for (const w of ws) titles.set(w.toLowerCase(), (titles.get(w.toLowerCase()) ?? new Set()).add(title));
    });
    return (word: string) => {
      const found = titles.get(word.toLowerCase());
      return found && found.size === 1 ? [...found][0]! : null;
    };
  };
  const parts = { fr: partOf('fr'), zh: partOf('zh') } as Record<Lang, (w: string) => string | null>;
  const terms: Array<{ index: number; lang: Lang; term: string; source: string }> = [];
  const report: PatternReport[] = [];
  for (const pattern of COMPOUND_PATTERNS) {
    const built = input.words.map((ws) => {
      for (const w of ws) {
        const m = pattern.english.exec(w.toLowerCase());
        const english = m?.slice(1).find(Boolean);
        const part = english ? parts[pattern.lang](english) : null;
        const term = part ? pattern.compose(part, pattern.lang === 'fr' ? input.gender(part) : null) : null;
        if (term) return term;
      }
      return null;
    });
    let examples = 0;
    let agree = 0;
    built.forEach((term, i) => {
      const known = input.direct[i]?.[pattern.lang];
      if (!term || !known?.length) return;
      examples += 1;
      if (known.some((k) => termKey(k) === termKey(term))) agree += 1;
    });
    const used = examples >= MIN_EXAMPLES && agree / examples >= VALIDATION_FLOOR;
    let added = 0;
    if (used) {
      built.forEach((term, i) => {
        if (!term || input.direct[i]?.[pattern.lang]?.length || terms.some((t) => t.index === i && t.lang === pattern.lang)) return;
        terms.push({ index: i, lang: pattern.lang, term, source: pattern.source });
        added += 1;
      });
    }
    report.push({ id: pattern.id, examples, agree, used, added });
  }
  return { terms, report };
}
