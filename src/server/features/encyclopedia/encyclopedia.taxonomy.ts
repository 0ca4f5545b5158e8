// Where a WordNet entry belongs: a reviewed table of WordNet 3.1 synsets (by offset) and the
// category and department of everything under them. An entry takes the category of its
// nearest listed ancestor (itself first, then its hypernyms, level by level) and, separately,
// the department of its nearest ancestor that names one. A category of `null` leaves the
// synset and everything under it out of the encyclopedia (plant diseases, wines and
// cocktails). `self: true` applies a rule to that synset only, and `below` to what lies under it.
//
// Why a table and not words in the definition: WordNet files inflammations ("appendicitis"),
// syndromes ("autism") and arrhythmias under "symptom", and migraine under "headache"; a
// definition that mentions the heart is not a heart disease. Each row below was chosen by
// reading the subtree it governs; `what` is the synset's first word, checked by a test so a
// row cannot silently point at another synset.
import type { Synset } from './encyclopedia.wordnet.ts';

export interface TaxonomyRule {
  offset: string;
  what: string;
  /** undefined: inherit from further up; null: not an encyclopedia entry. */
  category?: string | null;
  /** undefined: inherit from further up; null: no department. */
  department?: string | null;
  self?: boolean;
  /** With `self`: the category of everything below it (null: none of it is an entry). */
  below?: null;
  /** An entry people look for that lies outside the medical roots: this synset ('self') or it and everything under it ('subtree'). */
  include?: 'self' | 'subtree';
}

