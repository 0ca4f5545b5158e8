// Demo encyclopedia: the medical part of WordNet 3.1 (several thousand English entries,
// not medically reviewed), then a few hand-written entries in English, French and
// Chinese, reviewed by the demo doctors when those accounts exist, and the reviewed lay-term
// table (encyclopedia.lay-terms.ts), and the dictionary-matched titles of content/. Idempotent.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { RevisionContent } from './encyclopedia.schema.ts';
import type { EncyclopediaService } from './encyclopedia.service.ts';
import { loadDictionaryTerms } from './encyclopedia.dictionaries.ts';
import { layTermInputs } from './encyclopedia.lay-terms.ts';
import { TRANSLATION_REVIEWERS, TRANSLATIONS } from './encyclopedia.translations.ts';
import { loadWordnetEntries } from './encyclopedia.wordnet.ts';

type Reviewer = Pick<Actor, 'userId' | 'displayName'>;

const HANDWRITTEN: Array<{ slug: string; reviewer: string; content: RevisionContent }> = [
  {
    slug: 'diabetes',
    reviewer: 'dr.smith@lotus.demo',
    content: {
      title: 'Diabetes',
      lang: 'en',
      category: 'disease',
      synonyms: ['diabetes mellitus', 'high blood sugar'],
      department: 'endocrinology',
      sections: {
        overview:
          'Diabetes is a long-term condition in which the level of sugar (glucose) in the blood stays too high, because the body makes too little insulin or cannot use it well.',
        symptoms:
          'Feeling very thirsty, passing urine more often than usual, tiredness, weight loss without trying, blurred vision, and cuts that heal slowly.',
        causes:
          'Type 1 diabetes: the immune system destroys the cells that make insulin. Type 2 diabetes: the body stops responding well to insulin, more likely with excess weight, little exercise and a family history.',
        diagnosis: 'Blood tests: fasting glucose, HbA1c (average sugar over about three months), or a glucose tolerance test.',
        treatment:
          'Healthy eating, regular activity and, depending on the type, tablets such as metformin or insulin injections. Regular checks of eyes, feet and kidneys.',
        prevention: 'Type 2 diabetes can often be delayed or prevented by keeping a healthy weight, moving every day and eating less sugar and refined starch.',
        whenToSeeADoctor:
          'See a doctor if you have the symptoms above. Go to an emergency department at once if you are very drowsy, breathing fast, or vomiting with high blood sugar.',
      },
      related: [{ slug: 'myocardial-infarction', relation: 'see_also' }],
    },
  },
  {
    slug: 'myocardial-infarction',
    reviewer: 'dr.smith@lotus.demo',
    content: {
      title: 'Myocardial infarction',
      lang: 'en',
      category: 'disease',
      synonyms: ['heart attack', 'myocardial infarct', 'MI'],
      department: 'cardiology',
      sections: {
        overview:
          'A heart attack happens when the blood supply to part of the heart muscle is suddenly blocked, usually by a blood clot in a coronary artery, and that part of the muscle starts to die.',
        symptoms:
          'Pressure, tightness or pain in the chest that may spread to the arms, neck, jaw or back; shortness of breath; sweating; nausea; light-headedness.',
        causes:
          'Coronary heart disease: fatty deposits narrow the arteries and a clot forms on them. Smoking, high blood pressure, high cholesterol and diabetes raise the risk.',
        treatment: 'Emergency treatment reopens the artery (a stent or clot-dissolving medicine), followed by medicines and cardiac rehabilitation.',
        whenToSeeADoctor: 'Call your emergency number immediately if you think someone is having a heart attack. Every minute counts.',
      },
      related: [{ slug: 'diabetes', relation: 'see_also' }],
    },
  },
  {
    slug: 'covid-19',
    reviewer: 'dr.smith@lotus.demo',
    content: {
      title: 'COVID-19',
      lang: 'en',
      category: 'disease',
      synonyms: ['coronavirus disease 2019', 'SARS-CoV-2 infection', 'covid'],
      department: 'infectious_diseases',
      sections: {
        overview:
          'COVID-19 is a respiratory infection caused by the coronavirus SARS-CoV-2. Most people recover within one to two weeks; older people and people with long-term conditions are more likely to become seriously ill.',
        symptoms: 'Fever or chills, cough, tiredness, sore throat, runny or blocked nose, headache, aches, and a new loss or change of taste or smell.',
        diagnosis: 'A rapid antigen test or a PCR test on a nose or throat swab.',
        treatment:
          'Rest, fluids and paracetamol for fever and aches. People at high risk of severe illness may be offered antiviral medicine early: ask a doctor as soon as symptoms start.',
        prevention:
          'Vaccination, especially for older and vulnerable people, reduces the risk of severe illness. Stay at home while unwell, air rooms, wash hands, and wear a mask around vulnerable people.',
        whenToSeeADoctor:
          'Call your emergency number if you have difficulty breathing, chest pain or pressure, confusion, or bluish lips. See a doctor early if you are older, pregnant or have a long-term condition.',
      },
      related: [
        { slug: 'influenza', relation: 'see_also' },
        { slug: 'common-cold', relation: 'see_also' },
      ],
    },
  },
  ...(
    [
      [
        'chronic-obstructive-pulmonary-disease',
        'Chronic obstructive pulmonary disease',
        ['COPD'],
        'respiratory',
        'Chronic obstructive pulmonary disease (COPD) is a long-term lung condition in which the airways narrow and the lungs are damaged, most often by smoking, so breathing out becomes harder over the years.',
        'Breathlessness on effort, a cough that lasts, phlegm, wheezing and frequent chest infections.',
        'Stopping smoking is the most important step. Inhalers, pulmonary rehabilitation (exercise and breathing training) and vaccines against flu and pneumococcus help.',
        'See a doctor if you have a cough or breathlessness that does not go away. Call your emergency number if you are very short of breath, confused or your lips turn blue.',
      ],
      [
        'deep-vein-thrombosis',
        'Deep vein thrombosis',
        ['DVT'],
        'cardiology',
        'A deep vein thrombosis (DVT) is a blood clot in a deep vein, usually in the leg. A piece of the clot can travel to the lungs (pulmonary embolism), which is dangerous.',
        'Pain, swelling, warmth and redness in one leg, often the calf. It is more likely after surgery, a long journey, immobility, pregnancy or with some medicines.',
        'Blood-thinning medicine (anticoagulants) for several months.',
        'See a doctor the same day if one leg is painful and swollen. Call your emergency number if you are suddenly short of breath, have chest pain or cough up blood.',
      ],
      [
        'colorectal-cancer',
        'Colorectal cancer',
        ['bowel cancer', 'colon cancer'],
        'oncology',
        'Colorectal (bowel) cancer starts in the large bowel or rectum, usually from a polyp that grows slowly over years. Found early, it can often be cured. Screening tests (stool test, colonoscopy) find it before symptoms.',
        'Blood in the stool, a change in bowel habit lasting several weeks, pain or a lump in the belly, tiredness from anaemia, weight loss.',
        'Surgery, sometimes with chemotherapy or radiotherapy.',
        'See a doctor if you have blood in your stool or a change in bowel habit for more than three weeks. Take part in screening when you are invited.',
      ],
      [
        'cervical-cancer',
        'Cervical cancer',
        ['cancer of the cervix'],
        'gynaecology_obstetrics',
        'Cervical cancer starts in the neck of the womb (cervix) and is almost always caused by a long-lasting infection with the human papillomavirus (HPV). The HPV vaccine and regular screening (smear or HPV tests) prevent most cases.',
        'Often none at first; later, bleeding between periods, after sex or after the menopause, and unusual discharge.',
        'Depending on the stage: surgery, radiotherapy and chemotherapy.',
        'See a doctor if you have unusual vaginal bleeding. Keep up with cervical screening.',
      ],
      [
        'kidney-cancer',
        'Kidney cancer',
        ['renal cell carcinoma', 'renal cancer'],
        'urology',
        'Kidney cancer most often starts in the lining of the small tubes of the kidney (renal cell carcinoma). It is more common after 60, in smokers, and with obesity and high blood pressure. Many are found by chance on a scan done for another reason.',
        'Often none at first. Later: blood in the urine, a pain in the side or back that does not go away, a lump in the side, tiredness, weight loss or fever without a cause.',
        'Surgery to remove the tumour or the kidney is the main treatment; small tumours may be watched or destroyed by heat or cold; targeted medicines and immunotherapy when it has spread.',
        'See a doctor if you see blood in your urine or have a pain in your side that does not go away.',
      ],
      [
        'stomach-cancer',
        'Stomach cancer',
        ['gastric cancer', 'cancer of the stomach'],
        'gastroenterology',
        'Stomach (gastric) cancer starts in the lining of the stomach. A long-lasting Helicobacter pylori infection, smoking, a diet rich in salted and smoked food, and a family history raise the risk. It is much more common in East Asia.',
        'Indigestion or heartburn that lasts, feeling full quickly, pain in the upper belly, loss of appetite and weight, vomiting, black stools or anaemia.',
        'Surgery to remove part or all of the stomach, often with chemotherapy before and after; early cancers can sometimes be removed through an endoscope.',
        'See a doctor if you have indigestion for more than three weeks, difficulty swallowing, weight loss without trying, vomiting blood or black stools.',
      ],
      [
        'thyroid-cancer',
        'Thyroid cancer',
        ['cancer of the thyroid'],
        'endocrinology',
        'Thyroid cancer starts in the thyroid gland at the front of the neck. Most kinds grow slowly and are cured by treatment. It is more common in women and after radiation to the neck in childhood.',
        'A painless lump or swelling at the front of the neck, a hoarse voice that lasts, difficulty swallowing, swollen glands in the neck.',
        'Surgery to remove part or all of the thyroid, sometimes followed by radioactive iodine; thyroid hormone tablets afterwards.',
        'See a doctor if you notice a lump in your neck, or a hoarse voice for more than three weeks.',
      ],
      [
        'oesophageal-cancer',
        'Oesophageal cancer',
        ['esophageal cancer', 'cancer of the oesophagus', 'cancer of the esophagus'],
        'gastroenterology',
        'Oesophageal cancer starts in the food pipe (oesophagus). Smoking, alcohol, long-lasting acid reflux (Barrett’s oesophagus) and very hot drinks raise the risk.',
        'Difficulty swallowing, food sticking, pain behind the breastbone, heartburn that lasts, weight loss, a hoarse voice or cough.',
        'Surgery, chemotherapy and radiotherapy, alone or together; stents to help swallowing when a cure is not possible.',
        'See a doctor if swallowing becomes difficult or food sticks, or if you have heartburn most days for three weeks or more.',
      ],
      [
        'bladder-cancer',
        'Bladder cancer',
        ['cancer of the bladder', 'urothelial carcinoma of the bladder'],
        'urology',
        'Bladder cancer starts in the lining of the bladder, the organ that stores urine. Smoking is the main cause; some chemicals used at work raise the risk too. Found early, when it is only in the lining, it can usually be treated successfully.',
        'Blood in the urine (pink, red or brown, often without pain) is the most common sign. Also needing to pass urine often or urgently, and pain or burning when passing it.',
        'Depending on how deep it has grown: removal through a camera passed into the bladder (cystoscopy), medicine put into the bladder, surgery to remove the bladder, radiotherapy or chemotherapy. Stopping smoking lowers the chance of it coming back.',
        'See a doctor whenever you see blood in your urine, even once and even without pain.',
      ],
      [
        'ovarian-cancer',
        'Ovarian cancer',
        ['cancer of the ovary', 'ovary cancer'],
        'gynaecology_obstetrics',
        'Ovarian cancer starts in the ovaries or the fallopian tubes. It is more common after the menopause and in women with a family history of ovarian or breast cancer (for example BRCA gene changes). Its early signs are vague, so it is often found late.',
        'Persistent bloating, feeling full quickly or losing appetite, pain in the belly or pelvis, needing to pass urine more often, on most days for three weeks or more.',
        'Surgery and chemotherapy, sometimes with targeted medicines afterwards. Women at high inherited risk may be offered genetic counselling and preventive surgery.',
        'See a doctor if you have bloating, pelvic pain or feel full quickly on most days for three weeks or more, especially after 50.',
      ],
      [
        'fibromyalgia',
        'Fibromyalgia',
        ['fibromyalgia syndrome'],
        'internal_medicine',
        'Fibromyalgia is a long-term condition with widespread pain, deep tiredness and poor sleep, without damage to the joints or muscles. Its cause is not fully known.',
        'Pain in many parts of the body, stiffness, fatigue, sleep problems, and difficulty concentrating.',
        'Regular gentle exercise, good sleep habits, talking therapies and some medicines can reduce the symptoms.',
        'See a doctor if you have pain in many places for more than three months, to look for other causes and plan care.',
      ],
    ] as const
  ).map(([slug, title, synonyms, department, overview, symptoms, treatment, whenToSeeADoctor]) => ({
    slug,
    reviewer: 'dr.smith@lotus.demo',
    content: {
      title,
      lang: 'en' as const,
      category: 'disease',
      synonyms: [...synonyms],
      department,
      sections: { overview, symptoms, treatment, whenToSeeADoctor },
      related: [],
    },
  })),
  {
    slug: 'diabete',
    reviewer: 'dr.dupont@lotus.demo',
    content: {
      title: 'Diabète',
      lang: 'fr',
      category: 'disease',
      synonyms: ['diabète sucré', 'hyperglycémie chronique'],
      department: 'endocrinology',
      sections: {
        overview:
          'Le diabète est une maladie chronique dans laquelle le taux de sucre (glucose) dans le sang reste trop élevé, parce que le corps produit trop peu d’insuline ou l’utilise mal.',
        symptoms: 'Soif intense, envie fréquente d’uriner, fatigue, perte de poids inexpliquée, vision trouble.',
        treatment: 'Alimentation équilibrée, activité physique régulière, médicaments (metformine) ou insuline selon le type de diabète.',
        whenToSeeADoctor: 'Consultez un médecin si vous avez ces symptômes ; appelez les urgences en cas de somnolence importante ou de vomissements.',
      },
      related: [{ slug: 'diabetes', relation: 'see_also' }],
    },
  },
  {
    slug: 'grippe',
    reviewer: 'dr.dupont@lotus.demo',
    content: {
      title: 'Grippe',
      lang: 'fr',
      category: 'disease',
      synonyms: ['influenza'],
      department: 'infectious_diseases',
      sections: {
        overview: 'La grippe est une infection respiratoire aiguë due aux virus influenza, qui circule surtout en hiver.',
        symptoms: 'Fièvre élevée d’apparition brutale, courbatures, maux de tête, toux sèche, grande fatigue.',
        prevention: 'La vaccination annuelle et le lavage des mains réduisent le risque.',
        whenToSeeADoctor: 'Consultez si la fièvre dure plus de trois jours, en cas de difficulté à respirer, ou si vous êtes enceinte ou âgé.',
      },
      related: [],
    },
  },
  {
    slug: '感冒',
    reviewer: 'dr.li@lotus.demo',
    content: {
      title: '感冒',
      lang: 'zh',
      category: 'disease',
      synonyms: ['普通感冒', '伤风', '上呼吸道感染'],
      department: 'respiratory',
      sections: {
        overview: '感冒是由病毒引起的上呼吸道感染，一年四季都可发生，通常一周左右自愈。',
        symptoms: '鼻塞、流鼻涕、打喷嚏、咽喉痛、轻度咳嗽，有时伴低热。',
        treatment: '多休息、多喝水；必要时对症使用退热药或止咳药。抗生素对病毒性感冒无效。',
        prevention: '勤洗手，避免用手触摸口鼻，保证睡眠。',
        whenToSeeADoctor: '高热超过三天、呼吸困难、症状持续加重或超过十天不愈时，请就医。',
      },
      related: [],
    },
  },
  {
    slug: '高血糖',
    reviewer: 'dr.li@lotus.demo',
    content: {
      title: '高血糖',
      lang: 'zh',
      category: 'symptom',
      synonyms: ['血糖升高'],
      department: 'endocrinology',
      sections: {
        overview: '高血糖是指血液中的葡萄糖（血糖）含量高于正常水平，是糖尿病的主要特征。',
        symptoms: '口渴、多饮、多尿、乏力、视物模糊。',
        diagnosis: '空腹血糖、餐后两小时血糖或糖化血红蛋白检测。',
        whenToSeeADoctor: '血糖持续偏高或出现恶心、呕吐、意识模糊时，请立即就医。',
      },
      related: [{ slug: '糖尿病', relation: 'see_also' }],
    },
  },
  {
    slug: '糖尿病',
    reviewer: 'dr.li@lotus.demo',
    content: {
      title: '糖尿病',
      lang: 'zh',
      category: 'disease',
      synonyms: ['消渴症'],
      department: 'endocrinology',
      sections: {
        overview: '糖尿病是一种以长期血糖升高为特征的慢性代谢性疾病，由胰岛素分泌不足或作用障碍引起。',
        symptoms: '典型表现为“三多一少”：多饮、多尿、多食和体重下降。',
        treatment: '饮食控制、规律运动、口服降糖药或注射胰岛素，并定期监测血糖。',
        whenToSeeADoctor: '出现上述症状或体检发现血糖升高时，请到内分泌科就诊。',
      },
      related: [{ slug: '高血糖', relation: 'see_also' }],
    },
  },
];

