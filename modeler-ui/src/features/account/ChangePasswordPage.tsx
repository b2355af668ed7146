/** Choosing one's own password: at will, or at once after an administrator gave a temporary one. */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { homeOf, useSession } from '../../app/session.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { NewPasswordFields, newPasswordErrors } from './NewPasswordFields.tsx';

export function ChangePasswordPage() {
  const { t, pick } = useI18n();
  const { account, changePassword } = useSession();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>();
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<{ enabled: boolean; name: string | null } | null>(null);
  useEffect(() => {
    api.get<{ enabled: boolean; name: string | null }>('/auth/oidc').then(setSso, () => setSso(null));
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    setBusy(true);
    try {
      const a = await changePassword(current, next);
      navigate(homeOf(a), { replace: true, state: { notice: t('password.changed') } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errors = newPasswordErrors({ t, pick }, 'password', mismatch, error, { currentPassword: 'password-current' });
  return (
    <section className="container narrow">
      <h1>{t('password.title')}</h1>
      {account?.passwordChangeRequired && <Notice kind="warning">{t('password.required')}</Notice>}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} className="stack" noValidate>
        <label htmlFor="password-current">{t('password.current')}</label>
        <input id="password-current" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        <NewPasswordFields id="password" hint={t('password.hint')} value={next} repeat={repeat} mismatch={mismatch} onValue={setNext} onRepeat={setRepeat} />
        {!errors.length && <Problem error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {t('password.submit')}
        </button>
      </form>
      {!account?.passwordChangeRequired && account?.role !== 'citizen' && (
        <section aria-labelledby="totp-heading" className="card after-form">
          <h2 id="totp-heading">{t('totp.title')}</h2>
          <p>{account?.totpEnabled ? t('totp.on') : t('totp.offNow')}</p>
          <Link className="button" to="/xac-thuc-hai-buoc">
            {account?.totpEnabled ? t('totp.manage') : t('totp.start')}
          </Link>
        </section>
      )}
      {sso?.enabled && !account?.passwordChangeRequired && (
        <section aria-labelledby="sso-heading" className="card after-form">
          <h2 id="sso-heading">{t('password.sso')}</h2>
          <p>{t('password.sso.hint', { name: sso.name ?? '' })}</p>
          <a className="button" href={`/api/auth/oidc/login?link=true&next=${encodeURIComponent('/doi-mat-khau')}`}>
            {t('password.sso.link', { name: sso.name ?? '' })}
          </a>
        </section>
      )}
    </section>
  );
}
