import { defineMessages } from '../../app/i18n.tsx';

export const triageMessages = defineMessages({
  en: {
    title: 'This may be an emergency',
    call: 'Call {number}',
    body: 'What you wrote can describe something that needs urgent care. If it is happening now, call {number} or go to the nearest emergency department.',
    also: 'Other numbers that reach help: {numbers}',
    sent: 'Your message was sent.',
    notSent: 'Your message was not sent yet: see below.',
    dismiss: 'I have read this',
  },
  zh: {
    title: '这可能是急症',
    call: '拨打 {number}',
    body: '您写的内容可能需要紧急救治。如果正在发生，请拨打 {number} 或前往最近的急诊。',
    also: '其他急救电话：{numbers}',
    sent: '您的消息已发送。',
    notSent: '您的消息尚未发送，请看下方提示。',
    dismiss: '我已阅读',
  },
  fr: {
    title: 'Cela peut être une urgence',
    call: 'Appeler le {number}',
    body: 'Ce que vous avez écrit peut relever de l’urgence. Si cela se produit maintenant, appelez le {number} ou rendez-vous aux urgences les plus proches.',
    also: 'Autres numéros d’urgence : {numbers}',
    sent: 'Votre message a été envoyé.',
    notSent: 'Votre message n’est pas encore envoyé : voir ci-dessous.',
    dismiss: 'J’ai lu',
  },
});
