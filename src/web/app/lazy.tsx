// Route-level code splitting: a face loads a feature's pages only when a person opens
// one, so the first page of the app downloads and starts fast on a phone.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Loading } from './shell.tsx';

/** `lazyPage(() => import('./X.tsx'), 'XPage')` → a component that loads on first render. */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}
