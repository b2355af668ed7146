/** Choosing one's own password: at will, or at once after an administrator gave a temporary one. */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { homeOf, useSession } from '../../app/session.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

export function ChangePasswordPage() {
  const { t } = useI18n();
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
  return (
    <section className="container narrow">
      <h1>{t('password.title')}</h1>
      {account?.passwordChangeRequired && <Notice kind="warning">{t('password.required')}</Notice>}
      <form onSubmit={submit} className="stack" noValidate>
        <label>
          {t('password.current')}
          <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          {t('password.new')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="new-password-hint"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <small id="new-password-hint" className="hint">
          {t('password.hint')}
        </small>
        <label>
          {t('password.repeat')}
          <input
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch || undefined}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
        {mismatch && (
          <div className="alert alert-error" role="alert">
            <p>{t('password.mismatch')}</p>
          </div>
        )}
        <Problem error={error} />
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
