import { defineMessages } from '../../app/i18n.tsx';

export const consentsMessages = defineMessages({
  en: {
    acceptTerms: 'I accept the terms of use and the privacy notice',
    termsLink: 'Terms of use',
    privacyLink: 'Privacy notice',
    opensNewTab: '(opens in a new tab)',
    promptTitle: 'Our terms have changed',
    promptLead: 'Before you go on, read the new version and accept it. Until then you can read pages but not ask a doctor.',
    promptDocs: 'Changed: {documents}.',
    doc_terms: 'terms of use',
    doc_privacy: 'privacy notice',
    doc_telemedicine: 'telemedicine consent',
    promptAccept: 'I accept the new version',
    promptSignOut: 'Sign out instead',
    consentsTitle: 'What you agreed to',
    consentsLead: 'Each document you accepted, its version and when. The telemedicine consent is kept in the words you were shown.',
    consentsEmpty: 'Nothing accepted yet.',
    version: 'version {version}',
    notCurrent: 'replaced by a newer version',
    telemedicineAccept: 'I have read this and agree to an online consultation',
    telemedicineTitle: 'Before your first consultation',
    working: 'Working…',
  },
  zh: {
    acceptTerms: '我接受使用条款和隐私声明',
    termsLink: '使用条款',
    privacyLink: '隐私声明',
    opensNewTab: '（在新标签页中打开）',
    promptTitle: '我们的条款已更新',
    promptLead: '继续之前，请阅读并接受新版本。在此之前您可以浏览页面，但不能向医生提问。',
    promptDocs: '已更新：{documents}。',
    doc_terms: '使用条款',
    doc_privacy: '隐私声明',
    doc_telemedicine: '在线问诊知情同意',
    promptAccept: '我接受新版本',
    promptSignOut: '改为退出登录',
    consentsTitle: '您同意的内容',
    consentsLead: '您接受的每份文件、版本及时间。在线问诊知情同意按您当时看到的文字保存。',
    consentsEmpty: '尚未接受任何文件。',
    version: '版本 {version}',
    notCurrent: '已被新版本取代',
    telemedicineAccept: '我已阅读并同意在线问诊',
    telemedicineTitle: '首次问诊之前',
    working: '处理中…',
  },
  fr: {
    acceptTerms: 'J’accepte les conditions d’utilisation et la politique de confidentialité',
    termsLink: 'Conditions d’utilisation',
    privacyLink: 'Politique de confidentialité',
    opensNewTab: '(s’ouvre dans un nouvel onglet)',
    promptTitle: 'Nos conditions ont changé',
    promptLead: 'Avant de continuer, lisez la nouvelle version et acceptez-la. D’ici là, vous pouvez lire les pages mais pas consulter un médecin.',
    promptDocs: 'Modifié : {documents}.',
    doc_terms: 'conditions d’utilisation',
    doc_privacy: 'politique de confidentialité',
    doc_telemedicine: 'consentement à la téléconsultation',
    promptAccept: 'J’accepte la nouvelle version',
    promptSignOut: 'Me déconnecter plutôt',
    consentsTitle: 'Ce que vous avez accepté',
    consentsLead: 'Chaque document accepté, sa version et sa date. Le consentement à la téléconsultation est gardé dans les mots qui vous ont été montrés.',
    consentsEmpty: 'Rien d’accepté pour l’instant.',
    version: 'version {version}',
    notCurrent: 'remplacée par une version plus récente',
    telemedicineAccept: 'J’ai lu ce texte et j’accepte une consultation en ligne',
    telemedicineTitle: 'Avant votre première consultation',
    working: 'En cours…',
  },
});