export const TAXONOMY: TaxonomyRule[] = [
  // Roots
  { offset: '05746988', what: 'diagnostic test', category: 'test', department: null },
  { offset: '00177976', what: 'diagnostic procedure', category: 'test', department: null },
  { offset: '14323139', what: 'symptom', category: 'symptom', department: 'general_practice' },
  { offset: '14258682', what: 'tumor', category: 'disease', department: 'oncology' },
  { offset: '14198031', what: 'infection', category: 'disease', department: 'infectious_diseases' },
  { offset: '14085287', what: 'illness', category: 'disease', department: 'general_practice' },
  { offset: '14075885', what: 'disorder', category: 'disease', department: 'general_practice' },
  { offset: '14228432', what: 'pathology', category: 'disease', department: 'internal_medicine' },
  { offset: '14309164', what: 'injury', category: 'disease', department: 'general_surgery' },
  { offset: '03745652', what: 'medicine', category: 'drug', department: null },
  { offset: '03252323', what: 'drug', category: 'drug', department: null },
  { offset: '01026334', what: 'medical procedure', category: 'procedure', department: null },
  { offset: '05227735', what: 'body part', category: 'body_part', department: null },

  // Not about human health: plants, animals, drinks
  { offset: '14300438', what: 'plant disease', category: null },
  { offset: '14276606', what: 'animal disease', category: null },
  { offset: '14300151', what: 'zoonosis', category: 'disease', department: 'infectious_diseases' },
  { offset: '07900542', what: 'alcohol', category: 'healthy_living', department: 'psychiatry_psychology', self: true, below: null },
  { offset: '04449965', what: 'tobacco', category: 'healthy_living', department: 'respiratory' },
  { offset: '14387711', what: 'vaccination', category: null }, // the scar a vaccination leaves, not the vaccination

  // Filed under "symptom" by WordNet, but diseases to a doctor
  { offset: '14359944', what: 'inflammation', category: 'disease', department: 'internal_medicine' },
  { offset: '14327487', what: 'syndrome', category: 'disease', department: 'internal_medicine' },
  { offset: '14351112', what: 'migraine', category: 'disease', department: 'neurology' },
  { offset: '14385584', what: 'fibrillation', category: 'disease', department: 'cardiology' },
  { offset: '14350534', what: 'hemorrhoid', category: 'disease', department: 'gastroenterology' },
  { offset: '14396143', what: 'anemia', category: 'disease', department: 'internal_medicine' },
  { offset: '14335599', what: 'abscess', category: 'disease', department: 'general_surgery' },
  { offset: '14393672', what: 'sleep apnea', category: 'disease', department: 'respiratory' },
  { offset: '14292821', what: 'hypercholesterolemia', category: 'disease', department: 'cardiology' },
  { offset: '05611405', what: 'excrescence', category: 'disease', department: 'dermatology' }, // also a "process" (body part) in WordNet
  { offset: '14338024', what: 'hemosiderosis', category: 'disease', department: 'internal_medicine' },
  { offset: '14396462', what: 'withdrawal symptom', category: 'symptom', department: 'psychiatry_psychology' },

  // Symptoms: the department a person with them would usually see
  { offset: '14350016', what: 'headache', department: 'neurology' },
  { offset: '14347383', what: 'toothache', department: 'dentistry' },
  { offset: '14348744', what: 'backache', department: 'orthopaedics' },
  { offset: '14382579', what: 'cough', department: 'respiratory' },
  { offset: '14393149', what: 'dyspnea', department: 'respiratory' },
  { offset: '14392813', what: 'apnea', department: 'respiratory' },
  { offset: '14591775', what: 'stridor', department: 'respiratory' },
  { offset: '14215681', what: 'hemoptysis', department: 'respiratory' },
  { offset: '14395318', what: 'diarrhea', department: 'gastroenterology' },
  { offset: '14394566', what: 'constipation', department: 'gastroenterology' },
  { offset: '14383357', what: 'nausea', department: 'gastroenterology' },
  { offset: '14359722', what: 'indigestion', department: 'gastroenterology' },
  { offset: '14358628', what: 'heartburn', department: 'gastroenterology' },
  { offset: '14343111', what: 'jaundice', department: 'gastroenterology' },
  { offset: '14591537', what: 'steatorrhea', department: 'gastroenterology' },
  { offset: '14358502', what: 'palpitation', department: 'cardiology' },
  { offset: '14358219', what: 'heart murmur', department: 'cardiology' },
  { offset: '14358036', what: 'cardiomegaly', department: 'cardiology' },
  { offset: '14591940', what: 'tinnitus', department: 'ent' },
  { offset: '14590715', what: 'rhinorrhea', department: 'ent' },
  { offset: '14357126', what: 'postnasal drip', department: 'ent' },
  { offset: '13534743', what: 'menorrhagia', department: 'gynaecology_obstetrics' },
  { offset: '14325781', what: 'amenorrhea', department: 'gynaecology_obstetrics' },
  { offset: '14359574', what: 'hot flash', department: 'gynaecology_obstetrics' },
  { offset: '14326172', what: 'chloasma', department: 'dermatology' },
  { offset: '14337747', what: 'hematuria', department: 'urology' },
  { offset: '14340010', what: 'pyuria', department: 'urology' },
  { offset: '14530750', what: 'oliguria', department: 'urology' },
  { offset: '14345955', what: 'numbness', department: 'neurology' },
  { offset: '14348204', what: 'paresthesia', department: 'neurology' },
  { offset: '14325980', what: 'aura', department: 'neurology' },
  { offset: '14395918', what: 'dizziness', department: 'neurology' },
  { offset: '14344896', what: 'eruption', department: 'dermatology' },
  { offset: '14386888', what: 'scar', department: 'dermatology' },
  { offset: '14342726', what: 'hyperglycemia', department: 'endocrinology' },
  { offset: '14342881', what: 'hypoglycemia', department: 'endocrinology' },
  { offset: '14291343', what: 'glycosuria', department: 'endocrinology' },
  { offset: '14336444', what: 'exophthalmos', department: 'endocrinology' },
  { offset: '14388524', what: 'musca volitans', department: 'ophthalmology' },

  // Inflammations by organ
  { offset: '14282014', what: 'appendicitis', department: 'general_surgery' },
  { offset: '14364227', what: 'cholecystitis', department: 'general_surgery' },
  { offset: '14376092', what: 'peritonitis', department: 'general_surgery' },
  { offset: '14365328', what: 'diverticulitis', department: 'gastroenterology' },
  { offset: '14364496', what: 'colitis', department: 'gastroenterology' },
  { offset: '14368402', what: 'enteritis', department: 'gastroenterology' },
  { offset: '14369821', what: 'gastritis', department: 'gastroenterology' },
  { offset: '14369220', what: 'esophagitis', department: 'gastroenterology' },
  { offset: '14375739', what: 'pancreatitis', department: 'gastroenterology' },
  { offset: '14371100', what: 'ileitis', department: 'gastroenterology' },
  { offset: '14377662', what: 'proctitis', department: 'gastroenterology' },
  { offset: '14364139', what: 'cholangitis', department: 'gastroenterology' },
  { offset: '14364837', what: 'conjunctivitis', department: 'ophthalmology' },
  { offset: '14284746', what: 'blepharitis', department: 'ophthalmology' },
  { offset: '14371705', what: 'keratitis', department: 'ophthalmology' },
  { offset: '14371398', what: 'iritis', department: 'ophthalmology' },
  { offset: '14381258', what: 'uveitis', department: 'ophthalmology' },
  { offset: '14378365', what: 'retinitis', department: 'ophthalmology' },
  { offset: '14379048', what: 'scleritis', department: 'ophthalmology' },
  { offset: '14369124', what: 'episcleritis', department: 'ophthalmology' },
  { offset: '14365174', what: 'dacryocystitis', department: 'ophthalmology' },
  { offset: '14375034', what: 'otitis', department: 'ent' },
  { offset: '14373212', what: 'mastoiditis', department: 'ent' },
  { offset: '14378643', what: 'sinusitis', department: 'ent' },
  { offset: '14378465', what: 'rhinitis', department: 'ent' },
  { offset: '14380656', what: 'tonsillitis', department: 'ent' },
  { offset: '14372448', what: 'laryngitis', department: 'ent' },
  { offset: '14372613', what: 'laryngopharyngitis', department: 'ent' },
  { offset: '14368957', what: 'epiglottitis', department: 'ent' },
  { offset: '14375975', what: 'parotitis', department: 'ent' },
  { offset: '14379130', what: 'sialadenitis', department: 'ent' },
  { offset: '14381347', what: 'uvulitis', department: 'ent' },
  { offset: '14381098', what: 'ulitis', department: 'dentistry' },
  { offset: '14281495', what: 'alveolitis', department: 'dentistry' },
  { offset: '14379449', what: 'stomatitis', department: 'dentistry' },
  { offset: '14370314', what: 'glossitis', department: 'dentistry' },
  { offset: '14363587', what: 'cheilitis', department: 'dermatology' },
  { offset: '14363319', what: 'cellulitis', department: 'dermatology' },
  { offset: '14369595', what: 'folliculitis', department: 'dermatology' },
  { offset: '14365537', what: 'encephalitis', department: 'neurology' },
  { offset: '14365938', what: 'encephalomyelitis', department: 'neurology' },
  { offset: '14373611', what: 'myelitis', department: 'neurology' },
  { offset: '14374242', what: 'neuritis', department: 'neurology' },
  { offset: '14378156', what: 'radiculitis', department: 'neurology' },
  { offset: '14383221', what: 'meningism', department: 'neurology' },
  { offset: '14362347', what: 'carditis', department: 'cardiology' },
  { offset: '14281795', what: 'aortitis', department: 'cardiology' },
  { offset: '14282111', what: 'arteritis', department: 'cardiology' },
  { offset: '14366043', what: 'endarteritis', department: 'cardiology' },
  { offset: '14376295', what: 'phlebitis', department: 'cardiology' },
  { offset: '14381879', what: 'valvulitis', department: 'cardiology' },
  { offset: '14377400', what: 'pneumonitis', department: 'respiratory' },
  { offset: '14380775', what: 'tracheitis', department: 'respiratory' },
  { offset: '14380859', what: 'tracheobronchitis', department: 'respiratory' },
  { offset: '14372716', what: 'laryngotracheobronchitis', department: 'respiratory' },
  { offset: '14281281', what: 'alveolitis', department: 'respiratory' },
  { offset: '14377867', what: 'prostatitis', department: 'urology' },
  { offset: '14368860', what: 'epididymitis', department: 'urology' },
  { offset: '14374499', what: 'orchitis', department: 'urology' },
  { offset: '14284400', what: 'balanitis', department: 'urology' },
  { offset: '14284493', what: 'balanoposthitis', department: 'urology' },
  { offset: '14377526', what: 'posthitis', department: 'urology' },
  { offset: '14381175', what: 'ureteritis', department: 'urology' },
  { offset: '14369685', what: 'funiculitis', department: 'urology' },
  { offset: '14382114', what: 'vasovesiculitis', department: 'urology' },
  { offset: '14382265', what: 'vesiculitis', department: 'urology' },
  { offset: '14363496', what: 'cervicitis', department: 'gynaecology_obstetrics' },
  { offset: '14368286', what: 'endocervicitis', department: 'gynaecology_obstetrics' },
  { offset: '14364658', what: 'colpitis', department: 'gynaecology_obstetrics' },
  { offset: '14364739', what: 'colpocystitis', department: 'gynaecology_obstetrics' },
  { offset: '14373122', what: 'mastitis', department: 'gynaecology_obstetrics' },
  { offset: '14373297', what: 'metritis', department: 'gynaecology_obstetrics' },
  { offset: '14373853', what: 'myometritis', department: 'gynaecology_obstetrics' },
  { offset: '14374407', what: 'oophoritis', department: 'gynaecology_obstetrics' },
  { offset: '14375400', what: 'ovaritis', department: 'gynaecology_obstetrics' },
  { offset: '14375860', what: 'parametritis', department: 'gynaecology_obstetrics' },
  { offset: '14378864', what: 'salpingitis', department: 'gynaecology_obstetrics' },
  { offset: '14381740', what: 'vaginitis', department: 'gynaecology_obstetrics' },
  { offset: '14382398', what: 'vulvitis', department: 'gynaecology_obstetrics' },
  { offset: '14382478', what: 'vulvovaginitis', department: 'gynaecology_obstetrics' },
  { offset: '14380565', what: 'thyroiditis', department: 'endocrinology' },
  { offset: '14284886', what: 'bursitis', department: 'orthopaedics' },
  { offset: '14368709', what: 'epicondylitis', department: 'orthopaedics' },
  { offset: '14379983', what: 'tendinitis', department: 'orthopaedics' },
  { offset: '14379733', what: 'synovitis', department: 'orthopaedics' },
  { offset: '14374726', what: 'osteitis', department: 'orthopaedics' },
  { offset: '14379306', what: 'spondylitis', department: 'orthopaedics' },
  { offset: '14365057', what: 'costochondritis', department: 'orthopaedics' },
  { offset: '14370945', what: 'hydrarthrosis', department: 'orthopaedics' },
  { offset: '14592567', what: 'shin splints', department: 'orthopaedics' },
  { offset: '14378047', what: 'rachitis', department: 'orthopaedics' },

  // Syndromes
  { offset: '05905605', what: 'autism', department: 'psychiatry_psychology' },
  { offset: '14079762', what: 'attention deficit disorder', department: 'psychiatry_psychology' },
  { offset: '14330702', what: 'Munchausen\'s syndrome', department: 'psychiatry_psychology' },
  { offset: '14334544', what: 'Tourette\'s syndrome', department: 'neurology' },
  { offset: '14332821', what: 'restless legs syndrome', department: 'neurology' },
  { offset: '14332372', what: 'Ramsay Hunt syndrome', department: 'neurology' },
  { offset: '14180222', what: 'Horner\'s syndrome', department: 'neurology' },
  { offset: '14331595', what: 'phantom limb syndrome', department: 'neurology' },
  { offset: '14333080', what: 'Reye\'s syndrome', department: 'paediatrics' },
  { offset: '14328885', what: 'fetal alcohol syndrome', department: 'paediatrics' },
  { offset: '14493350', what: 'tetralogy of Fallot', department: 'cardiology' },
  { offset: '14331151', what: 'nephrotic syndrome', department: 'internal_medicine' },
  { offset: '14331738', what: 'premenstrual syndrome', department: 'gynaecology_obstetrics' },
  { offset: '14328576', what: 'Conn\'s syndrome', department: 'endocrinology' },
  { offset: '14494638', what: 'Zollinger-Ellison syndrome', department: 'gastroenterology' },
  { offset: '14330462', what: 'malabsorption syndrome', department: 'gastroenterology' },
  { offset: '14493728', what: 'toxic shock', department: 'infectious_diseases' },
  { offset: '14328149', what: 'cervical disc syndrome', department: 'orthopaedics' },
  { offset: '14333365', what: 'scalenus syndrome', department: 'orthopaedics' },
  { offset: '14334257', what: 'thoracic outlet syndrome', department: 'orthopaedics' },
  { offset: '14334414', what: 'Tietze\'s syndrome', department: 'orthopaedics' },

  // Diseases by organ system
  { offset: '14080853', what: 'cardiovascular disease', department: 'cardiology' },
  { offset: '14136337', what: 'heart attack', department: 'cardiology' },
  { offset: '14136503', what: 'myocardial infarction', department: 'cardiology' },
  { offset: '14196966', what: 'sore throat', department: 'ent' },
  { offset: '14139130', what: 'nephrolithiasis', department: 'urology' },
  { offset: '14094901', what: 'angiopathy', department: 'cardiology' },
  { offset: '14048052', what: 'asystole', department: 'cardiology' },
  { offset: '14243143', what: 'skin disease', department: 'dermatology' },
  { offset: '14103343', what: 'onychosis', department: 'dermatology' },
  { offset: '14168577', what: 'respiratory disease', department: 'respiratory' },
  { offset: '14526480', what: 'atelectasis', department: 'respiratory' },
  { offset: '14588515', what: 'sarcoidosis', department: 'respiratory' },
  { offset: '14145535', what: 'communicable disease', department: 'infectious_diseases' },
  { offset: '14145979', what: 'influenza', department: 'infectious_diseases' }, // also a respiratory disease in WordNet
  { offset: '14107272', what: 'mental disorder', department: 'psychiatry_psychology' },
  { offset: '14079105', what: 'eating disorder', department: 'psychiatry_psychology' },
  { offset: '14084170', what: 'learning disorder', department: 'psychiatry_psychology' },
  { offset: '14108362', what: 'nervous disorder', department: 'neurology' },
  { offset: '14321198', what: 'sleep disorder', department: 'neurology' },
  { offset: '14424081', what: 'speech disorder', department: 'neurology' },
  { offset: '14094717', what: 'disease of the neuromuscular junction', department: 'neurology' },
  { offset: '14231920', what: 'neuropathy', department: 'neurology' },
  { offset: '14232683', what: 'myopathy', department: 'neurology' },
  { offset: '14101903', what: 'Meniere\'s disease', department: 'ent' },
  { offset: '14420294', what: 'rhinopathy', department: 'ent' },
  { offset: '14375568', what: 'ozena', department: 'ent' },
  { offset: '14375482', what: 'otorrhea', department: 'ent' },
  { offset: '14276346', what: 'eye disease', department: 'ophthalmology' },
  { offset: '14139803', what: 'liver disease', department: 'gastroenterology' },
  { offset: '14098088', what: 'enteropathy', department: 'gastroenterology' },
  { offset: '14092167', what: 'food poisoning', department: 'gastroenterology' },
  { offset: '14195487', what: 'gastroenteritis', department: 'gastroenterology' },
  { offset: '14081310', what: 'celiac disease', department: 'gastroenterology' },
  { offset: '14055962', what: 'diverticulosis', department: 'gastroenterology' },
  { offset: '14359409', what: 'reflux', department: 'gastroenterology' },
  { offset: '14342354', what: 'hyperbilirubinemia', department: 'gastroenterology' },
  { offset: '14133507', what: 'ascites', department: 'gastroenterology' },
  { offset: '14424383', what: 'sprue', department: 'gastroenterology' },
  { offset: '14077947', what: 'acholia', department: 'gastroenterology' },
  { offset: '14077744', what: 'achlorhydria', department: 'gastroenterology' },
  { offset: '14078124', what: 'achylia', department: 'gastroenterology' },
  { offset: '14082625', what: 'dysphagia', department: 'gastroenterology' },
  { offset: '14597559', what: 'volvulus', department: 'general_surgery' },
  { offset: '14318891', what: 'hernia', department: 'general_surgery' },
  { offset: '14336867', what: 'gangrene', department: 'general_surgery' },
  { offset: '14083410', what: 'glandular disease', department: 'endocrinology' },
  { offset: '14107984', what: 'metabolic disorder', department: 'endocrinology' },
  { offset: '14141287', what: 'diabetes', department: 'endocrinology' },
  { offset: '14222959', what: 'goiter', department: 'endocrinology' },
  { offset: '14043071', what: 'acidosis', department: 'internal_medicine' },
  { offset: '14044737', what: 'alkalosis', department: 'internal_medicine' },
  { offset: '14221682', what: 'deficiency disease', department: 'nutrition' },
  { offset: '14174621', what: 'genetic disease', department: 'internal_medicine' },
  { offset: '14195164', what: 'inflammatory disease', department: 'internal_medicine' },
  { offset: '14210023', what: 'arthritis', department: 'orthopaedics' },
  { offset: '14212286', what: 'gout', department: 'internal_medicine' },
  { offset: '14210220', what: 'rheumatoid arthritis', department: 'internal_medicine' },
  { offset: '14589710', what: 'urinary tract infection', department: 'urology' },
  { offset: '14080703', what: 'bladder disorder', department: 'urology' },
  { offset: '14596741', what: 'uropathy', department: 'urology' },
  { offset: '14082734', what: 'dysuria', department: 'urology' },
  { offset: '14089385', what: 'anuresis', department: 'urology' },
  { offset: '14489706', what: 'hydronephrosis', department: 'urology' },
  { offset: '14234046', what: 'priapism', department: 'urology' },
  { offset: '14217053', what: 'hydrocele', department: 'urology' },
  { offset: '14234453', what: 'uremia', department: 'internal_medicine' },
  { offset: '14210860', what: 'autoimmune disease', department: 'internal_medicine' },
  { offset: '13997437', what: 'immunological disorder', department: 'internal_medicine' },
  { offset: '14151264', what: 'AIDS', department: 'infectious_diseases' },
  { offset: '14104104', what: 'periodontal disease', department: 'dentistry' },
  { offset: '14234370', what: 'pyorrhea', department: 'dentistry' },
  { offset: '14084411', what: 'malocclusion', department: 'dentistry' },
  { offset: '14083899', what: 'impaction', department: 'dentistry' },
  { offset: '14077447', what: 'abocclusion', department: 'dentistry' },
  { offset: '14081548', what: 'cheilosis', department: 'dermatology' },
  { offset: '14228245', what: 'endometriosis', department: 'gynaecology_obstetrics' },
  { offset: '14077584', what: 'abruptio placentae', department: 'gynaecology_obstetrics' },
  { offset: '14214519', what: 'toxemia of pregnancy', department: 'gynaecology_obstetrics' },
  { offset: '14221862', what: 'fibrocystic breast disease', department: 'gynaecology_obstetrics' },
  { offset: '14231824', what: 'mastopathy', department: 'gynaecology_obstetrics' },
  { offset: '14081938', what: 'colpoxerosis', department: 'gynaecology_obstetrics' },
  { offset: '14340860', what: 'hematocolpometra', department: 'gynaecology_obstetrics' },
  { offset: '14340989', what: 'hematocolpos', department: 'gynaecology_obstetrics' },
  { offset: '14233836', what: 'osteoporosis', department: 'orthopaedics' },
  { offset: '14047767', what: 'arthropathy', department: 'orthopaedics' },
  { offset: '14045991', what: 'ankylosis', department: 'orthopaedics' },
  { offset: '14315592', what: 'fracture', department: 'orthopaedics' },
  { offset: '14099752', what: 'Kawasaki disease', department: 'paediatrics' },
  { offset: '14147241', what: 'exanthema subitum', department: 'paediatrics' },

  // Medicines by what they treat
  { offset: '02719116', what: 'antibacterial', department: 'infectious_diseases' },
  { offset: '02728292', what: 'antiviral', department: 'infectious_diseases' },
  { offset: '02724085', what: 'antihypertensive', department: 'cardiology' },
  { offset: '02721722', what: 'antidepressant', department: 'psychiatry_psychology' },
  { offset: '04023823', what: 'psychotropic agent', department: 'psychiatry_psychology' },
  { offset: '04477467', what: 'tranquilizer', department: 'psychiatry_psychology' },
  { offset: '02725383', what: 'antineoplastic', department: 'oncology' },
  { offset: '03162653', what: 'cytotoxic drug', department: 'oncology' },
  { offset: '02710542', what: 'analgesic', department: 'general_practice' },
  { offset: '02724463', what: 'anti-inflammatory', department: 'general_practice' },
  { offset: '02723650', what: 'antihistamine', department: 'general_practice' },
  { offset: '03253661', what: 'drug of abuse', department: 'psychiatry_psychology' },
  { offset: '03814104', what: 'narcotic', department: 'psychiatry_psychology' },

  // What people look for first that WordNet files outside the medical roots
  { offset: '14105785', what: 'stroke', category: 'disease', department: 'neurology', include: 'subtree' },
  { offset: '14039832', what: 'fatigue', category: 'symptom', department: 'general_practice', include: 'self' },
  { offset: '00119553', what: 'vomit', category: 'symptom', department: 'gastroenterology', include: 'self' },
  { offset: '14556418', what: 'allergy', category: 'disease', department: 'general_practice', include: 'subtree' },
  { offset: '05007507', what: 'fleshiness', category: 'disease', department: 'endocrinology', include: 'self' },
  { offset: '14148948', what: 'tinea', category: 'disease', department: 'dermatology', include: 'subtree' },
  { offset: '14418807', what: 'dementia', category: 'disease', department: 'neurology', include: 'subtree' },
  { offset: '14421927', what: 'schizophrenia', category: 'disease', department: 'psychiatry_psychology', include: 'subtree' },
  { offset: '14397837', what: 'anxiety', category: 'symptom', department: 'psychiatry_psychology', include: 'self' },
  { offset: '07536676', what: 'scare', category: 'symptom', department: 'psychiatry_psychology', include: 'self' },
  { offset: '14528966', what: 'scoliosis', category: 'disease', department: 'orthopaedics', include: 'self' },
  { offset: '14576882', what: 'myopia', category: 'disease', department: 'ophthalmology', include: 'self' },
  { offset: '09309106', what: 'gallstone', category: 'disease', department: 'general_surgery', include: 'self' },
  { offset: '14480809', what: 'alopecia', category: 'disease', department: 'dermatology', include: 'subtree' },
  { offset: '15179422', what: 'menopause', category: 'healthy_living', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '14068989', what: 'sterility', category: 'disease', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '00231342', what: 'spontaneous abortion', category: 'disease', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '00837637', what: 'snore', category: 'symptom', department: 'ent', include: 'self' },
  { offset: '14183105', what: 'mongolism', category: 'disease', department: 'paediatrics', include: 'self' },
  { offset: '07426090', what: 'concussion', category: 'disease', department: 'neurology', include: 'self' },
  { offset: '14067936', what: 'hypothermia', category: 'disease', department: 'general_practice', include: 'self' },
  { offset: '14064328', what: 'dehydration', category: 'symptom', department: 'general_practice', include: 'self' },
  { offset: '14557149', what: 'anaphylaxis', category: 'disease', department: 'general_practice', include: 'self' },
  { offset: '14125283', what: 'pulmonary embolism', category: 'disease', department: 'respiratory', include: 'self' },
  { offset: '14125557', what: 'thrombosis', category: 'disease', department: 'cardiology', include: 'subtree' },
  { offset: '04524830', what: 'vaccine', category: 'drug', department: 'infectious_diseases', include: 'subtree' },
  { offset: '05417989', what: 'insulin', category: 'drug', department: 'endocrinology', include: 'subtree' },
  { offset: '14801765', what: 'omeprazole', category: 'drug', department: 'gastroenterology', include: 'self' },
  { offset: '14802178', what: 'antacid', category: 'drug', department: 'gastroenterology', include: 'self' },
  { offset: '04107714', what: 'roentgenogram', category: 'test', department: null, include: 'subtree' },
  { offset: '00903174', what: 'computerized tomography', category: 'test', department: null, include: 'self' },
  { offset: '00904277', what: 'magnetic resonance imaging', category: 'test', department: null, include: 'self' },
  { offset: '07017173', what: 'electrocardiogram', category: 'test', department: 'cardiology', include: 'self' },
  { offset: '00643288', what: 'endoscopy', category: 'test', department: 'gastroenterology', include: 'subtree' },
  { offset: '00647575', what: 'urinalysis', category: 'test', department: 'urology', include: 'self' },
  { offset: '05273738', what: 'cervical smear', category: 'test', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '00654046', what: 'blood count', category: 'test', department: null, include: 'self' },
  { offset: '00186627', what: 'cesarean delivery', category: 'procedure', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '00663583', what: 'chemotherapy', category: 'procedure', department: 'oncology', include: 'self' },
  { offset: '00706833', what: 'radiotherapy', category: 'procedure', department: 'oncology', include: 'self' },
  { offset: '00701253', what: 'physical therapy', category: 'procedure', department: 'orthopaedics', include: 'self' },
  { offset: '00825545', what: 'inoculation', category: 'procedure', department: 'infectious_diseases', include: 'self' },
  { offset: '00396462', what: 'circumcision', category: 'procedure', department: 'urology', include: 'self' },
  { offset: '00231191', what: 'abortion', category: 'procedure', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '14069684', what: 'pregnancy', category: 'healthy_living', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '00853811', what: 'contraception', category: 'healthy_living', department: 'gynaecology_obstetrics', include: 'self' },
  { offset: '03092620', what: 'condom', category: 'healthy_living', department: null, include: 'self' },
  { offset: '13518175', what: 'incontinence', category: 'symptom', department: 'urology', include: 'subtree' },
  { offset: '14477916', what: 'pediculosis', category: 'disease', department: 'dermatology', include: 'subtree' },
  { offset: '14205195', what: 'candidiasis', category: 'disease', department: 'infectious_diseases', include: 'subtree' },

  // Operations by organ
  { offset: '00672594', what: 'operation', department: 'general_surgery' },
  { offset: '00675106', what: 'eye operation', department: 'ophthalmology' },
];

export interface Placement {
  category: string;
  department: string | null;
}

const RULES = new Map(TAXONOMY.map((r) => [r.offset, r]));

/** The category and department of a synset, or null when it is not an encyclopedia entry. */
export function place(offset: string, synsets: Map<string, Synset>, rules: Map<string, TaxonomyRule> = RULES): Placement | null {
  let category: string | null | undefined;
  let department: string | null | undefined;
  let level = [offset];
  const seen = new Set<string>(level);
  for (let depth = 0; level.length > 0 && (category === undefined || department === undefined); depth++) {
    for (const o of level) {
      const rule = rules.get(o);
      if (!rule) continue;
      if (rule.self && depth > 0) {
        if (category === undefined && rule.below !== undefined) category = rule.below;
        continue;
      }
      if (category === undefined && rule.category !== undefined) category = rule.category;
      if (department === undefined && rule.department !== undefined) department = rule.department;
    }
    if (category === null) return null;
    const next: string[] = [];
    for (const o of level) {
      for (const h of synsets.get(o)?.hypernyms ?? []) {
        if (!seen.has(h)) {
          seen.add(h);
          next.push(h);
        }
      }
    }
    level = next;
  }
  if (!category) return null;
  return { category, department: department ?? null };
}
