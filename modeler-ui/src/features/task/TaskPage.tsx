/**
 * One task: the dossier (the applicant's data as a document, files, history), the step's own form and the
 * decisions the step offers, each confirmed in words before it is sent (none can be undone). The officer takes
 * the task first (or returns it to the unit's queue); after accepting at reception the dossier's code and its
 * receipt (form 01) to print appear on the page; at an approval step the leader can open the draft result; the
 * apology letter (form 04) can be issued from a handling step before it is overdue.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { dateTime, workingTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { SlaBadge } from '../../components/Badges.tsx';
import { Confirm } from '../../components/Confirm.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import type { FormHandle } from '../../forms/FormView.tsx';
import { documentUrl, getDossier, type DossierView } from '../my-dossiers/dossiers.api.ts';
import { DossierData, DossierSummary } from '../officer-dossier/DossierDetails.tsx';
import { claimTask, completeTask, draftResultUrl, getTask, issueApology, unclaimTask, type TaskDetail } from '../inbox/tasks.api.ts';

// form-js (~400 kB) is fetched only once the applicant's data is on the page: the officer reads it first
const loadFormView = () => import('../../forms/FormView.tsx');
const FormView = lazy(() => loadFormView().then((m) => ({ default: m.FormView })));

export function TaskPage() {
  const { taskId } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [task, setTask] = useState<TaskDetail>();
  const [dossier, setDossier] = useState<DossierView>();
  const [decision, setDecision] = useState<string>('');
  const [nextUnitId, setNextUnitId] = useState('');
  const [pickMissing, setPickMissing] = useState(false);
  const pickSelect = useRef<HTMLSelectElement>(null);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  /** the decision's data, checked and waiting for the officer's confirmation */
  const [confirming, setConfirming] = useState<Record<string, unknown>>();
  /** the dossier just accepted at reception: its code and receipt follow */
  const [accepted, setAccepted] = useState<string>();
  const form = useRef<FormHandle>(null);

  const load = useCallback(async () => {
    try {
      // the task and its dossier appear together, so the officer never decides on a half-shown page
      const tk = await getTask(taskId!);
      const d = tk.dossier ? await getDossier(tk.dossier.id) : undefined;
      setTask(tk);
      setDossier(d);
    } catch (e) {
      setError(e);
    }
  }, [taskId]);
  useEffect(() => {
    void load();
  }, [load]);
  // the dossier shown, the step's form is fetched in the background, ready when the officer takes the task
  const hasForm = Boolean(task?.form);
  const [formReady, setFormReady] = useState(false);
  useEffect(() => {
    if (hasForm) loadFormView().then(() => setFormReady(true), setError);
  }, [hasForm]);

  const act = async (f: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await f();
      if (after) after();
      else await load();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) form.current?.showProblems(e.fields);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const choose = (d: string) => {
    // the decision goes into the step's form, whose other fields depend on it (missing items, reasons)
    setFormData({ ...(form.current?.data() ?? formData), decision: d });
    setDecision(d);
    setConfirming(undefined);
  };

  /** The form checked and the next unit chosen: then the officer is asked to confirm what will happen. */
  const send = () => {
    // (the form still loading: nothing to send yet, its loading note is on the page)
    if (task?.form && !form.current) return;
    const data = form.current?.submit();
    if (!data) return;
    // the next step's unit is chosen before anything is sent
    if (task?.pick?.decisions.includes(decision) && !nextUnitId) {
      setPickMissing(true);
      pickSelect.current?.focus();
      return;
    }
    setConfirming(data);
  };

  const confirmed = () => {
    const data = confirming!;
    const dossierId = task?.dossier?.id;
    void act(
      () =>
        completeTask(taskId!, { ...data, decision, ...(task?.pick?.decisions.includes(decision) ? { nextUnitId } : {}) }).catch((e: unknown) => {
          // refused: the question goes, the reasons show on the page
          setConfirming(undefined);
          throw e;
        }),
      () => {
        setConfirming(undefined);
        // accepted at reception: the code and the receipt to print appear here, the officer hands it over at once
        if (decision === 'accept' && dossierId) setAccepted(dossierId);
        else navigate('/mot-cua', { state: { done: true } });
      },
    );
  };

  if (!task) return <section className="container">{error ? <Problem error={error} /> : <p>{t('common.loading')}</p>}</section>;
  const held = task.assignedToMe;
  const picking = Boolean(task.pick?.decisions.includes(decision));
  const key = task.dossier?.code ?? task.dossier?.reference ?? '';
  const question = decision ? `${t(questionKey(decision, task.stepKind), { key })} ${t('decide.irreversible')}` : '';
  const yes = decision ? t(`decide.${decision}Yes` as MessageKey) : '';
  return (
    <section className="container wide task-page">
      <p className="breadcrumb">
        <Link to="/mot-cua">{t('nav.inbox')}</Link> › {task.name}
      </p>
      <h1>
        {task.name}: <span className="mono">{task.dossier?.code ?? task.dossier?.reference}</span>
      </h1>
      <p>
        {task.dossier?.procedureName} · {t('inbox.due')}: {dateTime(task.due, lang)} · {t('inbox.left')}: {workingTime(task.remainingWorkingMinutes, lang)}{' '}
        <SlaBadge state={task.slaState} />
      </p>
      <Problem error={error} />
      <div className="task-layout">
        <div className="task-main">
          {accepted ? (
            <AcceptedPanel dossierId={accepted} />
          ) : (
            <div className="card">
              <h2>{t('task.handle')}</h2>
              {task.stepKind === 'approval' && <DraftLink taskId={task.id} />}
              {!held && task.assignee && (
                <Notice kind="warning">{task.assigneeName ? t('task.heldBy', { name: task.assigneeName }) : t('task.heldByOther')}</Notice>
              )}
              {!held && !task.assignee && (
                <div className="actions">
                  <button type="button" className="primary" disabled={busy} onClick={() => act(() => claimTask(task.id))}>
                    {t('task.claim')}
                  </button>
                </div>
              )}
              {held && (
                <>
                  <div className="decisions" role="group" aria-label={t('task.decision')}>
                    {task.decisions.map((d) => (
                      <button key={d} type="button" className={`decision decision-${d}`} aria-pressed={decision === d} onClick={() => choose(d)}>
                        {t(`decision.${d}` as MessageKey)}
                      </button>
                    ))}
                  </div>
                  {task.form ? (
                    <div className={`task-form ${decision ? '' : 'no-decision'}`}>
                      <Suspense
                        fallback={
                          <p className="muted" role="status">
                            {t('task.formLoading')}
                          </p>
                        }
                      >
                        <FormView
                          key={decision}
                          ref={form}
                          schema={task.form}
                          data={formData}
                          attachments={{ upload: () => Promise.reject(new Error('no files here')), linkFor: () => '#' }}
                        />
                      </Suspense>
                    </div>
                  ) : null}
                  {picking && task.pick && (
                    <label className="pick-unit">
                      {t('task.pickUnit', { step: task.pick.stepName })}
                      <select
                        ref={pickSelect}
                        value={nextUnitId}
                        onChange={(e) => (setNextUnitId(e.target.value), setPickMissing(false))}
                        aria-invalid={pickMissing || undefined}
                        aria-describedby={pickMissing ? 'pick-unit-error pick-unit-hint' : 'pick-unit-hint'}
                      >
                        <option value="">{t('task.pickUnitNone')}</option>
                        {task.pick.units.map((u) => (
                          <option key={u.id} value={u.id}>
                            {u.name}
                          </option>
                        ))}
                      </select>
                      {pickMissing && (
                        <span id="pick-unit-error" className="field-error" role="alert">
                          {t('task.pickUnitMissing')}
                        </span>
                      )}
                      <span id="pick-unit-hint" className="hint">
                        {t('task.pickUnitHint')}
                      </span>
                    </label>
                  )}
                  {confirming ? (
                    <Confirm question={question} yes={yes} no={t('decide.no')} busy={busy} onYes={confirmed} onNo={() => setConfirming(undefined)} />
                  ) : (
                    <div className="actions">
                      <button type="button" className="primary" disabled={busy || !decision || (hasForm && !formReady)} onClick={send}>
                        {t('task.send')}
                      </button>
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() =>
                          act(
                            () => unclaimTask(task.id),
                            () => navigate('/mot-cua'),
                          )
                        }
                      >
                        {t('task.unclaim')}
                      </button>
                    </div>
                  )}
                </>
              )}
            </div>
          )}
          {held && !accepted && task.stepKind !== 'reception' && dossier?.dueAt && <ApologyForm taskId={task.id} onDone={load} />}
          {dossier && (
            <div className="card">
              <h2>{t('task.dossier')}</h2>
              <DossierData d={dossier} />
            </div>
          )}
        </div>
        <aside className="task-side">
          {dossier && (
            <div className="card">
              <DossierSummary d={dossier} />
              <p>
                <Link to={`/mot-cua/ho-so/${dossier.id}`}>{t('task.openDossier')}</Link>
              </p>
            </div>
          )}
          {dossier && (
            <div className="card">
              <h2>{t('dossier.timeline')}</h2>
              <Timeline events={dossier.timeline} />
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}

/** The confirmation's words for a decision: what will happen once it is sent. */
function questionKey(decision: string, kind: TaskDetail['stepKind']): MessageKey {
  if (decision === 'approve') return kind === 'approval' ? 'decide.approveApproval' : 'decide.approveReview';
  return `decide.${decision}` as MessageKey;
}

/** After acceptance: the dossier's code and its receipt (form 01), shown as soon as the engine has issued them. */
function AcceptedPanel({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const [d, setD] = useState<DossierView>();
  const [error, setError] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    let alive = true;
    const load = () =>
      getDossier(dossierId).then((x) => {
        if (!alive) return;
        setD(x);
        if (!x.code || !x.documents.some((doc) => doc.kind === 'receipt')) setTimeout(load, 700);
      }, setError);
    void load();
    return () => {
      alive = false;
    };
  }, [dossierId]);
  const receipt = d?.code && d.documents.some((doc) => doc.kind === 'receipt');
  return (
    <div className="card accepted">
      <h2 ref={heading} tabIndex={-1}>
        {t('accepted.title')}
      </h2>
      <Problem error={error} />
      <div aria-live="polite">
        {d?.code ? (
          <dl className="facts">
            <dt>{t('accepted.code')}</dt>
            <dd className="mono" data-testid="accepted-code">
              {d.code}
            </dd>
          </dl>
        ) : null}
        {!receipt && <p className="muted">{t('accepted.waiting')}</p>}
        <div className="actions">
          {receipt && (
            <a className="button primary" href={`${documentUrl(dossierId, 'receipt')}?inline=1`} target="_blank" rel="noreferrer">
              {t('accepted.print')}
            </a>
          )}
          <Link className="button" to="/mot-cua">
            {t('accepted.backToInbox')}
          </Link>
        </div>
      </div>
    </div>
  );
}

/** The result as it will be issued, marked as a draft and unsigned, for the leader to read before approving. */
function DraftLink({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  return (
    <p className="draft-link">
      <a href={draftResultUrl(taskId)} target="_blank" rel="noreferrer">
        {t('draft.open')}
      </a>{' '}
      <span className="muted">{t('draft.hint')}</span>
    </p>
  );
}

function ApologyForm({ taskId, onDone }: { taskId: string; onDone(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [when, setWhen] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  if (done) return <Notice kind="success">{t('apology.done')}</Notice>;
  if (!open)
    return (
      <div className="actions">
        <button type="button" onClick={() => setOpen(true)}>
          {t('apology.open')}
        </button>
      </div>
    );
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        // the chosen moment is in Vietnam's time
        issueApology(taskId, { reason: reason.trim(), newDueAt: new Date(`${when}:00+07:00`).toISOString() }).then(() => (setDone(true), onDone()), setError);
      }}
    >
      <h2>{t('apology.title')}</h2>
      <label>
        {t('apology.reason')}
        <textarea required minLength={5} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label>
        {t('apology.newDue')}
        <input type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
      </label>
      <Problem error={error} />
      <div className="actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary">
          {t('apology.issue')}
        </button>
      </div>
    </form>
  );
}
