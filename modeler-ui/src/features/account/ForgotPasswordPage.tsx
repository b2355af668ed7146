/**
 * A forgotten password: the person names their account and is told to look in their mail (the same words
 * whether or not the account exists); the mailed link opens ResetPasswordPage.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

export function ForgotPasswordPage() {
  const { t, pick } = useI18n();
  const [identifier, setIdentifier] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/auth/password-reset', { identifier: identifier.trim() });
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fields = error instanceof ApiError ? error.fields.map((f) => ({ fieldId: 'forgot-identifier', text: pick(f.message) })) : [];
  return (
    <section className="container narrow">
      <h1>{t('forgot.title')}</h1>
      {sent ? (
        <>
          <Notice kind="success">{t('forgot.sent')}</Notice>
          <p>
            <Link to="/dang-nhap">{t('login.title')}</Link>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary errors={fields} />
          <p>{t('forgot.intro')}</p>
          <form onSubmit={submit} className="stack" noValidate>
            <label htmlFor="forgot-identifier">{t('forgot.identifier')}</label>
            <input
              id="forgot-identifier"
              autoComplete="email"
              required
              aria-invalid={fields.length > 0 || undefined}
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
            />
            {!fields.length && <Problem error={error} />}
            <button type="submit" className="primary" disabled={busy}>
              {t('forgot.submit')}
            </button>
          </form>
          <p className="muted">{t('forgot.noMail')}</p>
        </>
      )}
    </section>
  );
}
