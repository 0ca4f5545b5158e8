// Reference data: medical departments with a stable code and names in the three
// interface languages. Codes never change once published; names may be corrected by a
// later migration.
import type { Kysely } from 'kysely';

const departments: Array<[code: string, en: string, zh: string, fr: string]> = [
  ['general_practice', 'General practice', '全科', 'Médecine générale'],
  ['internal_medicine', 'Internal medicine', '内科', 'Médecine interne'],
  ['paediatrics', 'Paediatrics', '儿科', 'Pédiatrie'],
  ['gynaecology_obstetrics', 'Gynaecology and obstetrics', '妇产科', 'Gynécologie et obstétrique'],
  ['dermatology', 'Dermatology', '皮肤科', 'Dermatologie'],
  ['cardiology', 'Cardiology', '心内科', 'Cardiologie'],
  ['ent', 'Ear, nose and throat', '耳鼻喉科', 'ORL'],
  ['ophthalmology', 'Ophthalmology', '眼科', 'Ophtalmologie'],
  ['psychiatry_psychology', 'Psychiatry and psychology', '精神心理科', 'Psychiatrie et psychologie'],
  ['orthopaedics', 'Orthopaedics', '骨科', 'Orthopédie'],
  ['dentistry', 'Dentistry', '口腔科', 'Dentisterie'],
  ['gastroenterology', 'Gastroenterology', '消化内科', 'Gastro-entérologie'],
  ['endocrinology', 'Endocrinology and diabetes', '内分泌科', 'Endocrinologie et diabète'],
  ['neurology', 'Neurology', '神经内科', 'Neurologie'],
  ['respiratory', 'Respiratory medicine', '呼吸内科', 'Pneumologie'],
  ['urology', 'Urology', '泌尿外科', 'Urologie'],
  ['oncology', 'Oncology', '肿瘤科', 'Oncologie'],
  ['infectious_diseases', 'Infectious diseases', '感染科', 'Maladies infectieuses'],
  ['general_surgery', 'General surgery', '普外科', 'Chirurgie générale'],
  ['nutrition', 'Nutrition', '营养科', 'Nutrition'],
  ['traditional_chinese_medicine', 'Traditional Chinese medicine', '中医科', 'Médecine traditionnelle chinoise'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('departments')
    .values(departments.map(([code, en, zh, fr], i) => ({ code, name_en: en, name_zh: zh, name_fr: fr, sort_order: (i + 1) * 10, active: 1 })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('departments').execute();
}
