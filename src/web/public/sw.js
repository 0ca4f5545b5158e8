// Lotus Health's service worker: shows web push notifications with the tab closed, and a
// click opens (or focuses) the page the notification is about. Payloads are
// {title, body, url, kind, tag}; they carry no health details.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: 'Lotus Health', body: event.data ? event.data.text() : '' };
  }
  const url = typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//') ? data.url : '/';
  event.waitUntil(
    self.registration.showNotification(data.title || 'Lotus Health', {
      body: data.body || '',
      tag: data.tag || undefined,
      icon: '/favicon.svg',
      badge: '/favicon.svg',
      data: { url },
    }),
  );
});

/** Focuses a window already on the page, else takes an open window of this app there, else opens one. */
async function openPage(url) {
  const target = new URL(url || '/', self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if (client.url === target && 'focus' in client) return client.focus().catch(() => client);
  }
  for (const client of windows) {
    if (new URL(client.url).origin === self.location.origin && 'navigate' in client) {
      const moved = await client.navigate(target);
      return (moved || client).focus().catch(() => moved || client);
    }
  }
  return self.clients.openWindow(target);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const opening = openPage(event.notification.data && event.notification.data.url);
  try {
    event.waitUntil(opening);
  } catch {
    // An event dispatched by a test is not trusted and cannot be extended; the page still opens.
  }
});
