/**
 * Verifying a document motcua issued, without logging in (the QR code on a result leads here): by the dossier's
 * code, each signed document issued for it checked from the copy kept; or by uploading the PDF one holds, its
 * signature checked and its SHA-256 compared with the one recorded at issue.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, upload } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary.tsx';
import { Problem } from '../../components/Problem.tsx';

type Verdict = 'authentic' | 'altered' | 'not_issued' | 'unsigned';

interface Verification {
  verdict: Verdict;
  sha256: string;
  hashMatches: boolean;
  signature: {
    valid: boolean;
    signerName: string;
    signedBy: string | null;
    issuer: string;
    signingTime: string | null;
  } | null;
  issued: { kind: string; dossierCode: string; procedureName: string; unit: string; issuedAt: string; sha256: string } | null;
}

const verdictClass: Record<Verdict, string> = { authentic: 'alert-success', altered: 'alert-error', not_issued: 'alert-warning', unsigned: 'alert-warning' };

function VerificationCard({ v, heading }: { v: Verification; heading: string }) {
  const { t, lang } = useI18n();
  const cn = (dn: string) => /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1] ?? dn;
  return (
    <article className="card verification" aria-label={heading}>
      <h3>{heading}</h3>
      <div className={`alert ${verdictClass[v.verdict]}`} data-verdict={v.verdict}>
        <p>
          <strong>{t(`verify.verdict.${v.verdict}` as MessageKey)}</strong>
        </p>
        <p>{t(`verify.verdict.${v.verdict}.text` as MessageKey)}</p>
      </div>
      <dl className="facts">
        {v.issued && (
          <>
            <dt>{t('verify.kind')}</dt>
            <dd>{t(`document.${v.issued.kind}` as MessageKey)}</dd>
            <dt>{t('verify.dossier')}</dt>
            <dd className="mono">{v.issued.dossierCode}</dd>
            <dt>{t('verify.procedure')}</dt>
            <dd>{v.issued.procedureName}</dd>
            <dt>{t('verify.unit')}</dt>
            <dd>{v.issued.unit}</dd>
            <dt>{t('verify.issuedAt')}</dt>
            <dd>{dateTime(v.issued.issuedAt, lang)}</dd>
          </>
        )}
        {v.signature && (
          <>
            <dt>{t('verify.signature')}</dt>
            <dd>{v.signature.valid ? t('verify.signatureValid') : t('verify.signatureInvalid')}</dd>
            {v.signature.signerName && (
              <>
                <dt>{t('verify.certificate')}</dt>
                <dd>{v.signature.signerName}</dd>
              </>
            )}
            {v.signature.signedBy && (
              <>
                <dt>{t('verify.signedBy')}</dt>
                <dd>{v.signature.signedBy}</dd>
              </>
            )}
            {v.signature.issuer && (
              <>
                <dt>{t('verify.issuer')}</dt>
                <dd>{cn(v.signature.issuer)}</dd>
              </>
            )}
            {v.signature.signingTime && (
              <>
                <dt>{t('verify.signingTime')}</dt>
                <dd>{dateTime(v.signature.signingTime, lang)}</dd>
              </>
            )}
          </>
        )}
        <dt>{t('verify.hash')}</dt>
        <dd className="mono hash">{v.sha256}</dd>
        {v.issued && (
          <>
            <dt>{t('verify.hashRecorded')}</dt>
            <dd>
              <span className="mono hash">{v.issued.sha256}</span> — {v.hashMatches ? t('verify.hashMatches') : t('verify.hashDiffers')}
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}

export function VerifyPage() {
  const { key } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState(key ?? '');
  const [byCode, setByCode] = useState<{ dossierCode: string; documents: Verification[] }>();
  const [codeError, setCodeError] = useState<unknown>();
  const [file, setFile] = useState<File>();
  const [byFile, setByFile] = useState<{ name: string; v: Verification }>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [fileError, setFileError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setByCode(undefined);
    setCodeError(undefined);
    if (key) api.get<{ dossierCode: string; documents: Verification[] }>(`/public/verify/${encodeURIComponent(key)}`).then(setByCode, setCodeError);
  }, [key]);

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) {
      setErrors([{ fieldId: 'verify-code', text: t('verify.noCode') }]);
      return;
    }
    setErrors([]);
    navigate(`/xac-thuc/${encodeURIComponent(code.trim())}`);
  };

  const submitFile = async (e: FormEvent) => {
    e.preventDefault();
    setByFile(undefined);
    setFileError(undefined);
    if (!file) return setErrors([{ fieldId: 'verify-file', text: t('verify.noFile') }]);
    if (file.type && file.type !== 'application/pdf' && !/\.pdf$/i.test(file.name)) return setErrors([{ fieldId: 'verify-file', text: t('verify.notPdf') }]);
    setErrors([]);
    setBusy(true);
    const form = new FormData();
    form.append('file', file);
    try {
      setByFile({ name: file.name, v: await upload<Verification>('/public/verify', form, () => undefined) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 413) setErrors([{ fieldId: 'verify-file', text: t('verify.tooLarge') }]);
      else if (err instanceof ApiError && err.code === 'verify_not_pdf') setErrors([{ fieldId: 'verify-file', text: t('verify.notPdf') }]);
      else setFileError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="container narrow">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <ErrorSummary errors={errors} />
      <form className="card" onSubmit={submitCode} noValidate>
        <h2>{t('verify.byCode')}</h2>
        <label htmlFor="verify-code">{t('verify.codeLabel')}</label>
        <p className="hint" id="verify-code-hint">
          {t('verify.codeHint')}
        </p>
        <div className="search-bar">
          <input
            id="verify-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby="verify-code-hint"
            autoComplete="off"
            aria-invalid={errors.some((x) => x.fieldId === 'verify-code') || undefined}
          />
          <button type="submit">{t('verify.check')}</button>
        </div>
      </form>
      <form className="card" onSubmit={submitFile} noValidate>
        <h2>{t('verify.byFile')}</h2>
        <label htmlFor="verify-file">{t('verify.fileLabel')}</label>
        <p className="hint" id="verify-file-hint">
          {t('verify.fileHint')}
        </p>
        <input
          id="verify-file"
          type="file"
          accept="application/pdf,.pdf"
          aria-describedby="verify-file-hint"
          aria-invalid={errors.some((x) => x.fieldId === 'verify-file') || undefined}
          onChange={(e) => setFile(e.target.files?.[0])}
        />
        <p>
          <button type="submit" disabled={busy}>
            {busy ? t('verify.checking') : t('verify.checkFile')}
          </button>
        </p>
      </form>
      <div aria-live="polite">
        <Problem error={fileError} />
        {byFile && <VerificationCard v={byFile.v} heading={t('verify.resultFile', { name: byFile.name })} />}
        <Problem error={codeError} />
        {byCode && (
          <>
            <h2>{t('verify.resultsFor', { code: byCode.dossierCode })}</h2>
            {byCode.documents.map((v) => (
              <VerificationCard key={v.sha256 + v.issued?.issuedAt} v={v} heading={t(`document.${v.issued?.kind ?? 'result'}` as MessageKey)} />
            ))}
          </>
        )}
      </div>
    </section>
  );
}