async function demoDoctor(accounts: AccountsService, email: string): Promise<Reviewer | null> {
  const id = await accounts.idByEmail(email);
  if (!id) return null;
  const [user] = await accounts.findUsers([id]);
  return user && user.roles.includes('doctor') ? { userId: user.id, displayName: user.displayName } : null;
}

/** `terms: false` leaves out the lay-term table and the dictionary titles (the relevance benchmark's baseline). */
export async function seedEncyclopediaDemo(encyclopedia: EncyclopediaService, accounts: AccountsService, options: { terms?: boolean } = {}): Promise<void> {
  if ((await encyclopedia.store.countBySource('wordnet')) === 0) {
    const items = loadWordnetEntries();
    for (let i = 0; i < items.length; i += 1000) {
      await encyclopedia.importEntries(items.slice(i, i + 1000), { name: 'WordNet 3.1', source: 'wordnet' });
    }
  }
  for (const entry of HANDWRITTEN) {
    const existing = await encyclopedia.store.findBySlug(entry.slug);
    // Already written by hand (or reviewed since): leave it as it is.
    if (existing && (existing.source !== 'wordnet' || existing.reviewerName)) continue;
    const reviewer = await demoDoctor(accounts, entry.reviewer);
    await encyclopedia.importEntries([{ slug: entry.slug, content: entry.content }], {
      name: 'Lotus Health editors',
      source: 'editor',
      ...(reviewer ? { reviewer } : {}),
    });
  }
  if (options.terms === false) return;
  // French and Chinese texts of the entries people look for first, reviewed by the demo doctors.
  const reviewers = { fr: await demoDoctor(accounts, TRANSLATION_REVIEWERS.fr), zh: await demoDoctor(accounts, TRANSLATION_REVIEWERS.zh) };
  await encyclopedia.addTranslations(
    Object.entries(TRANSLATIONS).flatMap(([slug, texts]) =>
      (['fr', 'zh'] as const).flatMap((lang) => {
        const text = texts[lang];
        if (!text) return [];
        const { title, ...sections } = text;
        return [{ slug, translation: { lang, title, sections, author: 'Lotus Health editors', reviewer: reviewers[lang]?.displayName ?? null } }];
      }),
    ),
  );
  // The reviewed lay words and titles in three languages: written again only where they changed.
  await encyclopedia.setTerms(layTermInputs());
  // French and Chinese titles matched from open dictionaries (content/dictionary-terms.tsv),
  // marked machine-matched; never over a reviewed word.
  await encyclopedia.setTerms(loadDictionaryTerms());
}
