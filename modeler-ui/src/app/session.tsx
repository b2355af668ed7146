/** Who is logged in: the account from /api/auth/me, with login, registration and logout. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, ApiError } from './api.ts';

export type Role = 'citizen' | 'receiving_officer' | 'specialist' | 'leader' | 'administrator' | 'auditor';

export interface Account {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  roleName: { vi: string; en: string };
  orgUnitId: string | null;
}

interface SessionState {
  account: Account | null;
  loading: boolean;
  login(username: string, password: string): Promise<Account>;
  register(input: { username: string; password: string; fullName: string; email?: string; phone?: string; idNumber?: string }): Promise<Account>;
  logout(): Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export const isOfficer = (a: Account | null) => Boolean(a && ['receiving_officer', 'specialist', 'leader', 'auditor'].includes(a.role));

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    api
      .get<{ account: Account; csrfToken: string }>('/auth/me')
      .then((r) => {
        setCsrfToken(r.csrfToken);
        setAccount(r.account);
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
      })
      .finally(() => setLoading(false));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const r = await api.post<{ account: Account; csrfToken: string }>('/auth/login', { username, password });
    setCsrfToken(r.csrfToken);
    setAccount(r.account);
    return r.account;
  }, []);
  const register = useCallback(async (input: Parameters<SessionState['register']>[0]) => {
    const r = await api.post<{ account: Account; csrfToken: string }>('/auth/register', input);
    setCsrfToken(r.csrfToken);
    setAccount(r.account);
    return r.account;
  }, []);
  const logout = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    setCsrfToken('');
    setAccount(null);
  }, []);
  const value = useMemo(() => ({ account, loading, login, register, logout }), [account, loading, login, register, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
