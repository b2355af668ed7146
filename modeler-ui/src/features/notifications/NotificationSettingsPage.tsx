/**
 * Notification settings (/thong-bao/cai-dat): each person, citizen or officer, chooses the channels that tell
 * them of their dossiers' events beside the in-account notification (mail, SMS), and the language of those.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { getSettings, saveSettings, type Language, type NotificationSettings } from './notifications.api.ts';

const fieldIds: Record<string, string> = { email: 'notify-email', sms: 'notify-sms', language: 'notify-language-both' };

export function NotificationSettingsPage() {
  const { t, pick } = useI18n();
  const [settings, setSettings] = useState<NotificationSettings>();
  const [form, setForm] = useState<{ email: boolean; sms: boolean; language: Language }>({ email: false, sms: false, language: null });
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getSettings().then((s) => {
      setSettings(s);
      setForm({ email: s.email, sms: s.sms, language: s.language });
    }, setError);
  }, []);
  if (!settings) return <section className="container narrow">{error ? <Problem error={error} /> : <p>{t('common.loading')}</p>}</section>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const s = await saveSettings(form);
      setSettings(s);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldProblems = error instanceof ApiError ? error.fields : [];
  const problemOf = (field: string) => fieldProblems.find((f) => f.field === field || f.field === `/${field}`);
  const channel = (name: 'email' | 'sms', address: string | null, none: string) => {
    const available = settings.available.includes(name);
    const problem = problemOf(name);
    return (
      <label className="checkbox-row" htmlFor={fieldIds[name]}>
        <input
          id={fieldIds[name]}
          type="checkbox"
          checked={form[name]}
          disabled={!available}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${fieldIds[name]}-hint`}
          onChange={(e) => setForm({ ...form, [name]: e.target.checked })}
        />
        <span>
          {t(name === 'email' ? 'notify.email' : 'notify.sms')}
          <small id={`${fieldIds[name]}-hint`} className="hint">
            {!available ? t('notify.unavailable') : address ? t('notify.to', { address }) : none}
          </small>
          {problem && <span className="field-error">{pick(problem.message)}</span>}
        </span>
      </label>
    );
  };

  return (
    <section className="container narrow">
      <h1>{t('notify.title')}</h1>
      <p className="lead">{t('notify.intro')}</p>
      {fieldProblems.length > 0 ? (
        <div className="alert alert-error" role="alert" tabIndex={-1}>
          <p>{t('notify.problems')}</p>
          <ul>
            {fieldProblems.map((f, i) => (
              <li key={i}>
                <a href={`#${fieldIds[f.field.replace(/^\//, '')] ?? 'notify-email'}`}>{pick(f.message)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Problem error={error} />
      )}
      {saved && <Notice kind="success">{t('notify.saved')}</Notice>}
      {!settings.chosen && !saved && <Notice>{t('notify.defaults')}</Notice>}
      <form className="stack card" onSubmit={submit} noValidate>
        <fieldset className="stack">
          <legend>{t('notify.channels')}</legend>
          <label className="checkbox-row">
            <input type="checkbox" checked disabled />
            <span>{t('notify.inAccount')}</span>
          </label>
          {channel('email', settings.addresses.email, t('notify.noEmail'))}
          {channel('sms', settings.addresses.phone, t('notify.noPhone'))}
        </fieldset>
        <fieldset className="stack">
          <legend>{t('notify.language')}</legend>
          {(
            [
              [null, 'both'],
              ['vi', 'vi'],
              ['en', 'en'],
            ] as const
          ).map(([value, key]) => (
            <label key={key} className="checkbox-row">
              <input
                id={`notify-language-${key}`}
                type="radio"
                name="language"
                checked={form.language === value}
                onChange={() => setForm({ ...form, language: value })}
              />
              <span>{t(`notify.language.${key}`)}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {t('notify.save')}
        </button>
      </form>
    </section>
  );
}
