// Mounts a face: session, language and router around the face's routes.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { newQueryClient } from './query.ts';
import './styles.css';

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
