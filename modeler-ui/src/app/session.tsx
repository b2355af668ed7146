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
  idNumber: string | null;
  /** yyyy-MM-dd, from the profile */
  dateOfBirth: string | null;
  residence: string | null;
  role: Role;
  roleName: { vi: string; en: string };
  orgUnitId: string | null;
  /** an administrator set the password: the holder must choose a new one before anything else */
  passwordChangeRequired: boolean;
  /** walk-in and single sign-on accounts have no password to change */
  hasPassword: boolean;
  /** the login asks for an authenticator app's code */
  totpEnabled: boolean;
  /** an administrator of an installation that requires a second factor, without one yet: must enrol first */
  secondFactorRequired: boolean;
}

/** A role the account holds, in a unit; the session works in one of them at a time. */
export interface HeldRole {
  id: string;
  role: Role;
  roleName: { vi: string; en: string };
  orgUnitId: string | null;
  unitName: string | null;
}

export interface Me {
  account: Account;
  roleId: string;
  roles: HeldRole[];
  csrfToken: string;
}

interface SessionState {
  account: Account | null;
  /** the roles the account holds, and the one the session works in */
  roles: HeldRole[];
  roleId: string | null;
  loading: boolean;
  login(username: string, password: string, code?: string): Promise<Account>;
  /** takes the account as the api now tells it (after enrolling a second factor) */
  refresh(me: Me): Account;
  switchRole(roleId: string): Promise<Account>;
  changePassword(currentPassword: string, newPassword: string): Promise<Account>;
  register(input: { username: string; password: string; fullName: string; email?: string; phone?: string; idNumber?: string }): Promise<Account>;
  logout(): Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export const isOfficer = (a: Account | null) => Boolean(a && ['receiving_officer', 'specialist', 'leader', 'auditor'].includes(a.role));

/** Where an account starts: the officers' workspace, the studio, or the citizen's dossiers. */
export const homeOf = (a: Account) =>
  a.role === 'auditor' ? '/mot-cua/don-vi' : isOfficer(a) ? '/mot-cua' : a.role === 'administrator' ? '/quan-tri/thu-tuc' : '/ho-so';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [roles, setRoles] = useState<HeldRole[]>([]);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const take = useCallback((r: Me) => {
    setCsrfToken(r.csrfToken);
    setAccount(r.account);
    setRoles(r.roles);
    setRoleId(r.roleId);
    return r.account;
  }, []);
  useEffect(() => {
    api
      .get<Me>('/auth/me')
      .then(take)
      .catch((e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
      })
      .finally(() => setLoading(false));
  }, [take]);
  const login = useCallback(
    async (username: string, password: string, code?: string) => {
      const r = await api.post<{ csrfToken: string }>('/auth/login', { username, password, ...(code ? { code } : {}) });
      setCsrfToken(r.csrfToken);
      return take(await api.get<Me>('/auth/me'));
    },
    [take],
  );
  const switchRole = useCallback(async (id: string) => take(await api.post<Me>('/auth/role', { roleId: id })), [take]);
  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => take(await api.post<Me>('/auth/password', { currentPassword, newPassword })),
    [take],
  );
  const register = useCallback(
    async (input: Parameters<SessionState['register']>[0]) => {
      const r = await api.post<{ csrfToken: string }>('/auth/register', input);
      setCsrfToken(r.csrfToken);
      return take(await api.get<Me>('/auth/me'));
    },
    [take],
  );
  const logout = useCallback(async () => {
    const r = await api.post<{ logoutUrl?: string } | undefined>('/auth/logout').catch(() => undefined);
    // a single sign-on session ends at the provider too, which sends the browser back to the login page
    if (r?.logoutUrl) window.location.assign(r.logoutUrl);
    setCsrfToken('');
    setAccount(null);
    setRoles([]);
    setRoleId(null);
  }, []);
  const value = useMemo(
    () => ({ account, roles, roleId, loading, login, refresh: take, switchRole, changePassword, register, logout }),
    [account, roles, roleId, loading, login, take, switchRole, changePassword, register, logout],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
