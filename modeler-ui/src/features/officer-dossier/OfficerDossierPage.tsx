/**
 * A dossier as the workspace shows it: summary, data and files, its timeline, the process control sheet
 * (form 05, printable), the process diagram with the steps done and the current one in its SLA colour, and
 * the messages sent about it (mail, SMS: each attempt).
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { DiagramView, type DiagramState } from '../../bpmn/DiagramView.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import { getDossier, type DossierView } from '../my-dossiers/dossiers.api.ts';
import { DossierData, DossierSummary } from './DossierDetails.tsx';
import { AuditHistory } from './AuditHistory.tsx';
import { UrgeAction } from './UrgeAction.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { useSession } from '../../app/session.tsx';
import { DeliverySection } from '../delivery/DeliverySection.tsx';
import { CounterPaymentSection } from '../payment/CounterPaymentSection.tsx';

interface ControlSheet {
  dossierCode: string | null;
  reference: string;
  procedureName: string;
  applicantName: string;
  receivedAt: string | null;
  dueAt: string | null;
  rows: {
    seq: number;
    unit: string;
    /** the unit receiving; another agency's at a hand-off between agencies */
    toUnit: string;
    interAgency: boolean;
    step: string;
    handedOverBy: string;
    receivedBy: string;
    atText: string;
    result: string | null;
    note: string | null;
  }[];
}

export function OfficerDossierPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const [d, setD] = useState<DossierView>();
  const [sheet, setSheet] = useState<ControlSheet>();
  const [diagram, setDiagram] = useState<DiagramState>();
  const [error, setError] = useState<unknown>();
  const [tab, setTab] = useState<'data' | 'sheet' | 'diagram' | 'timeline' | 'deliveries' | 'audit'>('data');
  const { account } = useSession();
  useEffect(() => {
    getDossier(id!).then(setD, setError);
    api.get<ControlSheet>(`/dossiers/${id}/control-sheet`).then(setSheet, setError);
    api.get<DiagramState>(`/dossiers/${id}/diagram`).then(setDiagram, setError);
  }, [id]);
  if (!d) return <section className="container">{error ? <Problem error={error} /> : <p>{t('common.loading')}</p>}</section>;
  const tabs = [
    ['data', t('officerDossier.data')],
    ['sheet', t('officerDossier.sheet')],
    ['diagram', t('officerDossier.diagram')],
    ['timeline', t('dossier.timeline')],
    ['deliveries', t('deliveries.tab')],
    ...(account?.role === 'auditor' ? ([['audit', t('audit.tab')]] as const) : []),
  ] as const;
  return (
    <section className="container wide">
      <p className="breadcrumb no-print">
        <Link to="/mot-cua">{t('nav.inbox')}</Link> › <span className="mono">{d.code ?? d.reference}</span>
      </p>
      <h1>
        {d.procedure.name} — <span className="mono">{d.code ?? d.reference}</span>
      </h1>
      <div className="card no-print">
        <DossierSummary d={d} />
      </div>
      {d.delivery && (d.decidedAt || d.delivery.channel !== 'online') && (
        <div className="no-print">
          <DeliverySection d={d} desk={account?.role === 'receiving_officer' && account.orgUnitId === d.orgUnit.id} onChange={setD} />
        </div>
      )}
      {account?.role === 'leader' && d.slaState !== 'on_time' && [2, 4, 5].includes(d.status.code) && (
        <UrgeAction dossierId={d.id} onDone={() => getDossier(id!).then(setD, setError)} />
      )}
      {account?.role === 'receiving_officer' && [1, 2, 3, 4, 6, 7, 9, 10].includes(d.status.code) && (
        <CounterPaymentSection dossierId={d.id} onChange={() => getDossier(id!).then(setD, setError)} />
      )}
      <div className="tabs no-print" role="tablist">
        {tabs.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} aria-controls={`panel-${key}`} id={`tab-${key}`} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>
      <Problem error={error} />
      {tab === 'data' && (
        <div className="card" role="tabpanel" id="panel-data" aria-labelledby="tab-data">
          <DossierData d={d} />
        </div>
      )}
      {tab === 'sheet' && sheet && (
        <div className="card control-sheet" role="tabpanel" id="panel-sheet" aria-labelledby="tab-sheet">
          <h2 className="print-title">{t('controlSheet.title')}</h2>
          <p>
            {t('dossier.code')}: <strong className="mono">{sheet.dossierCode ?? sheet.reference}</strong> · {sheet.procedureName} ·{' '}
            {t('controlSheet.applicant')}: {sheet.applicantName}
          </p>
          <p>
            {t('dossier.receivedAt')}: {dateTime(sheet.receivedAt, lang)} · {t('dossier.dueAt')}: {dateTime(sheet.dueAt, lang)}
          </p>
          <table className="table responsive">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('controlSheet.unit')}</th>
                <th scope="col">{t('controlSheet.handover')}</th>
                <th scope="col">{t('controlSheet.time')}</th>
                <th scope="col">{t('controlSheet.result')}</th>
                <th scope="col">{t('controlSheet.note')}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.rows.map((r) => (
                <tr key={r.seq}>
                  <td data-label="#">{r.seq}</td>
                  <td data-label={t('controlSheet.unit')}>
                    <span>
                      {r.unit}
                      <span className="muted">{r.step}</span>
                    </span>
                  </td>
                  <td data-label={t('controlSheet.handover')}>
                    <span>
                      {t('controlSheet.by')}: {r.handedOverBy || '—'}
                      <br />
                      {t('controlSheet.to')}: {r.receivedBy || '—'}
                      {r.interAgency && <span className="handoff">{t('controlSheet.interAgency', { unit: r.toUnit })}</span>}
                    </span>
                  </td>
                  <td data-label={t('controlSheet.time')}>{r.atText}</td>
                  <td data-label={t('controlSheet.result')}>{r.result ? t(`result.${r.result as 'early'}`) : '—'}</td>
                  <td data-label={t('controlSheet.note')}>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions no-print">
            <button type="button" onClick={() => window.print()}>
              {t('controlSheet.print')}
            </button>
          </div>
        </div>
      )}
      {tab === 'diagram' && diagram && (
        <div className="card" role="tabpanel" id="panel-diagram" aria-labelledby="tab-diagram">
          <DiagramView diagram={diagram} label={t('officerDossier.diagramLabel')} />
          <p className="legend">
            <span className="legend-done">{t('officerDossier.done')}</span> <span className="legend-current">{t('officerDossier.current')}</span>{' '}
            <span className="legend-nearly-late">
              {t('officerDossier.current')}, {t('sla.nearly_late').toLowerCase()}
            </span>{' '}
            <span className="legend-late">
              {t('officerDossier.current')}, {t('sla.late').toLowerCase()}
            </span>
          </p>
        </div>
      )}
      {tab === 'audit' && (
        <div className="card" role="tabpanel" id="panel-audit" aria-labelledby="tab-audit">
          <AuditHistory dossierId={d.id} />
        </div>
      )}
      {tab === 'deliveries' && (
        <div className="card" role="tabpanel" id="panel-deliveries" aria-labelledby="tab-deliveries">
          <DeliveryLog dossierId={d.id} />
        </div>
      )}
      {tab === 'timeline' && (
        <div className="card" role="tabpanel" id="panel-timeline" aria-labelledby="tab-timeline">
          <Timeline events={d.timeline} />
        </div>
      )}
    </section>
  );
}
