/**
 * Counter reception: the receiving officer enters a walk-in application for the applicant (identified by
 * their citizen identity number), scans or uploads the papers, and accepts it at once; the receipt (form 01)
 * is ready to print on the next page. A centre receives for many agencies: for a procedure handled by the agency
 * competent for its field, the officer picks that agency (the one the rule finds is preselected).
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { formFields, type FormSchema } from '@motcua/domain/forms/form-schema.ts';
import { api, ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { FormView, type FormHandle } from '../../forms/FormView.tsx';
import { getProcedure, searchProcedures, type ProcedureDetail, type ProcedureSummary } from '../catalogue/procedures.api.ts';
import { uploadAttachment, type DossierView } from '../my-dossiers/dossiers.api.ts';
import { ResultChannelChoice, choiceBody, emptyAddress } from '../delivery/ResultChannelChoice.tsx';
import type { PostalAddress, ResultChannel } from '../delivery/delivery.api.ts';

export function CounterPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const form = useRef<FormHandle>(null);
  const [procedures, setProcedures] = useState<ProcedureSummary[]>([]);
  const [code, setCode] = useState('');
  const [procedure, setProcedure] = useState<ProcedureDetail>();
  const [competent, setCompetent] = useState<{ items: { id: string; name: string; agencyCode: string }[]; suggested: string | null }>({
    items: [],
    suggested: null,
  });
  const [handlingUnitId, setHandlingUnitId] = useState('');
  const [applicant, setApplicant] = useState({ fullName: '', idNumber: '', phone: '', email: '' });
  /** what the search by identity number found (or that it found no one) */
  const [found, setFound] = useState<{ name: string; source: string } | 'none' | 'invalid'>();
  const [finding, setFinding] = useState(false);
  // a walk-in collects the result here unless they choose otherwise
  const [resultDelivery, setResultDelivery] = useState<{ channel: ResultChannel; address: PostalAddress }>({ channel: 'counter', address: emptyAddress });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    searchProcedures({}).then((r) => setProcedures(r.items), setError);
  }, []);
  useEffect(() => {
    setProcedure(undefined);
    setCompetent({ items: [], suggested: null });
    setHandlingUnitId('');
    if (!code) return;
    getProcedure(code).then(setProcedure, setError);
    api
      .get<{ items: { id: string; name: string; agencyCode: string }[]; suggested: string | null }>(
        `/counter/procedures/${encodeURIComponent(code)}/competent-units`,
      )
      .then((r) => {
        setCompetent(r);
        setHandlingUnitId(r.suggested ?? '');
      }, setError);
  }, [code]);
  const attachments = useMemo(
    () => ({
      upload: (file: File, key: string, progress: (s: number) => void) =>
        uploadAttachment(code, key, file, progress).catch((e: unknown) => {
          throw new Error(e instanceof ApiError ? [pick(e.messages), ...e.fields.map((f) => pick(f.message))].join(' ') : String(e));
        }),
      linkFor: (v: { attachmentId: string }) => `/api/uploads/${v.attachmentId}`,
    }),
    [code, pick],
  );
  // the form's own applicant fields (applicant.fullName, …) take what the officer typed above: typed once
  const mirrored = useMemo(() => {
    try {
      const paths = new Set(formFields(procedure?.applicationForm as FormSchema).map((f) => f.path.join('.')));
      return (['fullName', 'idNumber', 'phone', 'email'] as const).filter((k) => paths.has(`applicant.${k}`));
    } catch {
      return [];
    }
  }, [procedure]);
  const mirror = (next: typeof applicant, before: typeof applicant) => {
    const current = (form.current?.data().applicant ?? {}) as Record<string, unknown>;
    const patch: Record<string, unknown> = {};
    // a value the officer changed in the form itself stays
    for (const k of mirrored) if (next[k] !== before[k] && (!current[k] || current[k] === before[k])) patch[`applicant.${k}`] = next[k] || undefined;
    if (Object.keys(patch).length) form.current?.patch(patch);
  };
  const changeApplicant = (next: typeof applicant) => {
    mirror(next, applicant);
    setApplicant(next);
  };
  const findApplicant = async () => {
    const idNumber = applicant.idNumber.trim();
    if (!/^[0-9]{12}$/.test(idNumber)) return setFound('invalid');
    setFinding(true);
    try {
      const a = await api.get<{ fullName: string; phone: string | null; email: string | null; source: string }>(`/counter/applicants/${idNumber}`);
      changeApplicant({ idNumber, fullName: a.fullName, phone: a.phone ?? '', email: a.email ?? '' });
      setFound({ name: a.fullName, source: a.source });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setFound('none');
      else setError(e);
    } finally {
      setFinding(false);
    }
  };
  // the walk-in applicant's own fields; the form's problems (codes form.*) belong to the form below
  const fieldError = (name: string) =>
    error instanceof ApiError ? error.fields.find((f) => f.field === `applicant.${name}` && !f.code.startsWith('form.')) : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const data = form.current?.submit();
    if (!data) return;
    setBusy(true);
    setError(undefined);
    try {
      const person: Record<string, string> = {};
      for (const [k, v] of Object.entries(applicant)) if (v.trim()) person[k] = v.trim();
      const d = await api.post<DossierView>('/counter/dossiers', {
        procedureCode: code,
        applicant: person,
        data,
        resultDelivery: choiceBody(resultDelivery),
        ...(competent.items.length && handlingUnitId ? { handlingUnitId } : {}),
      });
      navigate(`/ho-so/${d.id}/bien-nhan`);
    } catch (err) {
      if (err instanceof ApiError && err.fields.some((f) => f.code.startsWith('form.'))) {
        const own = err.fields.filter((f) => !f.code.startsWith('form.'));
        const rest = form.current?.showProblems(err.fields.filter((f) => f.code.startsWith('form.'))) ?? [];
        setError(new ApiError(err.status, err.code, err.messages, [...own, ...rest]));
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const input = (name: keyof typeof applicant, label: string, props: Record<string, string> = {}) => {
    const err = fieldError(name);
    return (
      <label>
        {label}
        <input
          name={name}
          value={applicant[name]}
          onChange={(e) => changeApplicant({ ...applicant, [name]: e.target.value })}
          aria-invalid={Boolean(err)}
          {...props}
        />
        {err && <span className="field-error">{pick(err.message)}</span>}
      </label>
    );
  };
  return (
    <section className="container">
      <h1>{t('counter.title')}</h1>
      <p>{t('counter.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="card">
          <label>
            <span>
              {t('dossier.procedure')} <span className="required">*</span>
            </span>
            <select value={code} onChange={(e) => setCode(e.target.value)} required>
              <option value="">{t('counter.chooseProcedure')}</option>
              {procedures.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} — {p.name}
                </option>
              ))}
            </select>
          </label>
          {competent.items.length > 0 && (
            <label>
              <span>
                {t('counter.handlingUnit')} <span className="required">*</span>
              </span>
              <select value={handlingUnitId} onChange={(e) => setHandlingUnitId(e.target.value)} required aria-describedby="handling-unit-hint">
                {competent.items.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
              <small id="handling-unit-hint" className="hint">
                {t('counter.handlingUnit.hint')}
              </small>
            </label>
          )}
        </div>
        <fieldset className="card grid-2">
          <legend>{t('counter.applicant')}</legend>
          <div className="id-lookup">
            {input('idNumber', t('register.idNumber'), { required: 'required', inputMode: 'numeric', autoComplete: 'off' })}
            <button type="button" disabled={finding} onClick={() => void findApplicant()}>
              {t('counterFind.find')}
            </button>
          </div>
          <div className="id-lookup-result" aria-live="polite">
            {found === 'none' && <Notice kind="info">{t('counterFind.none')}</Notice>}
            {found === 'invalid' && <Notice kind="warning">{t('counterFind.invalid')}</Notice>}
            {found && typeof found === 'object' && (
              <Notice kind="success">{t(`counterFind.found.${found.source as 'account' | 'counter' | 'dossier'}`, { name: found.name })}</Notice>
            )}
          </div>
          {input('fullName', t('register.fullName'), { required: 'required', autoComplete: 'off' })}
          {input('phone', t('register.phone'), { inputMode: 'tel', autoComplete: 'off' })}
          {input('email', t('register.email'), { type: 'email', autoComplete: 'off' })}
        </fieldset>
        {procedure && (
          <div className="card">
            {mirrored.length > 0 && <p className="hint">{t('counterFind.mirrored')}</p>}
            <FormView
              ref={form}
              schema={procedure.applicationForm}
              data={{ applicant: Object.fromEntries(mirrored.filter((k) => applicant[k]).map((k) => [k, applicant[k]])) }}
              attachments={attachments}
            />
          </div>
        )}
        <ResultChannelChoice value={resultDelivery} onChange={setResultDelivery} error={error} />
        <Problem error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !procedure}>
            {busy ? t('counter.receiving') : t('counter.receive')}
          </button>
        </div>
      </form>
    </section>
  );
}
