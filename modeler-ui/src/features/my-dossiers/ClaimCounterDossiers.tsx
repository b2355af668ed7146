/**
 * Dossiers filed at the counter reach the citizen's account with the claim code printed on the receipt
 * (form 01): the code proves the holder is the applicant the officer saw.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { claimCounterDossiers } from './dossiers.api.ts';

export function ClaimCounterDossiers({ onClaimed }: { onClaimed: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [claimed, setClaimed] = useState<number>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setClaimed(undefined);
    try {
      const res = await claimCounterDossiers(code.trim());
      setClaimed(res.count);
      setCode('');
      onClaimed();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card">
      <summary>{t('claim.title')}</summary>
      <form onSubmit={submit} className="stack" noValidate>
        <p className="muted">{t('claim.help')}</p>
        <label>
          {t('claim.code')}
          <input
            name="claimCode"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            placeholder="XXXXX-XXXXX"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <Problem error={error} />
        {claimed !== undefined && <Notice kind="success">{t('claim.done', { n: claimed })}</Notice>}
        <button type="submit" className="primary" disabled={busy || !code.trim()}>
          {t('claim.submit')}
        </button>
      </form>
    </details>
  );
}
