/**
 * One version of a procedure in the studio: its catalogue entry, its process (modeller with the step
 * allowances beside it), its forms (editor with live preview) and its versions (diff, import, export,
 * publish, retire). A draft is edited and saved; a published or retired version is read-only and opens a
 * new draft. The check's problems are listed at the top and point at the element, form or field.
 */
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { ApiError } from '../../app/api.ts';
import { Notice, Problem } from '../../components/Problem.tsx';
import { Confirm } from '../../components/Confirm.tsx';
import { CatalogueEditor } from './components/CatalogueEditor.tsx';
import { CheckProblems, problemTab, type Tab } from './components/CheckProblems.tsx';
import { useLeaveUnsaved } from './components/LeaveUnsaved.tsx';
import { StepAllowances } from './components/StepAllowances.tsx';
import { VersionsPanel } from './components/VersionsPanel.tsx';
import { PublishRequestPanel } from './components/PublishRequestPanel.tsx';
import type { FormDesignerHandle } from './components/FormDesigner.tsx';
import type { ModelerHandle, UserStep } from './components/ProcessModeler.tsx';
import { statusLabel } from './StudioListPage.tsx';
import { studioApi, type Allowance, type CheckProblem, type FormDoc, type ProcedureSummary, type PublishRequest, type Version } from './studio.api.ts';
import { useSession } from '../../app/session.tsx';

const ProcessModeler = lazy(() => import('./components/ProcessModeler.tsx').then((m) => ({ default: m.ProcessModeler })));
const FormDesigner = lazy(() => import('./components/FormDesigner.tsx').then((m) => ({ default: m.FormDesigner })));

const tabs: Tab[] = ['catalogue', 'process', 'forms', 'versions'];

