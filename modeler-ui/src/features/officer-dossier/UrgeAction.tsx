/** A leader urges (đôn đốc) the holders of a late or nearly late dossier, with a few words if they wish. */
import { useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';

export function UrgeAction({ dossierId, onDone }: { dossierId: string; onDone(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (done !== undefined) return <Notice kind="success">{t('urge.done', { n: done })}</Notice>;
  if (!open)
    return (
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('urge.open')}
        </button>
      </div>
    );
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.post<{ told: number }>(`/unit/dossiers/${dossierId}/urge`, note.trim() ? { note: note.trim() } : {});
      setDone(r.told);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card no-print" onSubmit={send}>
      <h2>{t('urge.title')}</h2>
      <p className="hint">{t('urge.hint')}</p>
      <label>
        {t('urge.note')}
        <textarea maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <Problem error={error} />
      <div className="actions">
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {t('urge.send')}
        </button>
      </div>
    </form>
  );
}
