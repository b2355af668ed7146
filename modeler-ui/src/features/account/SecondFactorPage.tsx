/**
 * Two-step verification (/xac-thuc-hai-buoc): an authenticator app's codes asked at every login. Turning it on
 * shows a QR code (and the secret as text, for typing) and asks for a first code; turning it off asks for a
 * current one. An administrator whose installation requires it lands here until it is on.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { homeOf, useSession, type Me } from '../../app/session.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

function CodeField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('login.code')}
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </label>
  );
}

export function SecondFactorPage() {
  const { t } = useI18n();
  const { account, refresh } = useSession();
  const navigate = useNavigate();
  const [setup, setSetup] = useState<{ secret: string; qr: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!account) return null;

  async function run(f: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const start = () =>
    run(async () => {
      setSetup(await api.post<{ secret: string; qr: string }>('/auth/totp/setup'));
      setCode('');
    });
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    return run(async () => {
      const required = account.secondFactorRequired;
      const a = refresh(await api.post<Me>('/auth/totp/enable', { code }));
      setSetup(null);
      setCode('');
      if (required) navigate(homeOf(a), { replace: true });
      else setNotice(t('totp.enabled'));
    });
  };
  const turnOff = (e: FormEvent) => {
    e.preventDefault();
    return run(async () => {
      refresh(await api.post<Me>('/auth/totp/disable', { code }));
      setCode('');
      setNotice(t('totp.disabled'));
    });
  };

  return (
    <section className="container narrow">
      <h1>{t('totp.title')}</h1>
      {account.secondFactorRequired && <Notice kind="warning">{t('totp.required')}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>{t('totp.intro')}</p>
      <Problem error={error} />
      {account.totpEnabled ? (
        <form className="stack card" onSubmit={turnOff} noValidate>
          <p>
            <strong>{t('totp.on')}</strong>
          </p>
          <p>{t('totp.off.hint')}</p>
          <CodeField value={code} onChange={setCode} />
          <button type="submit" className="button" disabled={busy}>
            {t('totp.off')}
          </button>
        </form>
      ) : setup ? (
        <form className="stack card" onSubmit={confirm} noValidate>
          <ol className="totp-steps">
            <li>{t('totp.step.app')}</li>
            <li>
              {t('totp.step.scan')}
              <img src={setup.qr} width={220} height={220} alt={t('totp.qr')} className="totp-qr" />
              {t('totp.step.type')} <code className="totp-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </li>
            <li>{t('totp.step.code')}</li>
          </ol>
          <CodeField value={code} onChange={setCode} />
          <button type="submit" className="button primary" disabled={busy}>
            {t('totp.confirm')}
          </button>
        </form>
      ) : (
        <button type="button" className="button primary" disabled={busy} onClick={start}>
          {t('totp.start')}
        </button>
      )}
    </section>
  );
}
