import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { homeOf, useSession } from '../../app/session.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  /** the account has a second factor: the code from the authenticator app is asked next */
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  // the code field takes the focus as it appears
  useEffect(() => {
    if (askCode) codeInput.current?.focus();
  }, [askCode]);
  const [sso, setSso] = useState<{ enabled: boolean; name: string | null } | null>(null);
  useEffect(() => {
    api.get<{ enabled: boolean; name: string | null }>('/auth/oidc').then(setSso, () => setSso(null));
  }, []);
  const ssoFailure = params.get('loi');
  // what the page before says (a new password set)
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const next = params.get('next');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const account = await login(username.trim(), password, askCode ? code.trim() : undefined);
      navigate(account.passwordChangeRequired ? '/doi-mat-khau' : (params.get('next') ?? homeOf(account)), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setAskCode(true);
        setError(undefined);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="container narrow">
      <h1>{t('login.title')}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {ssoFailure && (
        <div className="alert alert-error" role="alert">
          <p>{ssoFailureText(ssoFailure, t)}</p>
        </div>
      )}
      {sso?.enabled && (
        <>
          <a className="button primary sso-button" href={`/api/auth/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
            {t('login.sso', { name: sso.name ?? '' })}
          </a>
          <p className="hint">{t('login.sso.hint')}</p>
          <p className="divider">{t('login.or')}</p>
        </>
      )}
      <form onSubmit={submit} className="stack" noValidate>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {askCode && (
          <>
            <label>
              {t('login.code')}
              <input
                ref={codeInput}
                id="login-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                aria-describedby="login-code-hint"
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              />
            </label>
            <small id="login-code-hint" className="hint">
              {t('login.code.hint')}
            </small>
          </>
        )}
        <Problem error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/quen-mat-khau">{t('forgot.link')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to={`/dang-ky${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>{t('nav.register')}</Link>
      </p>
    </section>
  );
}

/** why a single sign-on came back refused, in words (the api names it by a code in ?loi=) */
const ssoFailures = [
  'sso_state_invalid',
  'sso_token_invalid',
  'sso_refused',
  'sso_account_disabled',
  'sso_unavailable',
  'sso_link_required',
  'sso_second_factor',
] as const;
function ssoFailureText(code: string, t: ReturnType<typeof useI18n>['t']): string {
  return (ssoFailures as readonly string[]).includes(code) ? t(`login.${code as (typeof ssoFailures)[number]}`) : t('login.sso_refused');
}
