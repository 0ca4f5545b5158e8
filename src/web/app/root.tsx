// Mounts a face: session, language and router around the face's routes.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { ApiError } from './api.ts';
import './styles.css';

/** Data the pages read: read when a page opens, then again only when an event or a resumed
 * socket says it changed (see live.ts), so an idle page asks nothing of the server. A
 * refusal (4xx) is not retried. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        refetchOnReconnect: true,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}

function LanguageFollowsAccount({ children }: { children: ReactNode }) {
  const { saveLocale } = useSession();
  return <I18nProvider onChange={saveLocale}>{children}</I18nProvider>;
}

export function mountFace(app: ReactNode, basename = '/'): void {
  const element = document.getElementById('root');
  if (!element) throw new Error('no #root element');
  createRoot(element).render(
    <StrictMode>
      <QueryClientProvider client={newQueryClient()}>
        <SessionProvider>
          <LanguageFollowsAccount>
            <BrowserRouter basename={basename}>{app}</BrowserRouter>
          </LanguageFollowsAccount>
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
