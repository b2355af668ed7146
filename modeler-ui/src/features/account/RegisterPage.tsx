import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Problem } from '../../components/Problem.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';

export function RegisterPage() {
  const { t, pick } = useI18n();
  const { register } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ fullName: '', username: '', password: '', idNumber: '', phone: '', email: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.fields.find((f) => f.field === name) : undefined);
  const input = (name: keyof typeof form, label: string, props: Record<string, string> = {}) => {
    const err = fieldError(name);
    return (
      <label>
        {label}
        <input
          id={`register-${name}`}
          name={name}
          value={form[name]}
          onChange={(e) => setForm({ ...form, [name]: e.target.value })}
          aria-invalid={Boolean(err)}
          aria-describedby={err ? `${name}-error` : undefined}
          {...props}
        />
        {err && (
          <span id={`${name}-error`} className="field-error">
            {pick(err.message)}
          </span>
        )}
      </label>
    );
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, string> = {};
      for (const [k, v] of Object.entries(form)) if (v.trim()) body[k] = v.trim();
      await register(body as never);
      navigate(params.get('next') ?? '/ho-so', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="container narrow">
      <h1>{t('register.title')}</h1>
      <ErrorSummary errors={error instanceof ApiError ? error.fields.map((f) => ({ fieldId: `register-${f.field}`, text: pick(f.message) })) : []} />
      <form onSubmit={submit} className="stack" noValidate>
        {input('fullName', t('register.fullName'), { autoComplete: 'name', required: 'required' })}
        {input('idNumber', t('register.idNumber'), { inputMode: 'numeric', pattern: '[0-9]{12}' })}
        {input('phone', t('register.phone'), { autoComplete: 'tel', inputMode: 'tel' })}
        {input('email', t('register.email'), { autoComplete: 'email', type: 'email' })}
        {input('username', t('login.username'), { autoComplete: 'username', required: 'required' })}
        {input('password', t('login.password'), { type: 'password', autoComplete: 'new-password', required: 'required', minLength: '10' })}
        <p className="muted">{t('register.passwordHint')}</p>
        {!(error instanceof ApiError && error.fields.length) && <Problem error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {t('register.submit')}
        </button>
      </form>
    </section>
  );
}