export const legalMessages = defineMessages({
  en: {
    termsTitle: 'Terms of use',
    privacyTitle: 'Privacy notice',
    versionOf: 'Version {version}',
    terms1: 'Lotus Health connects you with licensed doctors online, an encyclopedia and a community. By creating an account you agree to these terms.',
    terms2:
      'An online consultation is advice from a doctor, not a diagnosis: the doctor cannot examine you. In an emergency call your local emergency number at once; do not wait for an answer here.',
    terms3:
      'Give true information about yourself and your symptoms. Your first consultation may be free once per person (a verified phone number); others are paid at the price shown before you ask, and refunded when the doctor does not reply in time.',
    terms4:
      'In the community, be kind and do not share other people’s health details. Posts that break the rules may be held or removed, and accounts suspended.',
    terms5: 'You may delete your account at any time from the account page. Medical records that doctors must keep by law are kept under a pseudonym.',
    terms6: 'When these terms change we publish a new version and ask you to accept it on your next visit.',
    privacy1: 'We keep what you give us (name, email or phone, consultations, messages, photos, payments) to provide the service, and nothing for advertising.',
    privacy2:
      'Your consultations are read by you and the doctor who answers. Staff read one only with a reason, and you see every such read on your account page.',
    privacy3:
      'Photos and documents are stored encrypted. Your phone number is kept for sign-in and, as a keyed hash, to give one free consultation per person.',
    privacy4: 'You can download everything about you (FHIR and PDF) from your account page, and delete your account there; your uploads are deleted with it.',
    privacy5: 'Text messages and emails go through our providers only to deliver them. Payments are handled by the payment provider you choose.',
    privacy6: 'For a question about your data, write to privacy@lotus.health. You may also complain to your data protection authority.',
  },
  zh: {
    termsTitle: '使用条款',
    privacyTitle: '隐私声明',
    versionOf: '版本 {version}',
    terms1: 'Lotus Health 让您在线联系持证医生，并提供医学百科和社区。创建账户即表示您同意本条款。',
    terms2: '在线问诊是医生的建议，不是诊断：医生无法为您检查。如遇紧急情况，请立即拨打当地急救电话，不要在此等待回复。',
    terms3: '请如实提供您的个人信息和症状。每人（经验证的手机号）首次问诊可免费一次；其他问诊按提问前显示的价格付费，医生未按时回复将退款。',
    terms4: '在社区中请友善相待，不要分享他人的健康信息。违反规则的帖子可能被暂缓或删除，账户可能被停用。',
    terms5: '您可随时在账户页面删除账户。依法须由医生保存的病历将以化名保存。',
    terms6: '本条款变更时，我们会发布新版本，并在您下次访问时请您接受。',
    privacy1: '我们保存您提供的信息（姓名、邮箱或手机号、问诊、消息、照片、付款）以提供服务，不用于广告。',
    privacy2: '您的问诊仅由您和回复的医生阅读。工作人员须说明理由才能查看，每次查看都会显示在您的账户页面。',
    privacy3: '照片和文件加密保存。您的手机号用于登录，并以带密钥的哈希形式保存，以保证每人一次免费问诊。',
    privacy4: '您可在账户页面下载您的全部资料（FHIR 和 PDF），也可在那里删除账户；您上传的文件会一并删除。',
    privacy5: '短信和邮件仅为送达而经由我们的服务商发送。付款由您选择的支付服务商处理。',
    privacy6: '如对您的数据有疑问，请写信至 privacy@lotus.health。您也可以向数据保护监管机构投诉。',
  },
  fr: {
    termsTitle: 'Conditions d’utilisation',
    privacyTitle: 'Politique de confidentialité',
    versionOf: 'Version {version}',
    terms1:
      'Lotus Health vous met en relation en ligne avec des médecins diplômés, une encyclopédie et une communauté. En créant un compte, vous acceptez ces conditions.',
    terms2:
      'Une consultation en ligne est un avis médical, pas un diagnostic : le médecin ne peut pas vous examiner. En cas d’urgence, appelez tout de suite le numéro d’urgence local ; n’attendez pas de réponse ici.',
    terms3:
      'Donnez des informations exactes sur vous et vos symptômes. Votre première consultation peut être gratuite une fois par personne (un numéro de téléphone vérifié) ; les autres sont payantes au prix affiché avant de poser la question, et remboursées si le médecin ne répond pas à temps.',
    terms4:
      'Dans la communauté, soyez bienveillant et ne partagez pas la santé d’autrui. Les messages contraires aux règles peuvent être retenus ou retirés, et les comptes suspendus.',
    terms5:
      'Vous pouvez supprimer votre compte à tout moment depuis la page du compte. Les dossiers médicaux que les médecins doivent garder selon la loi sont conservés sous pseudonyme.',
    terms6: 'Quand ces conditions changent, nous publions une nouvelle version et vous demandons de l’accepter à votre prochaine visite.',
    privacy1:
      'Nous gardons ce que vous nous confiez (nom, e-mail ou téléphone, consultations, messages, photos, paiements) pour rendre le service, et rien pour la publicité.',
    privacy2:
      'Vos consultations sont lues par vous et le médecin qui répond. Le personnel n’en lit une qu’avec un motif, et vous voyez chacune de ces lectures sur la page de votre compte.',
    privacy3:
      'Les photos et documents sont chiffrés. Votre numéro de téléphone sert à la connexion et, sous forme d’empreinte à clé, à n’offrir qu’une consultation gratuite par personne.',
    privacy4:
      'Vous pouvez télécharger tout ce qui vous concerne (FHIR et PDF) depuis la page de votre compte, et y supprimer votre compte ; vos fichiers envoyés sont supprimés avec lui.',
    privacy5:
      'Les SMS et e-mails passent par nos prestataires uniquement pour être remis. Les paiements sont traités par le prestataire de paiement que vous choisissez.',
    privacy6: 'Pour toute question sur vos données, écrivez à privacy@lotus.health. Vous pouvez aussi saisir l’autorité de protection des données.',
  },
});
