import { defineMessages } from '../../app/i18n.tsx';

export const notificationsMessages = defineMessages({
  en: { title: 'Notifications', nav: 'Notifications', navUnread: 'Notifications ({n})', empty: 'Nothing new. Follow a thread to hear of its replies.', markAll: 'Mark all as read', unread: 'Unread', signIn: 'Sign in to see your notifications.' },
  zh: { title: '通知', nav: '通知', navUnread: '通知（{n}）', empty: '暂无新通知。关注帖子即可收到回复提醒。', markAll: '全部标为已读', unread: '未读', signIn: '登录后查看通知。' },
  fr: { title: 'Notifications', nav: 'Notifications', navUnread: 'Notifications ({n})', empty: 'Rien de nouveau. Suivez une discussion pour être prévenu de ses réponses.', markAll: 'Tout marquer comme lu', unread: 'Non lu', signIn: 'Connectez-vous pour voir vos notifications.' },
});
