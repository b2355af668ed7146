/**
 * Applying online: choose the receiving unit, fill the procedure's form (rendered from its form-js schema,
 * checked as the server checks it), attach files (uploaded at once, with progress), save a draft to resume
 * later, submit; then the receipt.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Notice, Problem } from '../../components/Problem.tsx';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary.tsx';
import { FormView, type FormHandle } from '../../forms/FormView.tsx';
import { getProcedure, listOrgUnits, type OrgUnit, type ProcedureDetail } from '../catalogue/procedures.api.ts';
import { getDraft, saveDraft, submitDossier, uploadAttachment } from '../my-dossiers/dossiers.api.ts';
import { paperServices } from '../papers/papers.api.ts';
import { organisationsApi, type Organisation } from '../organisations/organisations.api.ts';
import { ResultChannelChoice, choiceBody, emptyAddress } from '../delivery/ResultChannelChoice.tsx';
import type { PostalAddress, ResultChannel } from '../delivery/delivery.api.ts';
import { FeeQuoteCard } from '../payment/FeeQuoteCard.tsx';
import { useSession } from '../../app/session.tsx';
import { overlay, prefillFor } from './prefill.ts';
import { ReviewAnswers } from './ReviewAnswers.tsx';
import { translateFormSchema, translationsFor } from '@motcua/domain/procedures/translations.ts';

export function ApplyPage() {
  const { code } = useParams();
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const { account } = useSession();
  const form = useRef<FormHandle>(null);
  const [procedure, setProcedure] = useState<ProcedureDetail>();
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [unitId, setUnitId] = useState('');
  /** the organisations the citizen acts for, and the one this dossier is filed for ('' for themself) */
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [organisationId, setOrganisationId] = useState('');
  const [initial, setInitial] = useState<Record<string, unknown>>();
  /** the form as filled so far: the fee is computed from it */
  const [filled, setFilled] = useState<Record<string, unknown>>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');
  /** what the last press of "Nộp hồ sơ" found wrong, summed up at the top of the page */
  const [summary, setSummary] = useState<FormError[]>([]);
  /** when the draft was last saved: told beside the buttons, where the person pressed */
  const [savedAt, setSavedAt] = useState<Date>();
  /** the answers being checked on the review page before they are sent (the form stays, hidden, to go back to) */
  const [reviewing, setReviewing] = useState<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const [unitError, setUnitError] = useState(false);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [resultDelivery, setResultDelivery] = useState<{ channel: ResultChannel; address: PostalAddress }>({ channel: 'online', address: emptyAddress });

  useEffect(() => {
    organisationsApi.mine().then(
      (r) => setOrganisations(r.items),
      () => setOrganisations([]),
    );
    Promise.all([
      getProcedure(code!),
      listOrgUnits(),
      getDraft(code!).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? undefined : Promise.reject(e))),
    ]).then(([p, u, draft]) => {
      setProcedure(p);
      setUnits(u.items.filter((x) => x.receivesDossiers));
      // what the account knows fills the applicant's fields; a saved draft keeps what was typed
      setInitial(overlay(account ? prefillFor(p.applicationForm, account) : {}, (draft?.data as Record<string, unknown> | undefined) ?? {}));
      if (draft?.orgUnitId) setUnitId(draft.orgUnitId);
      if (draft) setNotice(t('apply.draftResumed'));
    }, setError);
  }, [code]); // eslint-disable-line react-hooks/exhaustive-deps

  const attachments = useMemo(
    () => ({
      upload: (file: File, key: string, progress: (s: number) => void) =>
        uploadAttachment(code!, key, file, progress).catch((e: unknown) => {
          throw new Error(e instanceof ApiError ? [pick(e.messages), ...e.fields.map((f) => pick(f.message))].join(' ') : String(e));
        }),
      linkFor: (v: { attachmentId: string }) => `/api/uploads/${v.attachmentId}`,
      papers: paperServices(code!, pick),
    }),
    [code, pick],
  );

  const save = async () => {
    setError(undefined);
    try {
      await saveDraft(code!, { orgUnitId: unitId || null, data: form.current?.data() ?? {} });
      setSavedAt(new Date());
    } catch (e) {
      setError(e);
    }
  };

  /** the errors of the page in the order they appear: the receiving unit first, then the form's fields */
  const sumUp = async (noUnit: boolean) => {
    const errors: FormError[] = noUnit ? [{ fieldId: 'apply-unit', text: `${t('apply.unit')}: ${t('apply.unitRequired')}` }] : [];
    errors.push(...((await form.current?.errors()) ?? []));
    setSummary(errors);
    return errors;
  };

  /** "Tiếp tục": the form checked as the server checks it, then the review page */
  const review = async () => {
    setError(undefined);
    setNotice('');
    setSavedAt(undefined);
    const data = form.current?.submit({ focusFirstError: false });
    setUnitError(!unitId);
    if (!data || !unitId) {
      await sumUp(!unitId);
      return;
    }
    setSummary([]);
    setReviewing(data);
  };

  const backToForm = () => {
    setReviewing(undefined);
    window.scrollTo(0, 0);
  };

  /** "Nộp hồ sơ" on the review page: sent; the server's problems take the person back to the form */
  const submit = async () => {
    const data = reviewing;
    if (!data) return;
    setError(undefined);
    setBusy(true);
    try {
      const dossier = await submitDossier(
        { procedureCode: code!, orgUnitId: unitId, ...(organisationId ? { organisationId } : {}), data, resultDelivery: choiceBody(resultDelivery) },
        idempotencyKey,
      );
      navigate(`/ho-so/${dossier.id}/bien-nhan`);
    } catch (e) {
      setReviewing(undefined);
      if (e instanceof ApiError && e.fields.length) {
        const rest = form.current?.showProblems(e.fields) ?? e.fields;
        setError(rest.length ? new ApiError(e.status, e.code, e.messages, rest) : new ApiError(e.status, e.code, e.messages));
        await sumUp(false);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!procedure || !initial) return <section className="container">{error ? <Problem error={error} /> : <p>{t('common.loading')}</p>}</section>;
  return (
    <section className="container apply">
      <p className="breadcrumb">
        <Link to={`/thu-tuc/${encodeURIComponent(procedure.code)}`}>{lang === 'en' && procedure.nameEn ? procedure.nameEn : procedure.name}</Link> ›{' '}
        {t('apply.title')}
      </p>
      <h1>{t('apply.heading', { name: lang === 'en' && procedure.nameEn ? procedure.nameEn : procedure.name })}</h1>
      <ErrorSummary errors={summary} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {reviewing && (
        <>
          <ReviewAnswers
            schema={translateFormSchema(procedure.applicationForm, translationsFor(procedure.catalogue, lang))}
            data={reviewing}
            facts={[
              { label: t('apply.unit'), value: units.find((u) => u.id === unitId)?.name ?? '' },
              ...(organisationId ? [{ label: t('review.filedFor'), value: organisations.find((o) => o.id === organisationId)?.name ?? '' }] : []),
              { label: t('delivery.title'), value: t(`delivery.channel.${resultDelivery.channel}`) },
            ]}
          />
          <FeeQuoteCard code={procedure.code} data={reviewing} />
          <Problem error={error} />
          <div className="actions sticky-actions">
            <button type="button" onClick={backToForm} disabled={busy}>
              {t('review.back')}
            </button>
            <button type="button" className="primary" onClick={submit} disabled={busy}>
              {busy ? t('apply.submitting') : t('apply.submit')}
            </button>
          </div>
        </>
      )}
      <div hidden={Boolean(reviewing)}>
        <div className="card">
          <label className="unit-select">
            <span>
              {t('apply.unit')} <span className="required">*</span>
            </span>
            <select
              id="apply-unit"
              value={unitId}
              onChange={(e) => setUnitId(e.target.value)}
              aria-invalid={unitError}
              aria-describedby={unitError ? 'unit-error' : undefined}
            >
              <option value="">{t('apply.chooseUnit')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            {unitError && (
              <span id="unit-error" className="field-error">
                {t('apply.unitRequired')}
              </span>
            )}
          </label>
          {organisations.length > 0 && (
            <label>
              {t('apply.filedFor')}
              <select value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
                <option value="">{t('apply.filedFor.self')}</option>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.taxCode})
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <div className="card">
          <FormView
            ref={form}
            schema={procedure.applicationForm}
            translations={procedure.catalogue.translations}
            data={initial}
            attachments={attachments}
            onChange={setFilled}
          />
        </div>
        <ResultChannelChoice value={resultDelivery} onChange={setResultDelivery} error={error} />
        <FeeQuoteCard code={procedure.code} data={filled ?? initial} />
        <Problem error={error} />
        <div className="actions sticky-actions">
          <span className="draft-status" role="status">
            {savedAt &&
              t('apply.draftSavedAt', { time: savedAt.toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) })}
          </span>
          <button type="button" onClick={save} disabled={busy}>
            {t('apply.saveDraft')}
          </button>
          <button type="button" className="primary" onClick={review} disabled={busy}>
            {t('apply.continue')}
          </button>
        </div>
      </div>
    </section>
  );
}
