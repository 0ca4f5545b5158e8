// `lotus encyclopedia generate --count N [--lang en|fr|zh]`: a synthetic corpus for load
// tests and benchmarks. Deterministic (the same N gives the same entries), every title
// unique, every entry marked synthetic and its overview says so. Never in demo data.

const EN = {
  qualifiers: ['Acute', 'Chronic', 'Congenital', 'Recurrent', 'Benign', 'Idiopathic', 'Allergic', 'Juvenile', 'Primary', 'Secondary', 'Atypical', 'Hereditary', 'Seasonal', 'Diffuse', 'Focal', 'Occupational'],
  organs: ['renal', 'hepatic', 'cardiac', 'pulmonary', 'gastric', 'cerebral', 'dermal', 'ocular', 'otic', 'nasal', 'dental', 'spinal', 'thyroid', 'adrenal', 'pancreatic', 'splenic', 'vascular', 'muscular', 'articular', 'bronchial', 'colonic', 'ovarian', 'prostatic', 'lymphatic', 'biliary', 'oesophageal', 'laryngeal', 'retinal', 'cutaneous', 'osseous'],
  conditions: ['fibrosis', 'inflammation', 'insufficiency', 'stenosis', 'hyperplasia', 'atrophy', 'dysplasia', 'neuropathy', 'infection', 'syndrome', 'lesion', 'calcification', 'oedema', 'haemorrhage', 'ischaemia', 'sclerosis', 'cyst', 'spasm', 'ulceration', 'degeneration'],
  groups: ['', 'in children', 'in adults', 'of pregnancy', 'in older people', 'type 2', 'type 3', 'with fever', 'after surgery', 'in athletes'],
  symptoms: ['pain', 'fatigue', 'fever', 'swelling', 'nausea', 'dizziness', 'itching', 'cough', 'stiffness', 'weakness', 'numbness', 'headache'],
  causes: ['a viral infection', 'an immune reaction', 'long-term smoking', 'a genetic variant', 'poor blood supply', 'repeated strain', 'a bacterial infection', 'exposure to toxins'],
  treatments: ['rest and fluids', 'anti-inflammatory medicines', 'physiotherapy', 'a short course of antibiotics', 'surgery in severe cases', 'changes in diet', 'regular monitoring'],
};

const FR = {
  qualifiers: ['Aiguë', 'Chronique', 'Congénitale', 'Récidivante', 'Bénigne', 'Idiopathique', 'Allergique', 'Juvénile', 'Primaire', 'Secondaire', 'Atypique', 'Héréditaire', 'Saisonnière', 'Diffuse', 'Focale', 'Professionnelle'],
  organs: ['rénale', 'hépatique', 'cardiaque', 'pulmonaire', 'gastrique', 'cérébrale', 'cutanée', 'oculaire', 'otique', 'nasale', 'dentaire', 'spinale', 'thyroïdienne', 'surrénale', 'pancréatique', 'splénique', 'vasculaire', 'musculaire', 'articulaire', 'bronchique', 'colique', 'ovarienne', 'prostatique', 'lymphatique', 'biliaire', 'œsophagienne', 'laryngée', 'rétinienne', 'osseuse', 'veineuse'],
  conditions: ['fibrose', 'inflammation', 'insuffisance', 'sténose', 'hyperplasie', 'atrophie', 'dysplasie', 'neuropathie', 'infection', 'lésion', 'calcification', 'œdème', 'hémorragie', 'ischémie', 'sclérose', 'kyste', 'spasme', 'ulcération', 'dégénérescence', 'anomalie'],
  groups: ['', 'de l’enfant', 'de l’adulte', 'de la grossesse', 'du sujet âgé', 'de type 2', 'de type 3', 'fébrile', 'postopératoire', 'du sportif'],
  symptoms: ['douleur', 'fatigue', 'fièvre', 'gonflement', 'nausée', 'vertige', 'démangeaison', 'toux', 'raideur', 'faiblesse', 'engourdissement', 'céphalée'],
  causes: ['une infection virale', 'une réaction immunitaire', 'un tabagisme prolongé', 'un variant génétique', 'un mauvais apport sanguin', 'des efforts répétés', 'une infection bactérienne', 'une exposition à des toxiques'],
  treatments: ['le repos et l’hydratation', 'des anti-inflammatoires', 'la kinésithérapie', 'une antibiothérapie courte', 'la chirurgie dans les cas graves', 'une adaptation de l’alimentation', 'une surveillance régulière'],
};

