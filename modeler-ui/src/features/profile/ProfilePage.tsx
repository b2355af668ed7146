/**
 * /tai-khoan: what a person keeps in their account (name, date of birth, permanent residence, phone, email),
 * which fills their application forms; the identity number shown, not edited; the way to change the password.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession, type Me } from '../../app/session.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

interface Profile {
  fullName: string;
  idNumber: string | null;
  idVerified: boolean;
  phone: string;
  email: string;
  dateOfBirth: string;
  residence: string;
}

type Editable = 'fullName' | 'dateOfBirth' | 'residence' | 'phone' | 'email';

export function ProfilePage() {
  const { t, pick } = useI18n();
  const { account, refresh } = useSession();
  const [profile, setProfile] = useState<Profile>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<Profile>('/auth/profile').then(setProfile, setError);
  }, []);

  const problems = error instanceof ApiError ? error.fields : [];
  const field = (name: Editable, props: Record<string, string> = {}) => {
    const err = problems.find((p) => p.field === name);
    return (
      <label>
        {t(`profile.${name}`)}
        <input
          id={`profile-${name}`}
          name={name}
          value={profile![name]}
          onChange={(e) => setProfile({ ...profile!, [name]: e.target.value })}
          aria-invalid={Boolean(err)}
          aria-describedby={err ? `profile-${name}-error` : undefined}
          {...props}
        />
        {err && (
          <span id={`profile-${name}-error`} className="field-error">
            {pick(err.message)}
          </span>
        )}
      </label>
    );
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const { fullName, dateOfBirth, residence, phone, email } = profile!;
      setProfile(await api.put<Profile>('/auth/profile', { fullName, dateOfBirth, residence, phone, email }));
      refresh(await api.get<Me>('/auth/me'));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!profile) return <section className="container narrow">{error ? <Problem error={error} /> : <p>{t('common.loading')}</p>}</section>;
  return (
    <section className="container narrow">
      <h1>{t('profile.title')}</h1>
      <ErrorSummary errors={problems.map((p) => ({ fieldId: `profile-${p.field}`, text: pick(p.message) }))} />
      <p className="muted">{t('profile.hint')}</p>
      <form onSubmit={save} className="stack" noValidate>
        {field('fullName', { autoComplete: 'name', required: 'required' })}
        <p>
          <strong>{t('profile.idNumber')}:</strong> {profile.idNumber ?? t('profile.none')}
          {profile.idVerified ? ` (${t('profile.idVerified')})` : ''}
        </p>
        {field('dateOfBirth', { type: 'date', autoComplete: 'bday' })}
        {field('residence', { autoComplete: 'street-address' })}
        {field('phone', { autoComplete: 'tel', inputMode: 'tel' })}
        {field('email', { autoComplete: 'email', type: 'email' })}
        {!problems.length && <Problem error={error} />}
        <div className="actions">
          {saved && <Notice kind="success">{t('profile.saved')}</Notice>}
          <button type="submit" className="primary" disabled={busy}>
            {t('profile.save')}
          </button>
        </div>
      </form>
      {account?.hasPassword && (
        <p>
          <Link to="/doi-mat-khau">{t('profile.password')}</Link>
        </p>
      )}
    </section>
  );
}
