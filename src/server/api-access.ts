// Who may call which part of the API, checked before a request's body is read (see
// platform/auth/guards.ts). First match wins; a route may declare `config.access` instead.
// Writes need an account unless listed as public here; the services still decide the rest
// (whose consultation, which state, which doctor).
import type { AccessRule } from './platform/auth/guards.ts';

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const apiAccess: readonly AccessRule[] = [
  // The admin console: moderation is open to moderators, the rest to admins.
  { path: '/api/admin/moderation/', access: ['moderator', 'admin'] },
  { path: '/api/admin/', access: ['admin'] },
  // Signed-in areas, whatever the method.
  { path: '/api/me', access: 'signed-in' },
  { path: '/api/doctor/', access: 'signed-in' },
  // An email's one-click unsubscribe: the signed link is the authorisation (RFC 8058).
  { path: '/api/notifications/unsubscribe', exact: true, access: 'public' },
  { path: '/api/notifications', access: 'signed-in' },
  { path: '/api/conversations', access: 'signed-in' },
  { path: '/api/messaging/', access: 'signed-in' },
  { path: '/api/consultations/quote', access: 'signed-in' },
  { path: '/api/link-preview', exact: true, access: 'signed-in' },
  // Writes anyone may make: signing up and in, the mini-program's sign-in exchange, and
  // payment providers' notifications (each verified by its signature).
  { path: '/api/auth/register', exact: true, access: 'public' },
  { path: '/api/auth/login', exact: true, access: 'public' },
  { path: '/api/auth/phone/', access: 'public' },
  { path: '/api/mini/session', exact: true, access: 'public' },
  { path: '/api/payments/webhooks/', access: 'public' },
  { path: '/api/', methods: WRITES, access: 'signed-in' },
];
