// Reference data for the community: a dozen forums by topic and condition, each linked
// to encyclopedia entries by slug, and the starting word lists that hold posts back for
// review (moderators edit the lists in the admin console afterwards). Forum ids and slugs
// never change once published; titles may be corrected by a later migration.
import type { Kysely } from 'kysely';

type Forum = {
  slug: string;
  kind: 'topic' | 'condition';
  sensitive?: boolean;
  title: [en: string, zh: string, fr: string];
  description: [en: string, zh: string, fr: string];
  entries: string[];
};

const forums: Forum[] = [
  {
    slug: 'heart-blood-pressure',
    kind: 'condition',
    title: ['Heart and blood pressure', '心脏与血压', 'Cœur et tension artérielle'],
    description: ['High blood pressure, heart disease, living with medication.', '高血压、心脏病与长期用药的经验交流。', 'Hypertension, maladies du cœur, vivre avec un traitement.'],
    entries: ['hypertension', 'coronary-heart-disease', 'heart-failure', 'atrial-fibrillation'],
  },
  {
    slug: 'diabetes',
    kind: 'condition',
    title: ['Diabetes', '糖尿病', 'Diabète'],
    description: ['Type 1, type 2 and gestational diabetes: food, glucose, insulin.', '1型、2型及妊娠糖尿病：饮食、血糖与胰岛素。', 'Diabète de type 1, de type 2 et gestationnel : alimentation, glycémie, insuline.'],
    entries: ['type-2-diabetes', 'type-1-diabetes', 'gestational-diabetes', 'diabetes'],
  },
  {
    slug: 'mental-health',
    kind: 'topic',
    sensitive: true,
    title: ['Mental health', '心理健康', 'Santé mentale'],
    description: ['Depression, anxiety, sleep. You may post under a pseudonym here.', '抑郁、焦虑、失眠。在这里可以匿名发帖。', 'Dépression, anxiété, sommeil. Vous pouvez publier sous un pseudonyme.'],
    entries: ['depression', 'anxiety', 'insomnia', 'panic-disorder'],
  },
  {
    slug: 'sexual-health',
    kind: 'topic',
    sensitive: true,
    title: ['Sexual health', '性健康', 'Santé sexuelle'],
    description: ['Contraception, infections, intimacy. You may post under a pseudonym here.', '避孕、性传播感染与亲密关系。在这里可以匿名发帖。', 'Contraception, infections, intimité. Vous pouvez publier sous un pseudonyme.'],
    entries: ['contraception', 'sexually-transmitted-infections', 'hpv', 'hiv'],
  },
  {
    slug: 'pregnancy',
    kind: 'topic',
    title: ['Pregnancy and new parents', '孕期与新手父母', 'Grossesse et jeunes parents'],
    description: ['Trying to conceive, pregnancy, birth and the first months.', '备孕、孕期、分娩与产后最初几个月。', 'Projet de grossesse, grossesse, accouchement et premiers mois.'],
    entries: ['pregnancy', 'breastfeeding', 'postpartum-depression'],
  },
  {
    slug: 'children',
    kind: 'topic',
    title: ["Children's health", '儿童健康', 'Santé des enfants'],
    description: ['Fevers, rashes, vaccines, growing up.', '发烧、皮疹、疫苗与成长。', 'Fièvres, éruptions, vaccins, croissance.'],
    entries: ['fever-in-children', 'hand-foot-and-mouth-disease', 'childhood-vaccination'],
  },
  {
    slug: 'skin',
    kind: 'condition',
    title: ['Skin', '皮肤', 'Peau'],
    description: ['Eczema, acne, psoriasis and everyday skin care.', '湿疹、痤疮、银屑病与日常护肤。', 'Eczéma, acné, psoriasis et soins du quotidien.'],
    entries: ['eczema', 'acne', 'psoriasis'],
  },
  {
    slug: 'lungs-allergies',
    kind: 'condition',
    title: ['Lungs and allergies', '呼吸与过敏', 'Poumons et allergies'],
    description: ['Asthma, COPD, hay fever, colds and flu.', '哮喘、慢阻肺、花粉症、感冒与流感。', 'Asthme, BPCO, rhume des foins, rhumes et grippe.'],
    entries: ['asthma', 'copd', 'allergic-rhinitis', 'influenza'],
  },
  {
    slug: 'digestion',
    kind: 'condition',
    title: ['Digestion', '消化健康', 'Digestion'],
    description: ['Reflux, gastritis, irritable bowel and food intolerances.', '反流、胃炎、肠易激与食物不耐受。', 'Reflux, gastrite, côlon irritable et intolérances.'],
    entries: ['gastritis', 'gastroesophageal-reflux-disease', 'irritable-bowel-syndrome'],
  },
  {
    slug: 'cancer',
    kind: 'condition',
    title: ['Living with cancer', '与癌症同行', 'Vivre avec un cancer'],
    description: ['Patients and families: treatment, side effects, support.', '患者与家属：治疗、副作用与支持。', 'Patients et proches : traitements, effets secondaires, soutien.'],
    entries: ['breast-cancer', 'lung-cancer', 'colorectal-cancer'],
  },
  {
    slug: 'healthy-living',
    kind: 'topic',
    title: ['Healthy living', '健康生活', 'Vivre sainement'],
    description: ['Food, exercise, sleep and quitting smoking.', '饮食、运动、睡眠与戒烟。', 'Alimentation, activité physique, sommeil et arrêt du tabac.'],
    entries: ['nutrition', 'physical-activity', 'smoking-cessation', 'obesity'],
  },
  {
    slug: 'ageing-caregivers',
    kind: 'topic',
    title: ['Ageing and caregivers', '老年健康与照护', 'Bien vieillir et aidants'],
    description: ['Caring for older relatives: memory, falls, stroke recovery.', '照顾年长家人：记忆、跌倒与中风康复。', 'Accompagner un proche âgé : mémoire, chutes, après un AVC.'],
    entries: ['dementia', 'stroke', 'osteoporosis'],
  },
];