export function StudioVersionPage() {
  const { versionId } = useParams();
  const { t, lang } = useI18n();
  const { account } = useSession();
  const navigate = useNavigate();
  const [approval, setApproval] = useState(false);
  const [request, setRequest] = useState<PublishRequest | null>(null);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [procedure, setProcedure] = useState<ProcedureSummary | null>(null);
  const [v, setV] = useState<Version | null>(null);
  const [tab, setTab] = useState<Tab>('catalogue');
  const [steps, setSteps] = useState<UserStep[]>([]);
  const [formId, setFormId] = useState<string>('');
  const [problems, setProblems] = useState<CheckProblem[] | null>(null);
  const [focus, setFocus] = useState<string | undefined>();
  const [focusSeq, setFocusSeq] = useState(0);
  const show = (id: string | undefined) => {
    setFocus(id);
    setFocusSeq((n) => n + 1);
  };
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState<'publish' | 'discard' | null>(null);
  const modeler = useRef<ModelerHandle>(null);
  const designer = useRef<FormDesignerHandle>(null);
  const draft = v?.status === 'draft';
  const edited = useCallback(() => setDirty(true), []);
  const leave = useLeaveUnsaved(draft && dirty, async () => {
    setError(null);
    try {
      return await save();
    } catch (e) {
      setError(e);
      return false;
    }
  });

  const load = useCallback(async () => {
    const r = await studioApi.get(versionId!);
    setProcedure(r.procedure);
    setV(r.version);
    setApproval(r.publishApproval);
    setRequest(r.publishRequest);
    setFormId((f) => (f && r.version.forms[f] ? f : r.version.applicationFormId));
    setDirty(false);
  }, [versionId]);

  useEffect(() => {
    setProblems(null);
    load().catch(setError);
  }, [load]);

  /** The edits living in the modeller and the form editor, taken into the page's version. */
  async function collect(): Promise<Version> {
    let next = v!;
    if (modeler.current) next = { ...next, bpmnXml: await modeler.current.xml() };
    if (designer.current && formId) next = { ...next, forms: { ...next.forms, [formId]: designer.current.schema() } };
    setV(next);
    return next;
  }

  async function switchTab(to: Tab) {
    if (draft) await collect();
    setTab(to);
  }

  async function switchForm(to: string) {
    if (draft) await collect();
    setFormId(to);
  }

  async function save(): Promise<boolean> {
    const cur = await collect();
    const saved = await studioApi.save(cur.id, {
      procedureData: cur.procedureData,
      bpmnXml: cur.bpmnXml,
      forms: cur.forms,
      applicationFormId: cur.applicationFormId,
      timeLimit: cur.timeLimit,
      stepAllowances: cur.stepAllowances,
      resultTemplate: cur.resultTemplate,
    });
    setV({ ...cur, ...saved, procedureData: cur.procedureData });
    setDirty(false);
    return true;
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const onSave = () =>
    run(async () => {
      await save();
      setNotice(t('studio.saved'));
    });

  const onCheck = () =>
    run(async () => {
      await save();
      const r = await studioApi.check(v!.id);
      setProblems(r.problems);
      if (r.ok) setNotice(t('studio.checkOk'));
    });

  const onPublish = () =>
    run(async () => {
      setAsking(null);
      await save();
      const out = await studioApi.publish(v!.id).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'procedure_check_failed') setProblems(e.fields.map((f) => f as unknown as CheckProblem));
        throw e;
      });
      const asked = 'request' in out;
      await load();
      setProblems([]);
      setNotice(t(asked ? 'studio.approval.requested' : 'studio.publishedNotice'));
    });

  const onNewDraft = () =>
    run(async () => {
      const d = await studioApi.openDraft(v!.procedureId);
      navigate(`/quan-tri/thu-tuc/phien-ban/${d.id}`);
    });

  const onDecide = (decision: 'approve' | 'reject') =>
    run(async () => {
      if (decision === 'reject' && !reason.trim())
        throw new ApiError(400, 'reason_required', { vi: t('studio.approval.reasonMissing'), en: t('studio.approval.reasonMissing') });
      setDeciding(null);
      await studioApi.decidePublish(v!.id, decision, decision === 'reject' ? reason.trim() : undefined);
      setReason('');
      await load();
      setNotice(t(decision === 'approve' ? 'studio.publishedNotice' : 'studio.approval.rejectedNotice'));
    });

  const onRetire = () =>
    run(async () => {
      await studioApi.retire(v!.id);
      await load();
      setNotice(t('studio.retiredNotice'));
    });

  const onDiscard = () =>
    run(async () => {
      setAsking(null);
      await studioApi.discard(v!.id);
      // the draft is gone, and its edits with it: nothing left to ask about
      leave.release();
      navigate('/quan-tri/thu-tuc');
    });

  function showProblem(p: CheckProblem) {
    const to = problemTab(p);
    if (to === 'forms' && p.formId && v?.forms[p.formId]) void switchForm(p.formId);
    show(p.elementId);
    void switchTab(to);
  }

  if (error && !v)
    return (
      <section className="container">
        <Problem error={error} />
      </section>
    );
  if (!v || !procedure) return <p className="container">{t('common.loading')}</p>;

  const modelProblemIds = [...new Set((problems ?? []).filter((p) => p.severity === 'error' && p.elementId).map((p) => p.elementId!))];
  const setAllowance = (key: string, a: Allowance) => {
    setV({ ...v, stepAllowances: { ...v.stepAllowances, [key]: a } });
    setDirty(true);
  };

  return (
    <section className="container wide studio">
      <p className="breadcrumb">
        <Link to="/quan-tri/thu-tuc">{t('studio.title')}</Link> › {procedure.code}
      </p>
      <h1>
        {v.procedureData.name}{' '}
        <small>
          v{v.version} · <span className={`version-status version-${v.status}`}>{statusLabel(t, v.status)}</span>
        </small>
      </h1>
      <div className="studio-toolbar" role="toolbar" aria-label={t('studio.actions')}>
        {draft ? (
          <>
            <button type="button" className="button" onClick={onSave} disabled={busy}>
              {t('studio.save')}
            </button>
            <button type="button" className="button" onClick={onCheck} disabled={busy}>
              {t('studio.check')}
            </button>
            <button type="button" className="button primary" onClick={() => setAsking('publish')} disabled={busy || asking !== null}>
              {approval ? t('studio.approval.ask') : t('studio.publish')}
            </button>
            <button type="button" className="link-button" onClick={() => setAsking('discard')} disabled={busy || asking !== null}>
              {t('studio.discard')}
            </button>
            <span role="status" className="unsaved-status">
              {dirty && (
                <span className="unsaved-badge" title={t('studio.unsaved.hint')}>
                  {t('studio.unsaved')}
                </span>
              )}
            </span>
          </>
        ) : (
          <>
            <button type="button" className="button primary" onClick={onNewDraft} disabled={busy}>
              {t('studio.newDraft')}
            </button>
            {v.status === 'published' && (
              <button type="button" className="button" onClick={onRetire} disabled={busy}>
                {t('studio.retire')}
              </button>
            )}
            <span className="muted">{t('studio.readOnly')}</span>
          </>
        )}
      </div>
      {draft && request && request.status !== 'approved' && (
        <PublishRequestPanel
          request={request}
          mine={request.requestedBy === account?.id}
          busy={busy}
          deciding={deciding}
          reason={reason}
          lang={lang}
          onReason={setReason}
          onDeciding={setDeciding}
          onDecide={onDecide}
        />
      )}
      {asking === 'publish' && (
        <Confirm
          question={t(approval ? 'studio.approval.confirm' : 'studio.publish.confirm', { n: v.version })}
          yes={t(approval ? 'studio.approval.yes' : 'studio.publish.yes')}
          no={t('studio.publish.no')}
          busy={busy}
          onYes={onPublish}
          onNo={() => setAsking(null)}
        />
      )}
      {asking === 'discard' && (
        <Confirm
          question={t('studio.discard.confirm', { n: v.version })}
          yes={t('studio.discard.yes')}
          no={t('studio.discard.no')}
          busy={busy}
          onYes={onDiscard}
          onNo={() => setAsking(null)}
        />
      )}
      {leave.question}
      {notice && <Notice kind="success">{notice}</Notice>}
      <Problem error={error instanceof ApiError && error.code === 'procedure_check_failed' ? null : error} />
      {problems && problems.length > 0 && <CheckProblems problems={problems} onShow={showProblem} />}

      <div className="tabs" role="tablist" aria-label={t('studio.sections')}>
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} onClick={() => void switchTab(x)}>
            {t(`studio.tab.${x}`)}
          </button>
        ))}
      </div>

      <fieldset className="studio-body" disabled={!draft && tab === 'catalogue'}>
        {tab === 'catalogue' && (
          <CatalogueEditor
            data={v.procedureData}
            timeLimit={v.timeLimit}
            result={v.resultTemplate}
            onChange={(p) => {
              setV({ ...v, procedureData: p.data ?? v.procedureData, timeLimit: p.timeLimit ?? v.timeLimit, resultTemplate: p.result ?? v.resultTemplate });
              setDirty(true);
            }}
          />
        )}
      </fieldset>

      <Suspense fallback={<p>{t('common.loading')}</p>}>
        {tab === 'process' && (
          <div className="process-layout">
            <ProcessModeler
              ref={modeler}
              xml={v.bpmnXml}
              onChange={setSteps}
              onEdit={edited}
              problemIds={modelProblemIds}
              focus={focus}
              focusSeq={focusSeq}
              readOnly={!draft}
            />
            <StepAllowances
              steps={steps}
              allowances={v.stepAllowances}
              timeLimit={v.timeLimit}
              problemIds={modelProblemIds}
              readOnly={!draft}
              onShow={show}
              onChange={setAllowance}
            />
          </div>
        )}

        {tab === 'forms' && (
          <div>
            <div className="inline-fields">
              <label>
                {t('studio.forms.choose')}
                <select value={formId} onChange={(e) => void switchForm(e.target.value)}>
                  {Object.keys(v.forms).map((id) => (
                    <option key={id} value={id}>
                      {id}
                      {id === v.applicationFormId ? ` (${t('studio.forms.application')})` : ''}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {formId && v.forms[formId] && <FormDesigner key={`${v.id}-${formId}`} ref={designer} schema={v.forms[formId] as FormDoc} onEdit={edited} />}
          </div>
        )}
      </Suspense>

      {tab === 'versions' && <VersionsPanel version={v} procedure={procedure} onImported={load} />}
    </section>
  );
}
