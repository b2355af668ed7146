/** Setting a new password with the link mailed for a forgotten one (its token in the address, used once). */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { NewPasswordFields, newPasswordErrors } from './NewPasswordFields.tsx';

export function ResetPasswordPage() {
  const { t, pick } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [mismatch, setMismatch] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    setBusy(true);
    try {
      await api.post('/auth/password-reset/confirm', { token, newPassword: next });
      navigate('/dang-nhap', { replace: true, state: { notice: t('reset.done') } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errors = newPasswordErrors({ t, pick }, 'reset', mismatch, error);
  const linkDead = error instanceof ApiError && error.code === 'password_reset_invalid';
  return (
    <section className="container narrow">
      <h1>{t('reset.title')}</h1>
      {!token ? (
        <Notice kind="warning">{t('reset.noToken')}</Notice>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <form onSubmit={submit} className="stack" noValidate>
            <NewPasswordFields id="reset" hint={t('reset.hint')} value={next} repeat={repeat} mismatch={mismatch} onValue={setNext} onRepeat={setRepeat} />
            {!errors.length && <Problem error={error} />}
            <button type="submit" className="primary" disabled={busy}>
              {t('reset.submit')}
            </button>
          </form>
        </>
      )}
      {(!token || linkDead) && (
        <p>
          <Link to="/quen-mat-khau">{t('reset.again')}</Link>
        </p>
      )}
    </section>
  );
}
