/**
 * A citizen's dossier: where it is and its one SLA label (as in the list); what is asked of them now (the papers
 * to supplement, each with its upload slot, by a date; a fee; a rating); what they submitted, read as a document
 * with its files by name; the milestones in words (no officer's opinion or note); withdrawal before a decision;
 * the signed result once delivered.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { dateTime, fileSize } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ApplicantSlaBadge, StatusBadge } from '../../components/Badges.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { Notice, Problem } from '../../components/Problem.tsx';
import { PaymentSection } from '../payment/PaymentSection.tsx';
import { RatingForm } from '../rating/RatingForm.tsx';
import { messages } from '../../app/messages.ts';
import { DeliverySection } from '../delivery/DeliverySection.tsx';
import { SupplementSection } from './SupplementSection.tsx';
import { attachmentUrl, documentUrl, getDossier, getRating, rate, withdrawDossier, type DossierView, type RatingState } from './dossiers.api.ts';
import { ApplicationDocument } from '../officer-dossier/ApplicationDocument.tsx';

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
            <StatusBadge status={d.status} />{' '}
            {d.supplementRounds > 0 && <span className="badge supplemented">{t('citizenDossier.supplemented', { n: d.supplementRounds })}</span>}
          </dd>
          <dt>{t('dossier.sla')}</dt>
          <dd>
            <ApplicantSlaBadge sla={d.sla} />
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

      <AskedNow d={d} />
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

      <Submitted d={d} />

      <div className="card">
        <h2>{t('dossier.timeline')}</h2>
        <Milestones d={d} />
      </div>
    </section>
  );
}

/** What is asked of the applicant now, in one place at the top: each a sentence, the details in their sections below. */
function AskedNow({ d }: { d: DossierView }) {
  const { t, lang } = useI18n();
  const asks: string[] = [];
  if (d.status.code === 5 && d.supplementRequest)
    asks.push(
      d.supplementRequest.dueAt
        ? t('citizenDossier.askSupplement', { at: dateTime(d.supplementRequest.dueAt, lang) })
        : t('citizenDossier.askSupplementNoDate'),
    );
  if (d.status.code === 6) asks.push(t('citizenDossier.askPayment'));
  if (d.status.code === 9 && d.delivery && d.delivery.channel !== 'online') asks.push(t('citizenDossier.askCollect'));
  if (d.status.code === 10) asks.push(t('citizenDossier.askRate'));
  return (
    <div className={`card asked-now${asks.length ? ' has-asks' : ''}`}>
      <h2>{t('citizenDossier.askedNow')}</h2>
      {asks.length ? (
        <ul>
          {asks.map((a) => (
            <li key={a}>
              <strong>{a}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('citizenDossier.nothingAsked')}</p>
      )}
    </div>
  );
}

/** What the applicant submitted: the form read as a document (labels in words), and the papers by name, each a link. */
function Submitted({ d }: { d: DossierView }) {
  const { t } = useI18n();
  return (
    <div className="card submitted">
      <h2>{t('citizenDossier.submitted')}</h2>
      <ApplicationDocument schema={d.applicationForm} data={d.data} fileLink={(id) => attachmentUrl(d.id, id)} />
      <h3>{t('citizenDossier.submittedFiles')}</h3>
      {d.attachments.length === 0 ? (
        <p>{t('citizenDossier.noFiles')}</p>
      ) : (
        <ul className="attachment-list submitted-files">
          {d.attachments.map((a) => (
            <li key={a.id}>
              <span className="muted">{a.label}: </span>
              <a href={attachmentUrl(d.id, a.id)} target="_blank" rel="noreferrer">
                {a.fileName}
              </a>{' '}
              <span className="muted">
                ({fileSize(a.size)}
                {a.round > 0 ? ` · ${t('dossier.supplementRound', { n: a.round })}` : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The milestones of the dossier in words for its applicant (the api leaves out officers' opinions and notes). */
function Milestones({ d }: { d: DossierView }) {
  const { t, lang } = useI18n();
  const events = d.milestones ?? [];
  const label = (e: (typeof events)[number]) => {
    const key = `citizenDossier.ms.${typeof e.data.kind === 'string' && typeof e.data.decision === 'string' ? `${e.data.kind}_${e.data.decision}` : e.type}`;
    if (key in messages) return t(key as MessageKey);
    return `event.${e.type}` in messages ? t(`event.${e.type}` as MessageKey) : e.type;
  };
  return (
    <ol className="timeline milestones">
      {events.map((e) => (
        <li key={e.seq} className={`timeline-item event-${e.type}`}>
          <time dateTime={e.at}>{dateTime(e.at, lang)}</time>
          <div>
            <strong>{label(e)}</strong>
            {e.actorName && <span className="muted"> — {e.actorName}</span>}
            {Array.isArray(e.data.items) && e.data.items.length > 0 && (
              <>
                <p className="muted">{t('citizenDossier.items')}</p>
                <ul>
                  {(e.data.items as string[]).map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ul>
              </>
            )}
            {typeof e.data.round === 'number' && <p className="muted">{t('citizenDossier.round', { n: e.data.round })}</p>}
            {typeof e.data.reasons === 'string' && <p className="muted">{t('citizenDossier.reasons', { text: e.data.reasons })}</p>}
            {typeof e.data.reason === 'string' && <p className="muted">{t('citizenDossier.reasons', { text: e.data.reason })}</p>}
            {typeof e.data.newDueAt === 'string' && <p className="muted">{t('citizenDossier.newDue', { at: dateTime(e.data.newDueAt, lang) })}</p>}
          </div>
        </li>
      ))}
    </ol>
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
