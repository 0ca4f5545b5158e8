// The reviewed WordNet → category → department table, checked against known cases a doctor
// would expect, on the real WordNet data the demo encyclopedia is built from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TAXONOMY } from './encyclopedia.taxonomy.ts';
import { medicalSynsets, parseDataNoun, wordnetDictionary, type MedicalSynset, type Synset } from './encyclopedia.wordnet.ts';

let synsets: Map<string, Synset>;
let chosen: Map<string, MedicalSynset>;
const byWord = (word: string): MedicalSynset[] => [...chosen.values()].filter((m) => m.synset.words.includes(word));

beforeAll(() => {
  synsets = parseDataNoun(readFileSync(path.join(wordnetDictionary(), 'data.noun'), 'utf8'));
  chosen = medicalSynsets(synsets);
});

describe('categories and departments of the WordNet entries', () => {
  it('names in every row the synset it means, once', () => {
    const offsets = TAXONOMY.map((r) => r.offset);
    expect(new Set(offsets).size).toBe(offsets.length);
    for (const rule of TAXONOMY) expect(synsets.get(rule.offset)?.words[0], rule.offset).toBe(rule.what);
  });

  it.each([
    ['migraine', 'disease', 'neurology'],
    ['appendicitis', 'disease', 'general_surgery'],
    ['autism', 'disease', 'psychiatry_psychology'],
    ['atrial fibrillation', 'disease', 'cardiology'],
    ['irritable bowel syndrome', 'disease', 'gastroenterology'],
    ['conjunctivitis', 'disease', 'ophthalmology'],
    ['tonsillitis', 'disease', 'ent'],
    ['sinusitis', 'disease', 'ent'],
    ['anemia', 'disease', 'internal_medicine'],
    ['influenza', 'disease', 'infectious_diseases'],
    ['asthma', 'disease', 'respiratory'],
    ['pneumonia', 'disease', 'respiratory'],
    ['acne', 'disease', 'dermatology'],
    ['psoriasis', 'disease', 'dermatology'],
    ['epilepsy', 'disease', 'neurology'],
    ["Parkinson's disease", 'disease', 'neurology'],
    ['hypertension', 'disease', 'cardiology'],
    ['diabetes', 'disease', 'endocrinology'],
    ['hypothyroidism', 'disease', 'endocrinology'],
    ['cataract', 'disease', 'ophthalmology'],
    ['glaucoma', 'disease', 'ophthalmology'],
    ['cirrhosis', 'disease', 'gastroenterology'],
    ['gastroenteritis', 'disease', 'gastroenterology'],
    ['cystitis', 'disease', 'urology'],
    ['osteoarthritis', 'disease', 'orthopaedics'],
    ['clinical depression', 'disease', 'psychiatry_psychology'],
    ['insomnia', 'disease', 'neurology'],
    ['breast cancer', 'disease', 'oncology'],
    ['tuberculosis', 'disease', 'infectious_diseases'],
    ['endometriosis', 'disease', 'gynaecology_obstetrics'],
    ['cough', 'symptom', 'respiratory'],
    ['fever', 'symptom', 'general_practice'],
    ['headache', 'symptom', 'neurology'],
    ['toothache', 'symptom', 'dentistry'],
    ['diarrhea', 'symptom', 'gastroenterology'],
    ['palpitation', 'symptom', 'cardiology'],
    ['tinnitus', 'symptom', 'ent'],
    ['hematuria', 'symptom', 'urology'],
    ['ibuprofen', 'drug', 'general_practice'],
    ['amoxicillin', 'drug', 'infectious_diseases'],
    ['biopsy', 'test', null],
    ['mammography', 'test', null],
    ['appendectomy', 'procedure', 'general_surgery'],
    ['heart', 'body_part', null],
    ['tobacco', 'healthy_living', 'respiratory'],
  ])('%s is filed as %s, %s', (word, category, department) => {
    const found = byWord(word);
    expect(found.length, word).toBeGreaterThan(0);
    expect(found.map((m) => [m.category, m.department])).toContainEqual([category, department]);
  });

  it('leaves plant and animal diseases, wines and cocktails out, but keeps diseases animals give people', () => {
    expect(byWord('potato blight')).toEqual([]);
    expect(byWord('white wine')).toEqual([]);
    expect(byWord('martini')).toEqual([]);
    expect(byWord('zoonosis').map((m) => m.category)).toEqual(['disease']);
    expect(byWord('alcohol').map((m) => m.category)).toEqual(['healthy_living']);
  });

  it('files no inflammation, syndrome or arrhythmia under symptoms', () => {
    const symptoms = [...chosen.values()].filter((m) => m.category === 'symptom').flatMap((m) => m.synset.words);
    for (const word of ['appendicitis', 'autism', 'atrial fibrillation', 'migraine', 'tonsillitis', 'premenstrual syndrome']) expect(symptoms).not.toContain(word);
  });
});
