/**
 * A citizen's supplement (bổ sung): the papers the officer asked for, each with its own upload slot, by the date
 * given, and the application's data to correct; problems in the error summary and at their fields.
 */
import { useMemo, useRef, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary.tsx';
import { Problem } from '../../components/Problem.tsx';
import { FormView, type FormHandle } from '../../forms/FormView.tsx';
import { paperServices } from '../papers/papers.api.ts';
import { attachmentUrl, supplementDossier, uploadAttachment, type DossierView } from './dossiers.api.ts';

export function SupplementSection({ d, onDone }: { d: DossierView; onDone(d: DossierView): void }) {
  const { t, lang, pick } = useI18n();
  const form = useRef<FormHandle>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const existing = useMemo(() => new Set(d.attachments.map((a) => a.id)), [d.attachments]);
  const attachments = useMemo(
    () => ({
      upload: (file: File, key: string, progress: (s: number) => void) =>
        uploadAttachment(d.procedure.code, key, file, progress).catch((e: unknown) => {
          throw new Error(e instanceof ApiError ? [pick(e.messages), ...e.fields.map((f) => pick(f.message))].join(' ') : String(e));
        }),
      linkFor: (v: { attachmentId: string }) => (existing.has(v.attachmentId) ? attachmentUrl(d.id, v.attachmentId) : `/api/uploads/${v.attachmentId}`),
      papers: paperServices(d.procedure.code, pick),
    }),
    [d.id, d.procedure.code, existing, pick],
  );
  const req = d.supplementRequest!;
  const [slots, setSlots] = useState<Record<string, File>>({});
  const [slotErrors, setSlotErrors] = useState<FormError[]>([]);
  const send = async () => {
    // every paper asked for needs its file; a wrong type is told before sending
    const problems: FormError[] = [];
    req.items.forEach((item, i) => {
      const f = slots[`supplement_${i}`];
      if (f && !/\.(pdf|jpe?g|png)$/i.test(f.name) && !['application/pdf', 'image/jpeg', 'image/png'].includes(f.type))
        problems.push({ fieldId: `slot-${i}`, text: t('citizenDossier.slotType', { label: item }) });
    });
    setSlotErrors(problems);
    if (problems.length) return;
    const data = form.current?.submit();
    if (!data) return;
    setBusy(true);
    setError(undefined);
    try {
      onDone(await supplementDossier(d.id, data, slots));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const slotProblems = e.fields.filter((f) => /^supplement_\d+$/.test(f.field));
        setSlotErrors(slotProblems.map((f) => ({ fieldId: `slot-${f.field.split('_')[1]}`, text: pick(f.message) })));
        form.current?.showProblems(e.fields.filter((f) => !/^supplement_\d+$/.test(f.field)));
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card supplement">
      <h2>{t('supplement.title')}</h2>
      <p>{t('supplement.intro', { by: req.requestedBy.name, at: dateTime(req.requestedAt, lang) })}</p>
      <ul className="missing">
        {req.items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
      {req.dueAt && (
        <p>
          <strong>{t('supplement.due', { at: dateTime(req.dueAt, lang) })}</strong>
        </p>
      )}
      <ErrorSummary errors={slotErrors} />
      <h3>{t('citizenDossier.slots')}</h3>
      <ul className="supplement-slots">
        {req.items.map((item, i) => {
          const key = `supplement_${i}`;
          return (
            <li key={key}>
              <label htmlFor={`slot-${i}`}>{item}</label>
              <p className="hint" id={`slot-${i}-hint`}>
                {t('citizenDossier.slotHint')}
              </p>
              <input
                id={`slot-${i}`}
                type="file"
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                aria-describedby={`slot-${i}-hint`}
                aria-invalid={slotErrors.some((x) => x.fieldId === `slot-${i}`) || undefined}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  setSlots((s) => {
                    const next = { ...s };
                    if (file) next[key] = file;
                    else delete next[key];
                    return next;
                  });
                }}
              />
              {slots[key] && <p className="muted">{t('citizenDossier.slotChosen', { name: slots[key].name })}</p>}
            </li>
          );
        })}
      </ul>
      <h3>{t('citizenDossier.correctData')}</h3>
      <FormView ref={form} schema={d.applicationForm} data={d.data} attachments={attachments} />
      <Problem error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={send} disabled={busy}>
          {t('supplement.send')}
        </button>
      </div>
    </div>
  );
}
