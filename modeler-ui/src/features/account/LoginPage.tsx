import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { homeOf, useSession } from '../../app/session.tsx';
import { Problem } from '../../components/Problem.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const account = await login(username.trim(), password);
      navigate(account.passwordChangeRequired ? '/doi-mat-khau' : (params.get('next') ?? homeOf(account)), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="container narrow">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} className="stack" noValidate>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <Problem error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      <p>
        {t('login.noAccount')} <Link to={`/dang-ky${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>{t('nav.register')}</Link>
      </p>
    </section>
  );
}
