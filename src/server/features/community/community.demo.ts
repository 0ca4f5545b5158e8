// Demo threads for the community, in English, French and Chinese, written through the
// service (so rendering, red flags, pseudonyms and counters are real). Runs only while
// the community is empty, so it is idempotent and never mixes with real posts. Doctors'
// answers come from the demo doctors when they exist (they hold the doctor role while
// approved); otherwise one demo doctor is created for the community.
import type { Actor, Role } from '../../platform/auth/actor.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CommunityService } from './community.service.ts';

type Who = 'patient' | 'lucas' | 'fang' | 'sarah' | 'doctorEn' | 'doctorFr' | 'doctorZh';

interface DemoThread {
  forum: string;
  author: Who;
  locale: Locale;
  anonymous?: boolean;
  title: string;
  body: string;
  replies: Array<{ author: Who; body: string; anonymous?: boolean; best?: boolean }>;
}

const threads: DemoThread[] = [
  {
    forum: 'frm_diabetes',
    author: 'patient',
    locale: 'en',
    title: 'Fasting glucose still high after three months of metformin',
    body: 'Diagnosed with type 2 diabetes in spring. I take metformin 1,000 mg twice a day and walk after dinner, but my **fasting** glucose is still around 8 mmol/L.\n\nDid anyone else see it come down slowly?',
    replies: [
      { author: 'sarah', body: 'Same for me at first. What helped most was a smaller evening meal and a 20-minute walk right after it. It took about four months to get under 7.' },
      { author: 'doctorEn', body: 'A high fasting value with better daytime values is common early on (the "dawn phenomenon").\n\n- Keep a two-week log: fasting, before dinner, bedtime\n- Bring it to your doctor: the dose or timing may need adjusting\n- Do not change the dose on your own\n\nYour HbA1c at three months tells more than single readings.', best: true },
      { author: 'patient', body: 'Thank you both, I will start the log this week and book a check of my HbA1c.' },
    ],
  },
  {
    forum: 'frm_diabetes',
    author: 'lucas',
    locale: 'fr',
    title: 'Diabète gestationnel : la glycémie revient-elle à la normale après l’accouchement ?',
    body: 'Ma compagne a eu un diabète gestationnel traité par régime. Le bébé a deux mois. Faut-il refaire un test et quand ?',
    replies: [
      { author: 'doctorFr', body: 'Oui : une glycémie à jeun (ou une HGPO) est recommandée **6 à 12 semaines après l’accouchement**, puis un contrôle régulier tous les 1 à 3 ans, car le risque de diabète de type 2 reste plus élevé.', best: true },
    ],
  },
  {
    forum: 'frm_heart_blood_pressure',
    author: 'fang',
    locale: 'zh',
    title: '早上量血压总是比晚上高，正常吗？',
    body: '我今年52岁，最近早上起床量血压大约 150/95，晚上只有 130/85。需要马上吃药吗？',
    replies: [
      { author: 'doctorZh', body: '清晨血压偏高很常见。建议：\n\n1. 连续一周每天早晚各测两次，记录下来\n2. 测量前安静坐5分钟，不要喝咖啡\n3. 带着记录去门诊，由医生判断是否需要用药\n\n如果出现胸痛、剧烈头痛或说话不清，请立即拨打120。', best: true },
      { author: 'patient', body: '我父亲也是这样，后来医生让他改成晚上吃降压药，早上的血压就好多了。' },
    ],
  },
  {
    forum: 'frm_heart_blood_pressure',
    author: 'sarah',
    locale: 'en',
    title: 'Sudden chest pain while jogging yesterday',
    body: 'I had chest pain and shortness of breath while jogging yesterday evening. It went away after I stopped. Should I be worried?',
    replies: [
      { author: 'doctorEn', body: 'Yes, please get this checked **today**: chest pain on exertion can be angina. If it comes back at rest, lasts more than a few minutes or spreads to your arm or jaw, call 911 immediately.' },
    ],
  },
  {
    forum: 'frm_mental_health',
    author: 'patient',
    locale: 'en',
    anonymous: true,
    title: 'Anxiety before every work meeting',
    body: 'My heart races and my hands shake before every meeting, even small ones. It has been getting worse for a year. How do you cope?',
    replies: [
      { author: 'sarah', anonymous: true, body: 'Box breathing (4 seconds in, hold, out, hold) before I go in helps me. And I told my manager, which took some pressure off.' },
      { author: 'doctorEn', body: 'What you describe is common and treatable. Cognitive behavioural therapy works well for performance anxiety; a GP can refer you. You are not alone in this.' },
    ],
  },
  {
    forum: 'frm_mental_health',
    author: 'fang',
    locale: 'zh',
    anonymous: true,
    title: '产后总是想哭，睡不着',
    body: '宝宝三个月了，我每天都很累，总是想哭，晚上也睡不着。这是产后抑郁吗？',
    replies: [{ author: 'doctorZh', body: '这些表现值得重视，建议尽快到医院心理科或产科复诊评估。家人的支持也很重要。如果出现伤害自己的想法，请立即联系医生或拨打心理援助热线。' }],
  },
  {
    forum: 'frm_sexual_health',
    author: 'lucas',
    locale: 'fr',
    anonymous: true,
    title: 'Dépistage après un rapport non protégé : quand faire les tests ?',
    body: 'J’ai eu un rapport non protégé il y a une semaine. Je n’ai aucun symptôme. Quand faut-il faire les tests pour qu’ils soient fiables ?',
    replies: [
      { author: 'doctorFr', body: 'Un centre de dépistage (CeGIDD) peut vous conseiller gratuitement. En général : chlamydia et gonocoque dès 1 à 2 semaines, VIH par test combiné à 6 semaines, syphilis et hépatite B vers 6 à 12 semaines. Dans les 48 h, un traitement préventif du VIH peut se discuter aux urgences.', best: true },
    ],
  },
  {
    forum: 'frm_cancer',
    author: 'sarah',
    locale: 'en',
    title: 'Tired all the time during chemotherapy: what helped you?',
    body: 'Third cycle of chemo for breast cancer. The fatigue is the hardest part. What helped you get through the day?',
    replies: [
      { author: 'patient', body: 'Short walks every morning, even ten minutes, and letting friends cook for me. Be kind to yourself.' },
      { author: 'doctorEn', body: 'Gentle regular activity is one of the few things shown to reduce treatment fatigue. Tell your oncology team too: anaemia or thyroid problems can add to it and can be treated.', best: true },
    ],
  },
  {
    forum: 'frm_skin',
    author: 'lucas',
    locale: 'fr',
    title: 'Eczéma de mon fils qui revient chaque hiver',
    body: 'Mon fils de 4 ans a de l’eczéma sur les plis des coudes dès qu’il fait froid. Quelle crème utilisez-vous ?',
    replies: [
      { author: 'doctorFr', body: 'L’essentiel est l’émollient **tous les jours**, même sans poussée, juste après le bain (bain court, eau tiède). En poussée, un dermocorticoïde prescrit par votre médecin, en couche fine.', best: true },
      { author: 'sarah', body: 'We use a fragrance-free cream twice a day and cotton pyjamas. Made a big difference.' },
    ],
  },
  {
    forum: 'frm_children',
    author: 'fang',
    locale: 'zh',
    title: '孩子打完疫苗发烧38.5度怎么办？',
    body: '孩子一岁，今天打了疫苗，晚上发烧38.5度，精神还可以。需要去医院吗？',
    replies: [{ author: 'doctorZh', body: '接种后1-2天低中度发热比较常见。多喝水、少穿一点，精神好可以在家观察。如果超过39度、持续超过48小时，或者出现抽搐、精神很差，要及时就医。', best: true }],
  },
  {
    forum: 'frm_lungs_allergies',
    author: 'sarah',
    locale: 'en',
    title: 'Hay fever season: what actually works for you?',
    body: 'Every May my eyes itch and I sneeze all day. Antihistamines make me sleepy. Any tips?',
    replies: [
      { author: 'lucas', body: 'Un spray nasal à la cortisone prescrit par mon médecin, commencé deux semaines avant la saison. Beaucoup mieux que les comprimés pour moi.' },
      { author: 'doctorEn', body: 'Non-drowsy antihistamines (cetirizine, loratadine) suit most people; a steroid nasal spray started before the season helps a lot, as Lucas says.' },
    ],
  },
  {
    forum: 'frm_digestion',
    author: 'patient',
    locale: 'zh',
    title: '晚饭后经常烧心、反酸',
    body: '最近一个月，晚饭后躺下就烧心反酸。有什么生活上的建议？',
    replies: [{ author: 'fang', body: '我以前也是，后来晚饭吃早一点、睡前三小时不吃东西，把床头垫高一点，好了很多。' }],
  },
  {
    forum: 'frm_pregnancy',
    author: 'lucas',
    locale: 'fr',
    title: 'Quelles vaccinations pendant la grossesse ?',
    body: 'Ma compagne est enceinte de 5 mois. On nous parle de la coqueluche et de la grippe, est-ce sans risque ?',
    replies: [{ author: 'doctorFr', body: 'Oui : la vaccination contre la grippe (en saison) et contre la coqueluche (à partir de 20 semaines) est recommandée pendant la grossesse. Elle protège aussi le nourrisson les premiers mois.' }],
  },
  {
    forum: 'frm_healthy_living',
    author: 'sarah',
    locale: 'en',
    title: 'Quit smoking 100 days ago: AMA',
    body: 'Day 100 without a cigarette! Nicotine patches for 8 weeks, and a running app. Happy to answer questions.',
    replies: [
      { author: 'fang', body: '太厉害了！我爸爸也在戒烟，请问最难的是哪几天？' },
      { author: 'sarah', body: 'Days 3 to 10 were the hardest. After a month the cravings came rarely.' },
    ],
  },
  {
    forum: 'frm_ageing_caregivers',
    author: 'lucas',
    locale: 'fr',
    title: 'Ma mère oublie de plus en plus, à qui s’adresser ?',
    body: 'Ma mère de 78 ans oublie ses rendez-vous et répète les mêmes questions. Par où commencer ?',
    replies: [{ author: 'doctorFr', body: 'Commencez par son médecin traitant, qui pourra faire un premier bilan et orienter vers une consultation mémoire si besoin.' }],
  },
];

