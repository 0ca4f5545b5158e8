// Who is signed in, for every face. Asks /api/auth/session once on load; sign-in,
// sign-up and sign-out update it. The session itself is an httpOnly cookie the page
// never sees.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../../shared/contracts/accounts.ts';
import type { Locale } from '../../shared/locales.ts';
import { get, patch, post } from './api.ts';

/** The signed-in person: the accounts contract's User. */
export type SessionUser = User;

interface SessionValue {
  user: SessionUser | null;
  loading: boolean;
  signIn(login: string, password: string): Promise<SessionUser>;
  /** Passwordless: the code texted to a verified number (POST /api/auth/phone/code first). */
  signInWithCode(phone: string, code: string): Promise<SessionUser>;
  signUp(input: { email?: string; phone?: string; password: string; displayName: string; locale: Locale; acceptTerms: boolean }): Promise<SessionUser>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  saveLocale(locale: Locale): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const { user } = await get<{ user: SessionUser | null }>('/api/auth/session');
      setUser(user);
    } catch {
      setUser(null);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      loading,
      refresh,
      async signIn(login, password) {
        const result = await post<{ user: SessionUser }>('/api/auth/login', { login, password });
        setUser(result.user);
        return result.user;
      },
      async signInWithCode(phone, code) {
        const result = await post<{ user: SessionUser }>('/api/auth/phone/verify', { phone, code });
        setUser(result.user);
        return result.user;
      },
      async signUp(input) {
        const result = await post<{ user: SessionUser }>('/api/auth/register', input);
        setUser(result.user);
        return result.user;
      },
      async signOut() {
        await post('/api/auth/logout').catch((error: unknown) => console.warn('session: sign-out request failed; signing out here anyway', error));
        setUser(null);
      },
      saveLocale(locale) {
        if (user && user.locale !== locale) {
          setUser({ ...user, locale });
          void patch('/api/me', { locale }).catch((error: unknown) => console.warn('session: could not save the chosen language', error));
        }
      },
    }),
    [user, loading, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
