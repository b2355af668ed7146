/**
 * A citizen's dossier: where it is, when it is due, its history; what to supplement when asked (the form
 * with what is missing); withdrawal before a decision; the signed result and the rating once delivered.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { OutcomeBadge, SlaBadge, StatusBadge } from '../../components/Badges.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { PaymentSection } from '../payment/PaymentSection.tsx';
import { RatingForm } from '../rating/RatingForm.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import { FormView, type FormHandle } from '../../forms/FormView.tsx';
import { DeliverySection } from '../delivery/DeliverySection.tsx';
import {
  attachmentUrl,
  documentUrl,
  getDossier,
  getRating,
  rate,
  supplementDossier,
  uploadAttachment,
  withdrawDossier,
  type DossierView,
  type RatingState,
} from './dossiers.api.ts';
import { paperServices } from '../papers/papers.api.ts';

const WITHDRAWABLE = [1, 2, 4, 5, 6];

export function DossierPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const [d, setD] = useState<DossierView>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');
  const load = useCallback(() => getDossier(id!).then(setD, setError), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!d) return <section className="container">{error ? <Problem error={error} /> : <p>{t('common.loading')}</p>}</section>;
  const due = d.extendedDueAt ?? d.dueAt;
  return (
    <section className="container dossier-page">
      <p className="breadcrumb">
        <Link to="/ho-so">{t('nav.myDossiers')}</Link> › <span className="mono">{d.code ?? d.reference}</span>
      </p>
      <h1>{lang === 'en' && d.procedure.nameEn ? d.procedure.nameEn : d.procedure.name}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <Problem error={error} />
      <div className="card summary">
        <dl className="facts">
          <dt>{t('dossier.status')}</dt>
          <dd>
            <StatusBadge status={d.status} /> {d.dueAt && d.pending && <SlaBadge state={d.slaState} />} <OutcomeBadge outcome={d.outcome} />
          </dd>
          <dt>{t('dossier.code')}</dt>
          <dd className="mono">{d.code ?? t('receipt.codeLater')}</dd>
          <dt>{t('dossier.reference')}</dt>
          <dd className="mono">{d.reference}</dd>
          <dt>{t('dossier.unit')}</dt>
          <dd>{d.orgUnit.name}</dd>
          <dt>{t('dossier.submittedAt')}</dt>
          <dd>{dateTime(d.submittedAt, lang)}</dd>
          {d.receivedAt && (
            <>
              <dt>{t('dossier.receivedAt')}</dt>
              <dd>{dateTime(d.receivedAt, lang)}</dd>
            </>
          )}
          {due && (
            <>
              <dt>{t('dossier.dueAt')}</dt>
              <dd>
                {dateTime(due, lang)}
                {d.extendedDueAt && <span className="muted"> ({t('dossier.originalDue', { at: dateTime(d.dueAt, lang) })})</span>}
              </dd>
            </>
          )}
          {d.currentSteps.length > 0 && (
            <>
              <dt>{t('dossier.currentStep')}</dt>
              <dd>{d.currentSteps.map((s) => s.name).join(', ')}</dd>
            </>
          )}
        </dl>
      </div>

      <PaymentSection dossierId={d.id} key={d.status.code} />
      {d.status.code === 5 && d.supplementRequest && <SupplementSection d={d} onDone={(x) => (setD(x), setNotice(t('supplement.sent')))} />}
      {d.refusal && (
        <div className="card">
          <h2>{t('dossier.refusal')}</h2>
          <p>{d.refusal.reasons}</p>
        </div>
      )}
      {d.apologies.map((a, i) => (
        <div className="card" key={i}>
          <h2>{t('dossier.apology')}</h2>
          <p>{a.reason}</p>
          <p>{t('dossier.newAppointment', { at: dateTime(a.newDueAt, lang) })}</p>
        </div>
      ))}

      {d.documents.length > 0 && (
        <div className="card">
          <h2>{t('dossier.documents')}</h2>
          <ul className="documents">
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <a href={documentUrl(d.id, doc.kind)} download>
                  {t(`document.${doc.kind}`)}
                </a>{' '}
                {doc.signed && <span className="badge badge-signed">{t('document.signed')}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}

      {d.delivery && (d.decidedAt || d.delivery.channel !== 'online') && <DeliverySection d={d} desk={false} onChange={setD} />}

      {d.status.code === 10 && <RatingSection id={d.id} />}

      {WITHDRAWABLE.includes(d.status.code) && <WithdrawSection id={d.id} onDone={(x) => (setD(x), setNotice(t('withdraw.done')))} />}

      <div className="card">
        <h2>{t('dossier.timeline')}</h2>
        <Timeline events={d.timeline} />
      </div>
    </section>
  );
}

function SupplementSection({ d, onDone }: { d: DossierView; onDone(d: DossierView): void }) {
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
  const send = async () => {
    const data = form.current?.submit();
    if (!data) return;
    setBusy(true);
    setError(undefined);
    try {
      onDone(await supplementDossier(d.id, data));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) form.current?.showProblems(e.fields);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const req = d.supplementRequest!;
  return (
    <div className="card supplement">
      <h2>{t('supplement.title')}</h2>
      <p>{t('supplement.intro', { by: req.requestedBy.name, at: dateTime(req.requestedAt, lang) })}</p>
      <ul className="missing">
        {req.items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
      {req.note && <p className="muted">{req.note}</p>}
      {req.dueAt && <p>{t('supplement.due', { at: dateTime(req.dueAt, lang) })}</p>}
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

function WithdrawSection({ id, onDone }: { id: string; onDone(d: DossierView): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  if (!open)
    return (
      <div className="actions">
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          {t('withdraw.button')}
        </button>
      </div>
    );
  return (
    <div className="card">
      <h2>{t('withdraw.title')}</h2>
      <p>{t('withdraw.warning')}</p>
      <label>
        {t('withdraw.reason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </label>
      <Problem error={error} />
      <div className="actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() =>
            withdrawDossier(id, reason.trim()).then((d) => {
              setOpen(false);
              onDone(d);
            }, setError)
          }
        >
          {t('withdraw.confirm')}
        </button>
      </div>
    </div>
  );
}

function RatingSection({ id }: { id: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<RatingState>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(() => getRating(id).then(setState, setError), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!state) return <Problem error={error} />;
  if (state.rating)
    return (
      <div className="card">
        <h2>{t('rating.title')}</h2>
        <p>{t('rating.thanks', { level: t(`rating.level${state.rating.overall as 1 | 2 | 3}`) })}</p>
      </div>
    );
  return (
    <div className="card rating">
      <h2>{t('rating.title')}</h2>
      <p>{t('rating.intro')}</p>
      <RatingForm
        questionnaire={state.questionnaire.content}
        steps={state.steps}
        submitLabel={t('rating.submit')}
        onSubmit={(input) => rate(id, input).then(() => load())}
      />
    </div>
  );
}
