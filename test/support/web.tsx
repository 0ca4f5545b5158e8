// Component tests of the web faces against a real server: createTestApp() listening on a
// free loopback port, with happy-dom's window at that origin, so the components' fetches and
// WebSocket (with the session cookie happy-dom keeps) reach the real API: nothing is faked.
import { QueryClientProvider } from '@tanstack/react-query';
import { newQueryClient } from '../../src/web/app/query.ts';
import { configure, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { I18nProvider } from '../../src/web/app/i18n.tsx';
import { SessionProvider } from '../../src/web/app/session.tsx';
import { createTestApp, type TestApp } from './app.ts';

// A ceiling for waiting on the real server (a cold first request compiles a lot), not a
// measure: tests wait for what the page shows, never for a time.
configure({ asyncUtilTimeout: 10_000 });

export interface LiveApp extends TestApp {
  url: string;
}

/** A test app listening on 127.0.0.1, with the page's window moved to its origin. */
export async function startLiveApp(options: Parameters<typeof createTestApp>[0] = {}): Promise<LiveApp> {
  const t = await createTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  // Own origins (CSRF, the realtime socket's Origin check) follow the public URL.
  t.config.publicUrl = url;
  // happy-dom's own handle on the window (vitest's happy-dom environment puts it there).
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${url}/`);
  return Object.assign(t, { url });
}

/** Signs the page in as `email` through the API, as the sign-in form does: the session
 * cookie lands in the page's cookie jar. */
export async function signInPage(email: string, password = 'a long enough passphrase'): Promise<void> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ login: email, password }),
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
}

/** Renders `element` inside the app's providers at `path` (matched by `pattern`), in English;
 * `routes` are the other pages it may go to (by default a stand-in sign-in page). */
export function renderPage(
  element: ReactNode,
  { path = '/', pattern = '*', routes = {} }: { path?: string; pattern?: string; routes?: Record<string, ReactNode> } = {},
): RenderResult {
  localStorage.setItem('lotus_lang', 'en');
  return render(
    <QueryClientProvider client={newQueryClient()}>
      <I18nProvider>
        <SessionProvider>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path={pattern} element={element} />
              <Route path="/signin" element={<SignInStandIn />} />
              {Object.entries(routes).map(([routePath, routeElement]) => (
                <Route key={routePath} path={routePath} element={routeElement} />
              ))}
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

/** Where a page sends a signed-out visitor: says so, with the page to come back to. */
function SignInStandIn() {
  const { search } = useLocation();
  return <p>Sign-in page {new URLSearchParams(search).get('next')}</p>;
}