const words: Array<[list: 'advertising' | 'misinformation', term: string]> = [
  ['advertising', 'buy now'],
  ['advertising', 'order now'],
  ['advertising', 'discount code'],
  ['advertising', 'promo code'],
  ['advertising', 'miracle cure'],
  ['advertising', 'dm me for prices'],
  ['advertising', 'code promo'],
  ['advertising', 'achetez maintenant'],
  ['advertising', 'remède miracle'],
  ['advertising', '加微信'],
  ['advertising', '代购'],
  ['advertising', '特效药'],
  ['advertising', '包治百病'],
  ['advertising', '祖传秘方'],
  ['misinformation', 'vaccines cause autism'],
  ['misinformation', 'drink bleach'],
  ['misinformation', 'mms cures'],
  ['misinformation', 'insulin is poison'],
  ['misinformation', 'les vaccins causent l’autisme'],
  ['misinformation', "les vaccins causent l'autisme"],
  ['misinformation', "boire de l'eau de javel"],
  ['misinformation', '疫苗导致自闭症'],
  ['misinformation', '喝消毒水'],
];

const CREATED = '2026-11-21T14:00:00.000Z';

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('community_forums')
    .values(
      forums.map((f, i) => ({
        id: `frm_${f.slug.replace(/-/g, '_')}`,
        slug: f.slug,
        kind: f.kind,
        sensitive: f.sensitive ? 1 : 0,
        title_en: f.title[0],
        title_zh: f.title[1],
        title_fr: f.title[2],
        description_en: f.description[0],
        description_zh: f.description[1],
        description_fr: f.description[2],
        sort_order: (i + 1) * 10,
        thread_count: 0,
        last_post_at: null,
        created_at: CREATED,
      })),
    )
    .execute();
  await db
    .insertInto('community_forum_entries')
    .values(forums.flatMap((f) => f.entries.map((entry) => ({ forum_id: `frm_${f.slug.replace(/-/g, '_')}`, entry_slug: entry }))))
    .execute();
  await db
    .insertInto('community_word_terms')
    .values(words.map(([list, term], i) => ({ id: `wrd_seed_${String(i + 1).padStart(3, '0')}`, list, term: term.toLowerCase(), created_at: CREATED, created_by: null })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('community_word_terms').where('id', 'like', 'wrd_seed_%').execute();
  await db.deleteFrom('community_forum_entries').execute();
  await db.deleteFrom('community_forums').execute();
}