const members: Record<'lucas' | 'fang' | 'sarah', { displayName: string; locale: Locale }> = {
  lucas: { displayName: 'Lucas Bernard', locale: 'fr' },
  fang: { displayName: '王小芳', locale: 'zh' },
  sarah: { displayName: 'Sarah Johnson', locale: 'en' },
};

function actorOf(userId: string, displayName: string, roles: Role[], locale: Locale): Actor {
  return { userId, displayName, roles, sessionId: 'demo-seed', via: 'bearer', scope: 'full', locale };
}

export async function seedCommunityDemo(community: CommunityService, accounts: AccountsService, patientId: string): Promise<void> {
  const existing = await community.store.q().selectFrom('community_threads').select('id').limit(1).executeTakeFirst();
  if (existing) return;

  const people = new Map<Who, Actor>();
  const patient = (await accounts.findUsers([patientId]))[0]!;
  people.set('patient', actorOf(patient.id, patient.displayName, patient.roles, patient.locale));
  for (const [key, member] of Object.entries(members) as Array<[keyof typeof members, (typeof members)[keyof typeof members]]>) {
    const id = await accounts.createPasswordlessUser({ displayName: member.displayName, locale: member.locale });
    people.set(key, actorOf(id, member.displayName, ['patient'], member.locale));
  }
  // The demo doctors, when the doctors feature approved them; else one community doctor.
  const doctorFor = async (email: string): Promise<Actor | null> => {
    const id = await accounts.idByEmail(email);
    if (!id) return null;
    const user = (await accounts.findUsers([id]))[0];
    return user && user.roles.includes('doctor') ? actorOf(user.id, user.displayName, user.roles, user.locale) : null;
  };
  let fallback: Actor | null = null;
  const fallbackDoctor = async (): Promise<Actor> => {
    if (!fallback) {
      const id = await accounts.ensureAccount({ email: 'dr.community@lotus.demo', password: 'lotus-doctor-demo', displayName: 'Dr Anna Moreau', roles: ['patient', 'doctor'] });
      fallback = actorOf(id, 'Dr Anna Moreau', ['patient', 'doctor'], 'en');
    }
    return fallback;
  };
  people.set('doctorEn', (await doctorFor('dr.smith@lotus.demo')) ?? (await fallbackDoctor()));
  people.set('doctorFr', (await doctorFor('dr.dupont@lotus.demo')) ?? (await fallbackDoctor()));
  people.set('doctorZh', (await doctorFor('dr.li@lotus.demo')) ?? (await doctorFor('dr.wang@lotus.demo')) ?? (await fallbackDoctor()));

  for (const thread of threads) {
    const author = people.get(thread.author)!;
    const created = await community.createThread(author, { forumId: thread.forum, title: thread.title, body: thread.body, ...(thread.anonymous ? { anonymous: true } : {}) }, thread.locale, true);
    for (const reply of thread.replies) {
      const sensitive = thread.forum === 'frm_mental_health' || thread.forum === 'frm_sexual_health';
      const result = await community.reply(people.get(reply.author)!, created.id, { body: reply.body, ...(sensitive ? { anonymous: Boolean(reply.anonymous) } : {}) }, thread.locale, true);
      if (reply.best) await community.markBest(author, created.id, result.id);
    }
  }
}
