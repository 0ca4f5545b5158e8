// The reviewed lay-term table: the words people type when they are worried, in English,
// French and Chinese, each pointing at the medical entry it means, and the entry's title in
// French and Chinese. Reviewed by the demo doctors (English by John Smith, French by Hélène
// Dupont, Chinese by 李伟): search puts the entry first when the query is exactly one of
// these words, and readers see these titles rather than machine-matched ones.
//
// A row is `slug: { en?, fr?, zh? }`; each language gives an optional `title` and `lay`
// words. Only words whose everyday meaning is this entry belong here: "rhume" is the common
// cold, "咳" is cough; "crise" (attack of anything) is not myocardial infarction.
import type { Lang } from './encyclopedia.schema.ts';
import type { TermInput } from './encyclopedia.terms.ts';

type Words = { title?: string; lay?: string[] };
type Row = Partial<Record<Lang, Words>>;

export const LAY_TERM_REVIEWERS: Record<Lang, string> = { en: 'John Smith', fr: 'Hélène Dupont', zh: '李伟' };

export const LAY_TERMS: Record<string, Row> = {
  'common-cold': {
    en: { lay: ['cold', 'head cold', 'runny nose and sneezing'] },
    fr: { title: 'Rhume', lay: ['rhume', 'rhinopharyngite', 'nez qui coule'] },
    zh: { title: '普通感冒', lay: ['感冒', '伤风', '着凉'] },
  },
  'covid-19': {
    en: { lay: ['covid', 'coronavirus', 'covid 19', 'sars-cov-2'] },
    fr: { title: 'COVID-19', lay: ['covid', 'coronavirus'] },
    zh: { title: '新型冠状病毒感染', lay: ['新冠', '新冠肺炎', '新型冠状病毒'] },
  },
  stroke: {
    en: { lay: ['brain attack', 'cerebrovascular accident'] },
    fr: { title: 'AVC', lay: ['avc', 'accident vasculaire cérébral', 'attaque cérébrale'] },
    zh: { title: '脑卒中', lay: ['中风', '脑梗', '脑出血'] },
  },
  'celiac-disease': { en: { lay: ['coeliac disease', 'coeliac', 'gluten intolerance'] } },
  wart: { en: { lay: ['warts', 'verruca'] } },
  'german-measles': { en: { lay: ['rubella'] } },
  'type-ii-diabetes': { en: { lay: ['type 2 diabetes', 'type two diabetes'] } },
  'type-i-diabetes': { en: { lay: ['type 1 diabetes', 'type one diabetes'] } },
  leukemia: { en: { lay: ['leukaemia', 'blood cancer'] } },
  'renal-failure': { en: { lay: ['kidney failure'] } },
  gallstone: { en: { lay: ['gallstones', 'gall stones'] } },
  urtication: { en: { lay: ['hives', 'nettle rash'] } },
  fatigue: {
    en: { lay: ['tiredness', 'tired all the time', 'exhaustion'] },
    fr: { title: 'Fatigue', lay: ['fatigue', 'épuisement'] },
    zh: { title: '疲劳', lay: ['乏力', '累', '疲倦'] },
  },
  'amyotrophic-lateral-sclerosis': { en: { lay: ['motor neurone disease', 'motor neuron disease', 'mnd', 'als'] } },
  'chronic-obstructive-pulmonary-disease': {
    en: { lay: ['copd', 'chronic bronchitis and emphysema'] },
    fr: { title: 'BPCO', lay: ['bpco', 'bronchopneumopathie chronique obstructive'] },
    zh: { title: '慢性阻塞性肺疾病', lay: ['慢阻肺'] },
  },
  'deep-vein-thrombosis': {
    en: { lay: ['dvt', 'blood clot in the leg'] },
    fr: { title: 'Thrombose veineuse profonde', lay: ['phlébite', 'tvp'] },
    zh: { title: '深静脉血栓', lay: ['下肢深静脉血栓'] },
  },
  'colorectal-cancer': {
    en: { lay: ['bowel cancer', 'colon cancer', 'rectal cancer'] },
    fr: { title: 'Cancer colorectal', lay: ['cancer du côlon', 'cancer colorectal'] },
    zh: { title: '结直肠癌', lay: ['肠癌', '结肠癌', '大肠癌'] },
  },
  'kidney-cancer': {
    en: { lay: ['renal cancer', 'kidney tumour', 'kidney tumor'] },
    fr: { title: 'Cancer du rein', lay: ['cancer du rein', 'cancer rénal'] },
    zh: { title: '肾癌', lay: ['肾细胞癌', '肾肿瘤'] },
  },
  'stomach-cancer': {
    en: { lay: ['gastric cancer', 'cancer of the stomach'] },
    fr: { title: 'Cancer de l’estomac', lay: ['cancer de l’estomac', 'cancer gastrique'] },
    zh: { title: '胃癌', lay: ['胃肿瘤'] },
  },
  'thyroid-cancer': {
    en: { lay: ['cancer of the thyroid'] },
    fr: { title: 'Cancer de la thyroïde', lay: ['cancer de la thyroïde', 'cancer thyroïdien'] },
    zh: { title: '甲状腺癌', lay: ['甲状腺肿瘤'] },
  },
  'oesophageal-cancer': {
    en: { lay: ['esophageal cancer', 'cancer of the food pipe', 'gullet cancer'] },
    fr: { title: 'Cancer de l’œsophage', lay: ['cancer de l’œsophage', 'cancer de l’oesophage'] },
    zh: { title: '食管癌', lay: ['食道癌'] },
  },
  'oral-cancer': {
    en: { lay: ['mouth cancer', 'cancer of the mouth'] },
    fr: { title: 'Cancer de la bouche', lay: ['cancer de la bouche', 'cancer buccal'] },
    zh: { title: '口腔癌' },
  },
  'endometrial-carcinoma': {
    en: { lay: ['womb cancer', 'uterine cancer', 'endometrial cancer'] },
    fr: { title: 'Cancer de l’endomètre', lay: ['cancer de l’utérus', 'cancer de l’endomètre'] },
    zh: { title: '子宫内膜癌', lay: ['子宫癌'] },
  },
  'gastroesophageal-reflux': {
    en: { lay: ['gerd', 'gord', 'reflux disease'] },
    fr: { title: 'Reflux gastro-œsophagien', lay: ['rgo', 'reflux gastro-oesophagien'] },
    zh: { title: '胃食管反流病', lay: ['胃食管反流', '反流性食管炎'] },
  },
  'obsessive-compulsive-disorder': {
    en: { lay: ['ocd'] },
    fr: { title: 'Trouble obsessionnel compulsif', lay: ['toc'] },
    zh: { title: '强迫症', lay: ['强迫性障碍'] },
  },
  'bladder-cancer': {
    en: { lay: ['bladder tumour', 'bladder tumor', 'blood in urine cancer'] },
    fr: { title: 'Cancer de la vessie', lay: ['cancer de la vessie', 'tumeur de la vessie'] },
    zh: { title: '膀胱癌', lay: ['膀胱肿瘤'] },
  },
  'ovarian-cancer': {
    en: { lay: ['cancer of the ovaries', 'ovarian tumour'] },
    fr: { title: 'Cancer de l’ovaire', lay: ['cancer de l’ovaire', 'cancer des ovaires'] },
    zh: { title: '卵巢癌', lay: ['卵巢肿瘤'] },
  },
  'cervical-cancer': {
    en: { lay: ['cancer of the cervix'] },
    fr: { title: 'Cancer du col de l’utérus', lay: ['cancer du col'] },
    zh: { title: '宫颈癌', lay: ['子宫颈癌'] },
  },
  hypercholesterolemia: {
    en: { lay: ['high cholesterol', 'cholesterol'] },
    fr: { title: 'Hypercholestérolémie', lay: ['cholestérol'] },
    zh: { title: '高胆固醇血症', lay: ['胆固醇高'] },
  },
  influenza: {
    en: { lay: ['flu', 'the flu', 'seasonal flu'] },
    fr: { title: 'Grippe', lay: ['grippe', 'grippe saisonnière'] },
    zh: { title: '流行性感冒', lay: ['流感', '流行感冒'] },
  },
  cough: {
    en: { lay: ['coughing', 'chesty cough', 'dry cough'] },
    fr: { title: 'Toux', lay: ['toux', 'tousser', 'toux sèche', 'toux grasse'] },
    zh: { title: '咳嗽', lay: ['咳', '干咳', '咳痰'] },
  },
  fever: {
    en: { lay: ['high temperature', 'temperature', 'feverish'] },
    fr: { title: 'Fièvre', lay: ['fièvre', 'température', 'avoir de la fièvre'] },
    zh: { title: '发热', lay: ['发烧', '高烧', '低烧', '烧'] },
  },
  headache: {
    en: { lay: ['head ache', 'head pain', 'my head hurts'] },
    fr: { title: 'Mal de tête', lay: ['mal de tête', 'maux de tête', 'céphalée'] },
    zh: { title: '头痛', lay: ['头疼', '脑袋疼'] },
  },
  migraine: {
    en: { lay: ['migraine headache', 'sick headache'] },
    fr: { title: 'Migraine', lay: ['migraine', 'migraines'] },
    zh: { title: '偏头痛', lay: ['偏头疼'] },
  },
  'myocardial-infarction': {
    en: { lay: ['heart attack', 'coronary', 'mi'] },
    fr: { title: 'Infarctus du myocarde', lay: ['infarctus', 'crise cardiaque', 'attaque cardiaque'] },
    zh: { title: '心肌梗死', lay: ['心梗', '心肌梗塞', '心脏病发作'] },
  },
  diabetes: {
    en: { lay: ['sugar diabetes', 'high blood sugar'] },
    fr: { title: 'Diabète', lay: ['diabète', 'diabete'] },
    zh: { title: '糖尿病', lay: ['糖尿'] },
  },
  'high-blood-pressure': {
    en: { lay: ['blood pressure', 'high bp', 'hypertension'] },
    fr: { title: 'Hypertension artérielle', lay: ['hypertension', 'tension', 'trop de tension'] },
    zh: { title: '高血压', lay: ['血压高'] },
  },
  asthma: {
    en: { lay: ['asthma attack', 'wheezing'] },
    fr: { title: 'Asthme', lay: ['asthme', 'crise d’asthme'] },
    zh: { title: '哮喘', lay: ['气喘', '哮喘病'] },
  },
  pneumonia: {
    en: { lay: ['chest infection', 'lung infection'] },
    fr: { title: 'Pneumonie', lay: ['pneumonie', 'infection pulmonaire'] },
    zh: { title: '肺炎', lay: ['肺部感染'] },
  },
  bronchitis: { fr: { title: 'Bronchite', lay: ['bronchite'] }, zh: { title: '支气管炎', lay: ['气管炎'] } },
  'sore-throat': {
    en: { lay: ['throat pain', 'scratchy throat'] },
    fr: { title: 'Mal de gorge', lay: ['mal de gorge', 'pharyngite', 'angine'] },
    zh: { title: '咽喉痛', lay: ['喉咙痛', '嗓子疼', '咽炎'] },
  },
  tonsillitis: { fr: { title: 'Amygdalite', lay: ['amygdalite'] }, zh: { title: '扁桃体炎', lay: ['扁桃腺炎'] } },
  sinusitis: { en: { lay: ['sinus infection', 'blocked sinuses'] }, fr: { title: 'Sinusite', lay: ['sinusite'] }, zh: { title: '鼻窦炎', lay: ['鼻炎'] } },
  'otitis-media': {
    en: { lay: ['ear infection', 'earache'] },
    fr: { title: 'Otite moyenne', lay: ['otite', 'mal d’oreille'] },
    zh: { title: '中耳炎', lay: ['耳朵疼', '耳痛'] },
  },
  conjunctivitis: {
    en: { lay: ['pink eye', 'red eye'] },
    fr: { title: 'Conjonctivite', lay: ['conjonctivite', 'yeux rouges'] },
    zh: { title: '结膜炎', lay: ['红眼病'] },
  },
  gastroenteritis: {
    en: { lay: ['stomach bug', 'tummy bug', 'stomach flu'] },
    fr: { title: 'Gastro-entérite', lay: ['gastro', 'gastro-entérite', 'gastroentérite'] },
    zh: { title: '胃肠炎', lay: ['肠胃炎', '急性肠胃炎'] },
  },
  diarrhea: {
    en: { lay: ['diarrhoea', 'the runs', 'loose stools'] },
    fr: { title: 'Diarrhée', lay: ['diarrhée', 'diarrhee'] },
    zh: { title: '腹泻', lay: ['拉肚子', '拉稀', '泻肚'] },
  },
  constipation: {
    en: { lay: ['constipated', 'hard stools'] },
    fr: { title: 'Constipation', lay: ['constipation', 'constipé'] },
    zh: { title: '便秘', lay: ['大便干', '排便困难'] },
  },
  nausea: {
    en: { lay: ['feeling sick', 'queasy', 'sick to my stomach'] },
    fr: { title: 'Nausée', lay: ['nausée', 'nausées', 'envie de vomir', 'mal au cœur'] },
    zh: { title: '恶心', lay: ['想吐', '反胃', '恶心想吐'] },
  },
  vomiting: {
    en: { lay: ['throwing up', 'being sick', 'puking'] },
    fr: { title: 'Vomissements', lay: ['vomissement', 'vomir', 'vomissements'] },
    zh: { title: '呕吐', lay: ['吐', '想呕'] },
  },
  stomachache: {
    en: { lay: ['stomach pain', 'tummy ache', 'belly ache', 'abdominal pain'] },
    fr: { title: 'Mal de ventre', lay: ['mal de ventre', 'mal au ventre', 'douleur abdominale', 'mal à l’estomac'] },
    zh: { title: '腹痛', lay: ['肚子疼', '胃疼', '胃痛', '肚子痛'] },
  },
  heartburn: {
    en: { lay: ['acid reflux', 'reflux'] },
    fr: { title: 'Brûlures d’estomac', lay: ['brûlures d’estomac', 'reflux', 'aigreurs'] },
    zh: { title: '烧心', lay: ['胃灼热', '反酸'] },
  },
  indigestion: { fr: { title: 'Indigestion', lay: ['indigestion', 'dyspepsie'] }, zh: { title: '消化不良', lay: ['胃胀'] } },
  hemorrhoid: {
    en: { lay: ['piles', 'haemorrhoids', 'hemorrhoids'] },
    fr: { title: 'Hémorroïdes', lay: ['hémorroïdes', 'hemorroides'] },
    zh: { title: '痔疮', lay: ['痔'] },
  },
  appendicitis: { en: { lay: ['appendix pain'] }, fr: { title: 'Appendicite', lay: ['appendicite'] }, zh: { title: '阑尾炎', lay: ['盲肠炎'] } },
  chickenpox: { en: { lay: ['chicken pox'] }, fr: { title: 'Varicelle', lay: ['varicelle'] }, zh: { title: '水痘', lay: ['出水痘'] } },
  measles: { fr: { title: 'Rougeole', lay: ['rougeole'] }, zh: { title: '麻疹', lay: ['出麻疹'] } },
  tuberculosis: { fr: { title: 'Tuberculose', lay: ['tuberculose'] }, zh: { title: '结核病', lay: ['肺结核', '肺痨'] } },
  hepatitis: { fr: { title: 'Hépatite', lay: ['hépatite'] }, zh: { title: '肝炎', lay: ['乙肝', '肝病'] } },
  acne: { en: { lay: ['spots', 'pimples', 'zits'] }, fr: { title: 'Acné', lay: ['acné', 'boutons'] }, zh: { title: '痤疮', lay: ['青春痘', '粉刺', '长痘'] } },
  eczema: { en: { lay: ['atopic dermatitis', 'itchy dry skin'] }, fr: { title: 'Eczéma', lay: ['eczéma', 'eczema'] }, zh: { title: '湿疹', lay: ['皮炎'] } },
  rash: {
    en: { lay: ['skin rash', 'red spots'] },
    fr: { title: 'Éruption cutanée', lay: ['rougeurs', 'plaques rouges'] },
    zh: { title: '皮疹', lay: ['起疹子', '疹子'] },
  },
  'hay-fever': {
    en: { lay: ['pollen allergy', 'allergic rhinitis'] },
    fr: { title: 'Rhume des foins', lay: ['rhume des foins', 'allergie au pollen'] },
    zh: { title: '花粉症', lay: ['花粉过敏', '过敏性鼻炎'] },
  },
  insomnia: {
    en: { lay: ['cannot sleep', 'sleeplessness', 'trouble sleeping'] },
    fr: { title: 'Insomnie', lay: ['insomnie', 'troubles du sommeil'] },
    zh: { title: '失眠', lay: ['睡不着', '失眠症'] },
  },
  'depressive-disorder': {
    en: { lay: ['depression', 'feeling depressed'] },
    fr: { title: 'Dépression', lay: ['dépression', 'déprime'] },
    zh: { title: '抑郁症', lay: ['抑郁'] },
  },
  anemia: {
    en: { lay: ['anaemia', 'low iron', 'low blood count'] },
    fr: { title: 'Anémie', lay: ['anémie', 'anemie'] },
    zh: { title: '贫血', lay: ['缺铁性贫血'] },
  },
  arthritis: {
    en: { lay: ['joint pain', 'painful joints'] },
    fr: { title: 'Arthrite', lay: ['arthrite', 'douleurs articulaires'] },
    zh: { title: '关节炎', lay: ['关节痛'] },
  },
  osteoarthritis: { fr: { title: 'Arthrose', lay: ['arthrose'] }, zh: { title: '骨关节炎', lay: ['退行性关节炎'] } },
  gout: { fr: { title: 'Goutte', lay: ['goutte', 'crise de goutte'] }, zh: { title: '痛风', lay: ['痛风病'] } },
  backache: {
    en: { lay: ['back pain', 'bad back', 'lower back pain'] },
    fr: { title: 'Mal de dos', lay: ['mal de dos', 'mal au dos', 'lombalgie'] },
    zh: { title: '背痛', lay: ['腰痛', '腰疼', '背疼'] },
  },
  toothache: {
    en: { lay: ['tooth pain', 'sore tooth'] },
    fr: { title: 'Mal de dents', lay: ['mal de dents', 'mal aux dents', 'rage de dents'] },
    zh: { title: '牙痛', lay: ['牙疼'] },
  },
  'urinary-tract-infection': {
    en: { lay: ['uti', 'water infection'] },
    fr: { title: 'Infection urinaire', lay: ['infection urinaire'] },
    zh: { title: '尿路感染', lay: ['泌尿系感染'] },
  },
  cystitis: {
    en: { lay: ['bladder infection', 'burning when peeing'] },
    fr: { title: 'Cystite', lay: ['cystite', 'brûlures urinaires'] },
    zh: { title: '膀胱炎', lay: ['尿痛'] },
  },
  nephrolithiasis: {
    en: { lay: ['kidney stone', 'kidney stones', 'renal colic'] },
    fr: { title: 'Calculs rénaux', lay: ['calcul rénal', 'calculs rénaux', 'colique néphrétique'] },
    zh: { title: '肾结石', lay: ['结石', '肾绞痛'] },
  },
  dizziness: {
    en: { lay: ['feeling dizzy', 'light-headed', 'dizzy'] },
    fr: { title: 'Vertige', lay: ['vertige', 'vertiges', 'étourdissement', 'tête qui tourne'] },
    zh: { title: '头晕', lay: ['眩晕', '晕'] },
  },
  palpitation: {
    en: { lay: ['heart racing', 'racing heart', 'palpitations'] },
    fr: { title: 'Palpitations', lay: ['palpitations', 'cœur qui bat vite'] },
    zh: { title: '心悸', lay: ['心慌', '心跳快'] },
  },
  'shortness-of-breath': {
    en: { lay: ['breathless', 'short of breath', 'cannot breathe'] },
    fr: { title: 'Essoufflement', lay: ['essoufflement', 'souffle court', 'difficulté à respirer'] },
    zh: { title: '呼吸困难', lay: ['气短', '喘不过气', '气喘吁吁'] },
  },
  'chest-pain': {
    en: { lay: ['pain in the chest', 'chest tightness'] },
    fr: { title: 'Douleur thoracique', lay: ['douleur thoracique', 'mal à la poitrine', 'douleur à la poitrine'] },
    zh: { title: '胸痛', lay: ['胸口疼', '胸闷'] },
  },
  'angina-pectoris': { fr: { title: 'Angine de poitrine', lay: ['angor', 'angine de poitrine'] }, zh: { title: '心绞痛', lay: ['心绞'] } },
  acetaminophen: {
    en: { lay: ['paracetamol', 'tylenol', 'panadol'] },
    fr: { title: 'Paracétamol', lay: ['paracétamol', 'doliprane', 'efferalgan', 'dafalgan'] },
    zh: { title: '对乙酰氨基酚', lay: ['扑热息痛', '泰诺', '必理通'] },
  },
  aspirin: { fr: { title: 'Aspirine', lay: ['aspirine', 'kardégic'] }, zh: { title: '阿司匹林', lay: ['乙酰水杨酸'] } },
  ibuprofen: {
    en: { lay: ['advil', 'nurofen', 'brufen'] },
    fr: { title: 'Ibuprofène', lay: ['ibuprofène', 'advil', 'nurofen'] },
    zh: { title: '布洛芬', lay: ['芬必得', '美林'] },
  },
  amoxicillin: { fr: { title: 'Amoxicilline', lay: ['amoxicilline', 'clamoxyl'] }, zh: { title: '阿莫西林', lay: ['阿莫仙'] } },
  fracture: {
    en: { lay: ['broken bone', 'broken arm', 'broken leg'] },
    fr: { title: 'Fracture', lay: ['fracture', 'os cassé'] },
    zh: { title: '骨折', lay: ['断骨'] },
  },
  sprain: {
    en: { lay: ['twisted ankle', 'sprained ankle'] },
    fr: { title: 'Entorse', lay: ['entorse', 'foulure'] },
    zh: { title: '扭伤', lay: ['崴脚', '扭了脚'] },
  },
  burn: { fr: { title: 'Brûlure', lay: ['brûlure'] }, zh: { title: '烧伤', lay: ['烫伤'] } },
  jaundice: { en: { lay: ['yellow skin'] }, fr: { title: 'Jaunisse', lay: ['jaunisse', 'ictère'] }, zh: { title: '黄疸', lay: ['皮肤发黄'] } },
  sneeze: { fr: { title: 'Éternuement', lay: ['éternuement', 'éternuer'] }, zh: { title: '打喷嚏', lay: ['喷嚏'] } },
  rhinorrhea: { en: { lay: ['runny nose'] }, fr: { title: 'Écoulement nasal', lay: ['nez qui coule'] }, zh: { title: '流鼻涕', lay: ['流涕', '鼻涕'] } },
  cancer: { fr: { title: 'Cancer', lay: ['cancer', 'tumeur maligne'] }, zh: { title: '癌症', lay: ['癌', '恶性肿瘤'] } },
  'breast-cancer': { fr: { title: 'Cancer du sein', lay: ['cancer du sein'] }, zh: { title: '乳腺癌', lay: ['乳癌'] } },
  'lung-cancer': { fr: { title: 'Cancer du poumon', lay: ['cancer du poumon'] }, zh: { title: '肺癌', lay: ['肺部肿瘤'] } },
  epilepsy: {
    en: { lay: ['seizures', 'fits'] },
    fr: { title: 'Épilepsie', lay: ['épilepsie', 'crise d’épilepsie'] },
    zh: { title: '癫痫', lay: ['羊癫疯', '羊角风'] },
  },
  glaucoma: { fr: { title: 'Glaucome', lay: ['glaucome'] }, zh: { title: '青光眼', lay: ['眼压高'] } },
  cataract: { fr: { title: 'Cataracte', lay: ['cataracte'] }, zh: { title: '白内障', lay: ['白内障病'] } },
  osteoporosis: {
    en: { lay: ['brittle bones', 'thin bones'] },
    fr: { title: 'Ostéoporose', lay: ['ostéoporose'] },
    zh: { title: '骨质疏松症', lay: ['骨质疏松', '骨松'] },
  },
  psoriasis: { fr: { title: 'Psoriasis', lay: ['psoriasis'] }, zh: { title: '银屑病', lay: ['牛皮癣'] } },
  hypothyroidism: {
    en: { lay: ['underactive thyroid'] },
    fr: { title: 'Hypothyroïdie', lay: ['hypothyroïdie'] },
    zh: { title: '甲状腺功能减退症', lay: ['甲减'] },
  },
  hyperthyroidism: {
    en: { lay: ['overactive thyroid'] },
    fr: { title: 'Hyperthyroïdie', lay: ['hyperthyroïdie'] },
    zh: { title: '甲状腺功能亢进症', lay: ['甲亢'] },
  },
};

/** The table as terms to write, every one reviewed. */
export function layTermInputs(): TermInput[] {
  const out: TermInput[] = [];
  for (const [slug, row] of Object.entries(LAY_TERMS)) {
    for (const lang of ['en', 'fr', 'zh'] as const) {
      const words = row[lang];
      if (!words) continue;
      const reviewer = LAY_TERM_REVIEWERS[lang];
      if (words.title) out.push({ slug, lang, term: words.title, kind: 'title', source: 'lay-terms', status: 'reviewed', reviewer });
      for (const term of words.lay ?? []) out.push({ slug, lang, term, kind: 'lay', source: 'lay-terms', status: 'reviewed', reviewer });
    }
  }
  return out;
}