const ZH = {
  qualifiers: ['急性', '慢性', '先天性', '复发性', '良性', '特发性', '过敏性', '青少年', '原发性', '继发性', '非典型', '遗传性', '季节性', '弥漫性', '局灶性', '职业性'],
  organs: ['肾', '肝', '心', '肺', '胃', '脑', '皮肤', '眼', '耳', '鼻', '牙', '脊髓', '甲状腺', '肾上腺', '胰腺', '脾', '血管', '肌肉', '关节', '支气管', '结肠', '卵巢', '前列腺', '淋巴', '胆道', '食管', '喉', '视网膜', '骨', '静脉'],
  conditions: ['纤维化', '炎', '功能不全', '狭窄', '增生', '萎缩', '发育不良', '神经病变', '感染', '综合征', '损伤', '钙化', '水肿', '出血', '缺血', '硬化', '囊肿', '痉挛', '溃疡', '退行性变'],
  groups: ['', '（儿童）', '（成人）', '（妊娠期）', '（老年）', '2型', '3型', '伴发热', '（术后）', '（运动员）'],
  symptoms: ['疼痛', '乏力', '发热', '肿胀', '恶心', '头晕', '瘙痒', '咳嗽', '僵硬', '无力', '麻木', '头痛'],
  causes: ['病毒感染', '免疫反应', '长期吸烟', '基因变异', '供血不足', '反复劳损', '细菌感染', '接触毒物'],
  treatments: ['休息和补液', '抗炎药物', '物理治疗', '短期抗生素治疗', '严重时手术', '调整饮食', '定期复查'],
};

export type GenerateLang = 'en' | 'fr' | 'zh';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['disease', 'disease', 'disease', 'symptom', 'drug', 'test', 'procedure', 'body_part', 'healthy_living'];
const DEPARTMENTS = ['internal_medicine', 'cardiology', 'dermatology', 'respiratory', 'gastroenterology', 'neurology', 'endocrinology', 'orthopaedics', 'urology', 'ophthalmology', 'ent'];

export interface GeneratedEntry {
  slug: string;
  title: string;
  lang: GenerateLang;
  category: string;
  synonyms: string[];
  department: string;
  sections: { overview: string; symptoms: string; causes: string; treatment: string; whenToSeeADoctor: string };
  synthetic: true;
}

/** The i-th synthetic entry of a language: titles are unique for i below 16·30·20·10 = 96,000. */
export function syntheticEntry(i: number, lang: GenerateLang): GeneratedEntry {
  const words = lang === 'fr' ? FR : lang === 'zh' ? ZH : EN;
  const rand = random(i * 7919 + (lang === 'en' ? 1 : lang === 'fr' ? 2 : 3));
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  // Mixed radix over a scrambled index, so neighbouring entries differ in every part.
  let n = (i * 40507) % 96_000;
  const organ = words.organs[n % 30]!;
  n = Math.floor(n / 30);
  const condition = words.conditions[n % 20]!;
  n = Math.floor(n / 20);
  const qualifier = words.qualifiers[n % 16]!;
  n = Math.floor(n / 16);
  const group = words.groups[n % 10]!;
  const round = Math.floor(i / 96_000);
  const suffix = round > 0 ? ` ${round + 1}` : '';
  let title: string;
  if (lang === 'zh') title = `${qualifier}${organ}${condition}${group}${suffix}`;
  else if (lang === 'fr') title = `${condition[0]!.toUpperCase()}${condition.slice(1)} ${organ} ${qualifier.toLowerCase()}${group ? ' ' + group : ''}${suffix}`;
  else title = `${qualifier} ${organ} ${condition}${group ? ' ' + group : ''}${suffix}`;
  const s1 = pick(words.symptoms);
  const s2 = pick(words.symptoms);
  const cause = pick(words.causes);
  const treatment = pick(words.treatments);
  const sections =
    lang === 'zh'
      ? {
          overview: `${title}是一个合成条目，用于负载测试。它描述${organ}的${condition}，常见表现为${s1}和${s2}。`,
          symptoms: `主要症状包括${s1}、${s2}，部分患者出现${pick(words.symptoms)}。`,
          causes: `常见原因是${cause}。`,
          treatment: `治疗方法包括${treatment}。`,
          whenToSeeADoctor: `如果${s1}持续超过一周，请就医。`,
        }
      : lang === 'fr'
        ? {
            overview: `${title} est une entrée synthétique pour les tests de charge. Elle décrit une ${condition} ${organ} qui se manifeste par ${s1} et ${s2}.`,
            symptoms: `Les signes principaux sont ${s1}, ${s2} et parfois ${pick(words.symptoms)}.`,
            causes: `La cause la plus fréquente est ${cause}.`,
            treatment: `Le traitement repose sur ${treatment}.`,
            whenToSeeADoctor: `Consultez si la ${s1} dure plus d’une semaine.`,
          }
        : {
            overview: `${title} is a synthetic entry for load tests. It describes ${condition} of ${organ} tissue, usually with ${s1} and ${s2}.`,
            symptoms: `The main symptoms are ${s1}, ${s2} and sometimes ${pick(words.symptoms)}.`,
            causes: `The usual cause is ${cause}.`,
            treatment: `Treatment is ${treatment}.`,
            whenToSeeADoctor: `See a doctor if the ${s1} lasts longer than a week.`,
          };
  return {
    slug: `synthetic-${lang}-${i + 1}`,
    title,
    lang,
    category: CATEGORIES[i % CATEGORIES.length]!,
    synonyms: lang === 'zh' ? [`${organ}${condition}`] : [`${organ} ${condition}`],
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    sections,
    synthetic: true,
  };
}

export function* syntheticEntries(count: number, lang: GenerateLang, start = 0): Generator<GeneratedEntry> {
  for (let i = start; i < start + count; i++) yield syntheticEntry(i, lang);
}
