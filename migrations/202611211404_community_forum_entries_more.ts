// More encyclopedia links for the forums: the encyclopedia keeps one entry per language
// (diabete in French, 糖尿病 in Chinese), so a forum lists each language's slug.
import type { Kysely } from 'kysely';

const links: Array<[forumId: string, entrySlug: string]> = [
  ['frm_diabetes', 'diabete'],
  ['frm_diabetes', '糖尿病'],
  ['frm_diabetes', '高血糖'],
  ['frm_diabetes', 'hyperglycemia'],
  ['frm_heart_blood_pressure', 'myocardial-infarction'],
  ['frm_heart_blood_pressure', 'angina'],
  ['frm_heart_blood_pressure', 'infarctus-du-myocarde'],
  ['frm_heart_blood_pressure', '高血压'],
  ['frm_lungs_allergies', 'grippe'],
  ['frm_lungs_allergies', '感冒'],
  ['frm_lungs_allergies', 'common-cold'],
  ['frm_lungs_allergies', 'flu'],
  ['frm_healthy_living', 'gout'],
  ['frm_mental_health', 'depression-fr'],
  ['frm_mental_health', '抑郁症'],
  ['frm_skin', 'chilblains'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('community_forum_entries').values(links.map(([forum_id, entry_slug]) => ({ forum_id, entry_slug }))).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [forumId, slug] of links) await db.deleteFrom('community_forum_entries').where('forum_id', '=', forumId).where('entry_slug', '=', slug).execute();
}
