// Hand-written French and Chinese texts of the entries people look for first: short,
// plain-language and conservative (what it is, and when to see a doctor), reviewed by the
// demo doctors (French by Hélène Dupont, Chinese by 李伟). A reader whose language has one
// reads it instead of the English text; an entry's translation, once there, is never replaced
// by the seed. Titles and lay words for search are in encyclopedia.lay-terms.ts.
import type { Lang } from './encyclopedia.schema.ts';

type Text = { title: string; overview: string; whenToSeeADoctor: string };

export const TRANSLATION_REVIEWERS: Record<'fr' | 'zh', string> = { fr: 'dr.dupont@lotus.demo', zh: 'dr.li@lotus.demo' };

export const TRANSLATIONS: Record<string, Partial<Record<Exclude<Lang, 'en'>, Text>>> = {
  'common-cold': {
    fr: {
      title: 'Rhume',
      overview:
        'Le rhume est une infection virale bénigne du nez et de la gorge : nez qui coule ou bouché, éternuements, mal de gorge, parfois une petite fièvre. Il guérit seul en 7 à 10 jours ; les antibiotiques ne servent à rien.',
      whenToSeeADoctor:
        'Consultez si la fièvre dépasse 3 jours, si vous avez du mal à respirer, une douleur d’oreille ou de sinus intense, ou si les symptômes durent plus de 10 jours.',
    },
    zh: {
      title: '普通感冒',
      overview: '普通感冒是鼻和咽喉的病毒感染，表现为流鼻涕、鼻塞、打喷嚏、咽痛，有时低热。一般7到10天自愈，抗生素无效。',
      whenToSeeADoctor: '发热超过3天、呼吸困难、耳朵或鼻窦剧痛，或症状超过10天不见好转时，请就医。',
    },
  },
  'kidney-cancer': {
    fr: {
      title: 'Cancer du rein',
      overview:
        'Le cancer du rein naît le plus souvent dans la paroi des petits tubes du rein. Il est plus fréquent après 60 ans, chez les fumeurs, en cas d’obésité et d’hypertension. Beaucoup sont découverts par hasard lors d’un examen d’imagerie.',
      whenToSeeADoctor: 'Consultez si vous voyez du sang dans vos urines ou si une douleur sur le côté ne passe pas.',
    },
    zh: {
      title: '肾癌',
      overview: '肾癌多起源于肾脏小管的内壁。60岁以后、吸烟者以及肥胖和高血压人群更常见。很多是在因其他原因做影像检查时偶然发现的。',
      whenToSeeADoctor: '发现尿中带血，或腰部一侧疼痛持续不缓解时，请就医。',
    },
  },
  'stomach-cancer': {
    fr: {
      title: 'Cancer de l’estomac',
      overview:
        'Le cancer de l’estomac naît dans la paroi de l’estomac. Une infection prolongée par Helicobacter pylori, le tabac, une alimentation riche en sel et en aliments fumés et les antécédents familiaux augmentent le risque.',
      whenToSeeADoctor:
        'Consultez si une indigestion dure plus de trois semaines, si vous avez du mal à avaler, si vous maigrissez sans raison, vomissez du sang ou avez des selles noires.',
    },
    zh: {
      title: '胃癌',
      overview: '胃癌起源于胃黏膜。长期幽门螺杆菌感染、吸烟、高盐和熏制食物以及家族史会增加风险，在东亚更为常见。',
      whenToSeeADoctor: '消化不良超过三周、吞咽困难、不明原因消瘦、呕血或黑便时，请就医。',
    },
  },
  'thyroid-cancer': {
    fr: {
      title: 'Cancer de la thyroïde',
      overview:
        'Le cancer de la thyroïde naît dans la glande thyroïde, à l’avant du cou. La plupart évoluent lentement et guérissent avec le traitement. Il est plus fréquent chez la femme.',
      whenToSeeADoctor: 'Consultez si vous sentez une boule dans le cou ou si votre voix reste enrouée plus de trois semaines.',
    },
    zh: {
      title: '甲状腺癌',
      overview: '甲状腺癌起源于颈前部的甲状腺。大多数进展缓慢，经治疗可以治愈。女性更为常见。',
      whenToSeeADoctor: '发现颈部肿块，或声音嘶哑超过三周时，请就医。',
    },
  },
  'oesophageal-cancer': {
    fr: {
      title: 'Cancer de l’œsophage',
      overview:
        'Le cancer de l’œsophage naît dans le conduit qui mène les aliments à l’estomac. Le tabac, l’alcool, un reflux acide ancien et les boissons très chaudes augmentent le risque.',
      whenToSeeADoctor:
        'Consultez si avaler devient difficile, si les aliments se bloquent, ou si vous avez des brûlures d’estomac presque tous les jours depuis trois semaines.',
    },
    zh: {
      title: '食管癌',
      overview: '食管癌起源于把食物送入胃的食管。吸烟、饮酒、长期胃酸反流和常喝很烫的饮品会增加风险。',
      whenToSeeADoctor: '出现吞咽困难、进食有梗阻感，或几乎每天烧心持续三周以上时，请就医。',
    },
  },
  'bladder-cancer': {
    fr: {
      title: 'Cancer de la vessie',
      overview:
        'Le cancer de la vessie naît dans la paroi interne de la vessie. Le tabac en est la première cause. Découvert tôt, quand il ne touche que la paroi, il se soigne le plus souvent bien. Le signe le plus fréquent est du sang dans les urines, souvent sans douleur.',
      whenToSeeADoctor: 'Consultez dès que vous voyez du sang dans vos urines, même une seule fois et même sans douleur.',
    },
    zh: {
      title: '膀胱癌',
      overview: '膀胱癌起源于膀胱内壁，吸烟是最主要的病因。早期发现、仅局限于内壁时，多数可以治愈。最常见的表现是血尿，常常不伴疼痛。',
      whenToSeeADoctor: '只要发现尿中带血，哪怕只有一次、没有疼痛，也请就医。',
    },
  },
  'ovarian-cancer': {
    fr: {
      title: 'Cancer de l’ovaire',
      overview:
        'Le cancer de l’ovaire naît dans les ovaires ou les trompes. Il est plus fréquent après la ménopause et en cas d’antécédents familiaux de cancer de l’ovaire ou du sein. Ses premiers signes sont discrets : ballonnements, sensation d’être vite rassasiée, douleurs du bas-ventre, envies fréquentes d’uriner.',
      whenToSeeADoctor: 'Consultez si ces signes sont présents presque tous les jours pendant trois semaines ou plus, surtout après 50 ans.',
    },
    zh: {
      title: '卵巢癌',
      overview: '卵巢癌起源于卵巢或输卵管，绝经后以及有卵巢癌或乳腺癌家族史的女性更常见。早期症状不明显：腹胀、很快就有饱腹感、下腹或盆腔疼痛、尿频。',
      whenToSeeADoctor: '如果这些症状几乎每天出现并持续三周以上，尤其是50岁以后，请就医。',
    },
  },
  influenza: {
    fr: {
      title: 'Grippe',
      overview:
        'La grippe est une infection respiratoire due aux virus influenza : fièvre brutale, courbatures, grande fatigue, toux sèche et maux de tête. Elle dure en général une semaine. Le vaccin annuel protège, surtout les personnes fragiles.',
      whenToSeeADoctor:
        'Consultez rapidement en cas de difficulté à respirer, de douleur thoracique, de confusion, si vous êtes enceinte, âgé ou atteint d’une maladie chronique, ou si la fièvre revient après une amélioration.',
    },
    zh: {
      title: '流行性感冒',
      overview:
        '流感由流感病毒引起，起病急，表现为高热、全身酸痛、明显乏力、干咳和头痛，通常持续约一周。每年接种流感疫苗可以预防，尤其适合老人、孕妇和慢性病患者。',
      whenToSeeADoctor: '出现呼吸困难、胸痛、意识模糊，或孕妇、老人、慢性病患者患流感，或热退后再次发热时，请尽快就医。',
    },
  },
  cough: {
    fr: {
      title: 'Toux',
      overview: 'La toux est un réflexe qui dégage les voies respiratoires. Elle accompagne souvent un rhume et disparaît en deux à trois semaines.',
      whenToSeeADoctor:
        'Consultez si la toux dure plus de 3 semaines, si vous crachez du sang, si vous êtes essoufflé, si vous avez de la fièvre qui persiste ou si vous perdez du poids.',
    },
    zh: {
      title: '咳嗽',
      overview: '咳嗽是清除呼吸道分泌物和异物的反射，常伴随感冒出现，一般两到三周内消失。',
      whenToSeeADoctor: '咳嗽超过3周、咳血、气短、持续发热或体重下降时，请就医。',
    },
  },
  fever: {
    fr: {
      title: 'Fièvre',
      overview:
        'La fièvre est une température du corps de 38 °C ou plus. C’est le plus souvent une réaction à une infection. Reposez-vous et buvez suffisamment.',
      whenToSeeADoctor:
        'Consultez pour un bébé de moins de 3 mois avec de la fièvre, une fièvre au-delà de 3 jours, ou en urgence devant une raideur de la nuque, des taches sur la peau qui ne s’effacent pas à la pression, une confusion ou une difficulté à respirer.',
    },
    zh: {
      title: '发热',
      overview: '体温达到或超过38℃称为发热，多数是身体对感染的反应。注意休息，多喝水。',
      whenToSeeADoctor: '3个月以下婴儿发热、发热超过3天，或出现颈部僵硬、按压不褪色的皮疹、意识模糊、呼吸困难时，请立即就医。',
    },
  },
  headache: {
    fr: {
      title: 'Mal de tête',
      overview:
        'Le mal de tête (céphalée) est très fréquent et le plus souvent bénin : fatigue, stress, manque de sommeil ou d’eau. Le repos et un antalgique simple suffisent en général.',
      whenToSeeADoctor:
        'Appelez les urgences pour un mal de tête brutal et très violent, avec fièvre et raideur de la nuque, après un choc à la tête, ou avec une faiblesse, des troubles de la parole ou de la vue.',
    },
    zh: {
      title: '头痛',
      overview: '头痛非常常见，多数为良性，常与疲劳、压力、睡眠不足或饮水少有关。休息或服用普通止痛药通常即可缓解。',
      whenToSeeADoctor: '突然剧烈头痛、伴发热和颈部僵硬、头部受伤后头痛，或伴肢体无力、说话或视物异常时，请立即拨打急救电话。',
    },
  },
  migraine: {
    fr: {
      title: 'Migraine',
      overview:
        'La migraine est une maladie neurologique qui donne des crises de mal de tête souvent d’un seul côté, pulsatile, avec nausées et gêne à la lumière ou au bruit, durant de quelques heures à trois jours.',
      whenToSeeADoctor:
        'Consultez si les crises sont fréquentes ou changent d’aspect ; en urgence si le mal de tête est brutal et inhabituel ou s’accompagne d’une faiblesse ou de troubles de la parole.',
    },
    zh: {
      title: '偏头痛',
      overview: '偏头痛是一种神经系统疾病，反复发作头痛，常为一侧搏动性疼痛，伴恶心、怕光怕声，持续数小时至三天。',
      whenToSeeADoctor: '发作频繁或头痛性质改变时请就诊；突然出现从未有过的剧烈头痛，或伴肢体无力、言语不清时，请立即就医。',
    },
  },
  'myocardial-infarction': {
    fr: {
      title: 'Infarctus du myocarde',
      overview:
        'L’infarctus (crise cardiaque) survient quand une artère du cœur se bouche et qu’une partie du muscle cardiaque manque d’oxygène. Signes : douleur ou serrement dans la poitrine pouvant irradier vers le bras, la mâchoire ou le dos, essoufflement, sueurs, nausées.',
      whenToSeeADoctor: 'Appelez immédiatement le 15 (ou le 112) si vous pensez à un infarctus. Chaque minute compte.',
    },
    zh: {
      title: '心肌梗死',
      overview: '心肌梗死（心梗）是心脏的冠状动脉突然堵塞，部分心肌缺血坏死。表现为胸口压榨样疼痛或闷痛，可放射到手臂、下颌或背部，伴气短、出汗、恶心。',
      whenToSeeADoctor: '怀疑心梗时请立即拨打120，每一分钟都很重要。',
    },
  },
  'high-blood-pressure': {
    fr: {
      title: 'Hypertension artérielle',
      overview:
        'L’hypertension est une pression du sang trop élevée dans les artères (140/90 mmHg ou plus au cabinet). Elle ne donne souvent aucun symptôme mais augmente le risque d’AVC, d’infarctus et de maladie des reins.',
      whenToSeeADoctor:
        'Faites mesurer votre tension régulièrement. Consultez en urgence si une tension très élevée s’accompagne de douleur thoracique, de mal de tête violent, de troubles de la vue ou d’une faiblesse.',
    },
    zh: {
      title: '高血压',
      overview: '高血压是动脉内血压持续偏高（诊室血压140/90 mmHg及以上），常常没有症状，但会增加中风、心梗和肾病的风险。',
      whenToSeeADoctor: '请定期测量血压。血压很高并伴胸痛、剧烈头痛、视物模糊或肢体无力时，请立即就医。',
    },
  },
  asthma: {
    fr: {
      title: 'Asthme',
      overview:
        'L’asthme est une maladie chronique des bronches qui donne des crises de gêne respiratoire, de sifflements et de toux, souvent la nuit ou à l’effort. Un traitement de fond bien suivi permet une vie normale.',
      whenToSeeADoctor: 'Appelez les urgences si le médicament de crise ne soulage pas, si vous ne pouvez plus parler en phrases ou si les lèvres bleuissent.',
    },
    zh: {
      title: '哮喘',
      overview: '哮喘是一种慢性气道疾病，反复出现气喘、喘鸣和咳嗽，夜间或运动时多见。坚持规范的长期治疗可以正常生活。',
      whenToSeeADoctor: '使用急救药物后仍不缓解、说话不能成句或嘴唇发紫时，请立即拨打急救电话。',
    },
  },
  pneumonia: {
    fr: {
      title: 'Pneumonie',
      overview:
        'La pneumonie est une infection des poumons : fièvre, toux, essoufflement, parfois douleur dans la poitrine. Elle peut être grave chez les jeunes enfants et les personnes âgées.',
      whenToSeeADoctor:
        'Consultez rapidement en cas de fièvre avec toux et essoufflement ; en urgence si la respiration est difficile, les lèvres bleuissent ou la personne est confuse.',
    },
    zh: {
      title: '肺炎',
      overview: '肺炎是肺部的感染，表现为发热、咳嗽、气短，有时胸痛。婴幼儿和老年人患病可能较重。',
      whenToSeeADoctor: '发热伴咳嗽、气短时请尽快就医；呼吸困难、嘴唇发紫或意识模糊时请立即急诊。',
    },
  },
  'sore-throat': {
    fr: {
      title: 'Mal de gorge',
      overview: 'Le mal de gorge vient le plus souvent d’un virus et passe en une semaine. Boire chaud, sucer des pastilles et un antalgique simple soulagent.',
      whenToSeeADoctor:
        'Consultez si la douleur est forte avec fièvre sans toux, si elle dure plus d’une semaine ; en urgence si vous avez du mal à avaler votre salive, à respirer ou à ouvrir la bouche.',
    },
    zh: {
      title: '咽喉痛',
      overview: '咽喉痛多数由病毒引起，一周左右好转。多喝温水、含润喉片或服用普通止痛药可以缓解。',
      whenToSeeADoctor: '疼痛剧烈伴发热且无咳嗽，或超过一周不愈时请就诊；吞咽口水困难、呼吸困难或张口困难时请立即急诊。',
    },
  },
  gastroenteritis: {
    fr: {
      title: 'Gastro-entérite',
      overview:
        'La gastro-entérite est une infection de l’intestin, le plus souvent virale : diarrhée, vomissements, crampes, parfois fièvre. Elle guérit en quelques jours ; le principal risque est la déshydratation.',
      whenToSeeADoctor:
        'Consultez si vous ne pouvez pas boire, en cas de sang dans les selles, de fièvre élevée, de signes de déshydratation (bouche sèche, peu d’urine), ou rapidement pour un nourrisson ou une personne âgée.',
    },
    zh: {
      title: '胃肠炎',
      overview: '胃肠炎是肠道的感染，多由病毒引起，表现为腹泻、呕吐、腹部绞痛，有时发热。数天内可好转，最主要的风险是脱水。',
      whenToSeeADoctor: '无法喝水、大便带血、高热、出现脱水（口干、尿少），或婴儿、老人患病时，请尽快就医。',
    },
  },
  diarrhea: {
    fr: {
      title: 'Diarrhée',
      overview:
        'La diarrhée, ce sont des selles liquides au moins trois fois par jour. Elle passe en général en quelques jours. Buvez souvent, par petites quantités, de préférence une solution de réhydratation.',
      whenToSeeADoctor:
        'Consultez si elle dure plus de 2 jours chez l’adulte, en cas de sang dans les selles, de fièvre élevée ou de déshydratation, et rapidement pour un nourrisson.',
    },
    zh: {
      title: '腹泻',
      overview: '腹泻是指一天排稀便三次或以上，通常几天内好转。请少量多次饮水，最好用口服补液盐。',
      whenToSeeADoctor: '成人腹泻超过2天、大便带血、高热或出现脱水时请就医；婴儿腹泻请尽快就医。',
    },
  },
  constipation: {
    fr: {
      title: 'Constipation',
      overview:
        'La constipation, ce sont des selles rares, dures ou difficiles à évacuer. Boire davantage, manger des fibres (fruits, légumes, céréales complètes) et bouger aident le plus souvent.',
      whenToSeeADoctor:
        'Consultez en cas de sang dans les selles, de perte de poids, de douleurs abdominales fortes, ou si un changement du transit dure plus de 3 semaines.',
    },
    zh: {
      title: '便秘',
      overview: '便秘是指排便次数少、大便干硬或排出困难。多喝水、多吃富含纤维的食物（蔬菜、水果、全谷物）并多活动，通常可以改善。',
      whenToSeeADoctor: '大便带血、体重下降、腹痛明显，或排便习惯改变超过3周时，请就医。',
    },
  },
  vomiting: {
    fr: {
      title: 'Vomissements',
      overview:
        'Les vomissements accompagnent souvent une gastro-entérite ou une intoxication alimentaire et s’arrêtent en un à deux jours. Buvez de petites gorgées souvent.',
      whenToSeeADoctor:
        'Consultez en urgence si vous vomissez du sang, en cas de douleur abdominale forte, de maux de tête violents avec raideur de la nuque, de déshydratation, ou si rien ne reste plus de 24 heures.',
    },
    zh: {
      title: '呕吐',
      overview: '呕吐常见于胃肠炎或食物中毒，一般一到两天内停止。请少量多次地喝水。',
      whenToSeeADoctor: '呕血、剧烈腹痛、剧烈头痛伴颈部僵硬、出现脱水，或超过24小时什么都吃不下时，请立即就医。',
    },
  },
  heartburn: {
    fr: {
      title: 'Brûlures d’estomac',
      overview:
        'Les brûlures d’estomac sont une sensation de brûlure qui remonte derrière le sternum, souvent après les repas ou en position couchée, due à la remontée d’acide de l’estomac (reflux).',
      whenToSeeADoctor:
        'Consultez si elles sont fréquentes, si avaler devient difficile ou si vous maigrissez ; appelez les urgences si la douleur dans la poitrine s’accompagne d’essoufflement ou de sueurs.',
    },
    zh: {
      title: '烧心',
      overview: '烧心是胸骨后向上的烧灼感，常在饭后或平躺时出现，由胃酸反流引起。',
      whenToSeeADoctor: '经常发作、吞咽困难或体重下降时请就医；胸痛伴气短或出汗时请立即拨打急救电话。',
    },
  },
  appendicitis: {
    fr: {
      title: 'Appendicite',
      overview:
        'L’appendicite est une inflammation de l’appendice. La douleur commence souvent autour du nombril puis se fixe en bas à droite du ventre, avec nausées et parfois fièvre. Elle se traite le plus souvent par une opération.',
      whenToSeeADoctor: 'Consultez en urgence devant une douleur du ventre qui augmente, surtout en bas à droite. Ne prenez ni laxatif ni repas en attendant.',
    },
    zh: {
      title: '阑尾炎',
      overview: '阑尾炎是阑尾的炎症。疼痛常从肚脐周围开始，之后转移到右下腹，伴恶心，有时发热，多数需要手术治疗。',
      whenToSeeADoctor: '腹痛逐渐加重，尤其是右下腹痛时，请立即急诊，就诊前不要吃东西或服用泻药。',
    },
  },
  chickenpox: {
    fr: {
      title: 'Varicelle',
      overview:
        'La varicelle est une maladie virale très contagieuse, fréquente chez l’enfant : petites cloques qui démangent sur tout le corps, avec un peu de fièvre. Elle guérit en une à deux semaines.',
      whenToSeeADoctor:
        'Consultez pour un nouveau-né, une femme enceinte ou une personne immunodéprimée, si les boutons deviennent rouges et douloureux, ou en cas de difficulté à respirer ou de somnolence. Ne donnez pas d’ibuprofène.',
    },
    zh: {
      title: '水痘',
      overview: '水痘是传染性很强的病毒感染，儿童多见，全身出现发痒的小水疱，伴轻度发热，一到两周痊愈。',
      whenToSeeADoctor: '新生儿、孕妇或免疫力低下者患水痘，皮疹红肿疼痛，或出现呼吸困难、嗜睡时，请就医。不要给孩子服用布洛芬。',
    },
  },
  acne: {
    fr: {
      title: 'Acné',
      overview:
        'L’acné est une maladie de la peau fréquente à l’adolescence : points noirs, boutons, parfois kystes sur le visage, le dos et la poitrine. Des traitements efficaces existent.',
      whenToSeeADoctor: 'Consultez si l’acné est douloureuse, laisse des cicatrices, ne s’améliore pas avec les soins de pharmacie ou pèse sur le moral.',
    },
    zh: {
      title: '痤疮',
      overview: '痤疮（青春痘）是青春期常见的皮肤病，面部、背部和胸前出现黑头、丘疹，有时出现囊肿。有有效的治疗方法。',
      whenToSeeADoctor: '痤疮疼痛、留下瘢痕、用药店药物无改善或影响情绪时，请到皮肤科就诊。',
    },
  },
  eczema: {
    fr: {
      title: 'Eczéma',
      overview:
        'L’eczéma (dermatite atopique) donne une peau sèche, rouge et qui démange, par poussées. Hydrater la peau chaque jour et éviter les savons irritants aident.',
      whenToSeeADoctor: 'Consultez si les démangeaisons empêchent de dormir, si la peau suinte, forme des croûtes ou devient douloureuse (signe d’infection).',
    },
    zh: {
      title: '湿疹',
      overview: '湿疹（特应性皮炎）表现为皮肤干燥、发红、瘙痒，反复发作。每天保湿、避免刺激性肥皂有帮助。',
      whenToSeeADoctor: '瘙痒影响睡眠，皮肤渗液、结痂或疼痛（可能感染）时，请就医。',
    },
  },
  insomnia: {
    fr: {
      title: 'Insomnie',
      overview:
        'L’insomnie, c’est avoir du mal à s’endormir, se réveiller la nuit ou trop tôt, avec de la fatigue dans la journée. Des horaires réguliers, moins d’écrans et de caféine le soir aident.',
      whenToSeeADoctor:
        'Consultez si elle dure plus de 3 mois, retentit sur la journée, ou s’accompagne de tristesse, d’anxiété ou de ronflements avec pauses respiratoires.',
    },
    zh: {
      title: '失眠',
      overview: '失眠是指入睡困难、夜间易醒或早醒，白天感到疲倦。规律作息、睡前少用电子设备、少喝咖啡有帮助。',
      whenToSeeADoctor: '失眠超过3个月、影响白天生活，或伴情绪低落、焦虑、打鼾伴呼吸暂停时，请就医。',
    },
  },
  'depressive-disorder': {
    fr: {
      title: 'Dépression',
      overview:
        'La dépression est une maladie : tristesse, perte d’intérêt et de plaisir presque tous les jours pendant au moins deux semaines, avec fatigue, troubles du sommeil, difficultés à se concentrer. Elle se soigne.',
      whenToSeeADoctor: 'Parlez-en à un médecin. Si vous pensez au suicide, appelez le 3114 ou le 15 tout de suite.',
    },
    zh: {
      title: '抑郁症',
      overview: '抑郁症是一种疾病：几乎每天情绪低落、失去兴趣和乐趣，持续至少两周，伴疲乏、睡眠问题、注意力下降。抑郁症可以治疗。',
      whenToSeeADoctor: '请向医生求助。如果有自杀的想法，请立即拨打120或心理援助热线。',
    },
  },
  backache: {
    fr: {
      title: 'Mal de dos',
      overview:
        'Le mal de dos, surtout en bas du dos, est très fréquent et s’améliore le plus souvent en quelques semaines. Rester actif aide plus que le repos au lit.',
      whenToSeeADoctor:
        'Consultez en urgence si vous avez une faiblesse ou un engourdissement des jambes, des troubles pour uriner ou aller à la selle, ou de la fièvre ; consultez s’il dure plus de 6 semaines.',
    },
    zh: {
      title: '背痛',
      overview: '背痛，特别是腰痛，非常常见，多数几周内好转。保持适当活动比卧床休息更有帮助。',
      whenToSeeADoctor: '出现腿部无力或麻木、大小便异常或发热时，请立即就医；疼痛超过6周请就诊。',
    },
  },
  'urinary-tract-infection': {
    fr: {
      title: 'Infection urinaire',
      overview:
        'L’infection urinaire est due à des bactéries dans la vessie ou les reins : brûlures en urinant, envies fréquentes, urines troubles. Elle est fréquente chez la femme.',
      whenToSeeADoctor:
        'Consultez pour avoir un traitement ; rapidement en cas de fièvre, de douleur dans le dos ou sur le côté, de grossesse, ou chez l’homme et l’enfant.',
    },
    zh: {
      title: '尿路感染',
      overview: '尿路感染是细菌感染膀胱或肾脏，表现为排尿灼痛、尿频、尿液浑浊，女性较常见。',
      whenToSeeADoctor: '请就医治疗；出现发热、腰部或侧腹疼痛、怀孕，或男性、儿童患病时，请尽快就医。',
    },
  },
  nephrolithiasis: {
    fr: {
      title: 'Calculs rénaux',
      overview:
        'Les calculs rénaux sont de petits cailloux formés dans les reins. Quand ils descendent, ils donnent une douleur très violente du dos ou du côté vers le bas-ventre (colique néphrétique). Boire beaucoup aide à les prévenir.',
      whenToSeeADoctor: 'Consultez en urgence pour une douleur intense, surtout avec fièvre, vomissements ou absence d’urine.',
    },
    zh: {
      title: '肾结石',
      overview: '肾结石是在肾脏内形成的小结石。结石移动时会引起腰部或侧腹向下腹放射的剧烈疼痛（肾绞痛）。多喝水有助于预防。',
      whenToSeeADoctor: '疼痛剧烈，特别是伴发热、呕吐或无尿时，请立即急诊。',
    },
  },
  stroke: {
    fr: {
      title: 'AVC (accident vasculaire cérébral)',
      overview:
        'L’AVC survient quand une artère du cerveau se bouche ou se rompt. Signes brutaux : visage qui s’affaisse d’un côté, bras ou jambe faible, parole troublée, perte de la vue.',
      whenToSeeADoctor: 'Appelez le 15 immédiatement, même si les signes disparaissent. Notez l’heure du début.',
    },
    zh: {
      title: '脑卒中（中风）',
      overview: '脑卒中是大脑的血管堵塞或破裂。突然出现：一侧面部下垂、一侧手臂或腿无力、说话不清、视力丧失。',
      whenToSeeADoctor: '请立即拨打120，即使症状消失也要就医，并记下发病时间。',
    },
  },
  acetaminophen: {
    fr: {
      title: 'Paracétamol',
      overview:
        'Le paracétamol soulage la douleur et fait baisser la fièvre. Chez l’adulte, pas plus de 1 g par prise, 4 g par jour, en espaçant les prises d’au moins 4 heures. Attention : il se trouve dans de nombreux médicaments.',
      whenToSeeADoctor:
        'Un surdosage abîme le foie sans signes au début : appelez le 15 ou un centre antipoison tout de suite. Demandez conseil si vous avez une maladie du foie.',
    },
    zh: {
      title: '对乙酰氨基酚',
      overview: '对乙酰氨基酚（扑热息痛）用于止痛和退热。成人每次不超过1克，每天不超过4克，两次至少间隔4小时。注意：很多复方感冒药中也含有这种成分。',
      whenToSeeADoctor: '过量服用会损伤肝脏，早期可能没有症状，请立即就医。有肝病者用药前请咨询医生。',
    },
  },
  ibuprofen: {
    fr: {
      title: 'Ibuprofène',
      overview:
        'L’ibuprofène est un anti-inflammatoire qui soulage la douleur et la fièvre. Prenez-le pendant le repas, à la dose la plus faible et le moins longtemps possible.',
      whenToSeeADoctor:
        'Demandez conseil avant d’en prendre si vous êtes enceinte, avez un ulcère, une maladie des reins ou du cœur, ou un asthme. Évitez-le en cas de varicelle.',
    },
    zh: {
      title: '布洛芬',
      overview: '布洛芬是一种消炎止痛药，用于止痛和退热。请随餐服用，使用最低有效剂量和最短疗程。',
      whenToSeeADoctor: '孕妇及有胃溃疡、肾病、心脏病或哮喘者，服用前请咨询医生。水痘期间避免使用。',
    },
  },
  'chest-pain': {
    fr: {
      title: 'Douleur thoracique',
      overview: 'Une douleur dans la poitrine peut venir des muscles, de l’estomac ou des poumons, mais aussi du cœur.',
      whenToSeeADoctor:
        'Appelez le 15 si la douleur serre, dure plus de quelques minutes, irradie vers le bras, la mâchoire ou le dos, ou s’accompagne d’essoufflement, de sueurs ou de malaise.',
    },
    zh: {
      title: '胸痛',
      overview: '胸痛可能来自肌肉、胃或肺，也可能来自心脏。',
      whenToSeeADoctor: '胸口压榨样疼痛持续数分钟以上，向手臂、下颌或背部放射，或伴气短、出汗、头晕时，请立即拨打120。',
    },
  },
  dizziness: {
    fr: {
      title: 'Vertiges et étourdissements',
      overview:
        'Se sentir étourdi ou avoir la tête qui tourne est fréquent : lever trop rapide, déshydratation, problème de l’oreille interne. Asseyez-vous ou allongez-vous et buvez.',
      whenToSeeADoctor:
        'Appelez les urgences si cela s’accompagne d’une faiblesse d’un côté, de troubles de la parole ou de la vue, d’un mal de tête brutal ou d’une douleur dans la poitrine ; consultez si cela revient souvent.',
    },
    zh: {
      title: '头晕',
      overview: '头晕或天旋地转很常见，可能与起身太快、脱水或内耳问题有关。请坐下或躺下，并补充水分。',
      whenToSeeADoctor: '伴一侧肢体无力、说话或视物异常、突然剧烈头痛或胸痛时，请立即拨打急救电话；反复发作请就医。',
    },
  },
  'covid-19': {
    fr: {
      title: 'COVID-19',
      overview:
        'La COVID-19 est une infection respiratoire due au coronavirus SARS-CoV-2 : fièvre, toux, fatigue, mal de gorge, perte du goût ou de l’odorat. La plupart des personnes guérissent en une à deux semaines. La vaccination réduit le risque de forme grave.',
      whenToSeeADoctor:
        'Appelez le 15 en cas de difficulté à respirer, de douleur dans la poitrine ou de confusion. Demandez conseil tôt si vous êtes âgé, enceinte ou atteint d’une maladie chronique.',
    },
    zh: {
      title: '新型冠状病毒感染',
      overview:
        '新冠（COVID-19）是由新型冠状病毒（SARS-CoV-2）引起的呼吸道感染，表现为发热、咳嗽、乏力、咽痛、味觉或嗅觉减退。多数人一到两周内康复。接种疫苗可降低重症风险。',
      whenToSeeADoctor: '出现呼吸困难、胸痛或意识模糊时请立即拨打120。老人、孕妇和慢性病患者请尽早咨询医生。',
    },
  },
};
