/**
 * «Đánh giá tại quầy»: the tablet at the counter on which walk-in applicants rate with the code of their receipt.
 * A receiving officer starts it: the tablet gets a kiosk token bound to the officer's unit and the officer's
 * session is logged out of the device, so the applicants in front of it hold no one's login. Then: code, the
 * dossier's procedure and steps, the current questionnaire, thanks, and back to the code for the next one.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { messages } from '../../app/messages.ts';
import { useSession } from '../../app/session.tsx';
import { Problem } from '../../components/Problem.tsx';
import { RatingForm } from '../rating/RatingForm.tsx';
import { kioskApi, kioskToken, type CodeDossier } from '../rating/rating.api.ts';

/** after the thanks, back to the code screen */
const RESET_MS = 6_000;
/** a rating left half-done goes back to the code screen, so the next applicant does not see it */
const IDLE_MS = 120_000;

type Step = { kind: 'code' } | { kind: 'rate'; code: string; dossier: CodeDossier } | { kind: 'done' };

export function CounterRatingPage() {
  const { t, lang, setLang } = useI18n();
  const { account, loading, logout } = useSession();
  const [token, setToken] = useState(kioskToken.get());
  const [unitName, setUnitName] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  // a token that no longer opens a kiosk (ended, expired) is forgotten
  useEffect(() => {
    if (!token) return;
    kioskApi.get(token).then(
      (k) => setUnitName(k.unitName),
      (e) => {
        if (e instanceof ApiError && e.code === 'kiosk_session_invalid') {
          kioskToken.clear();
          setToken(null);
        }
        setError(e);
      },
    );
  }, [token]);

  const langSwitch = (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      <button type="button" aria-pressed={lang === 'vi'} onClick={() => setLang('vi')} lang="vi">
        VI
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')} lang="en">
        EN
      </button>
    </div>
  );

  if (!token) {
    if (loading) return <p className="container">{t('common.loading')}</p>;
    const officer = account?.role === 'receiving_officer';
    return (
      <div className="kiosk">
        <header className="kiosk-head">
          <h1>{t('counterRating.title')}</h1>
          {langSwitch}
        </header>
        <Problem error={error} />
        {officer ? (
          <div className="card stack">
            <p>{t('counterRating.start.intro')}</p>
            <div className="actions">
              <button
                type="button"
                className="primary big"
                disabled={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    const opened = await kioskApi.open();
                    kioskToken.set(opened.token);
                    setUnitName(opened.kiosk.unitName);
                    await logout();
                    setError(undefined);
                    setToken(opened.token);
                  } catch (e) {
                    setError(e);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                {t('counterRating.start')}
              </button>
              <Link to="/mot-cua" className="button">
                {t('counterRating.back')}
              </Link>
            </div>
          </div>
        ) : (
          <div className="card stack">
            <p>{t('counterRating.notOpen')}</p>
            <p>
              <Link to="/dang-nhap?next=%2Fquay%2Fdanh-gia" className="button">
                {t('counterRating.login')}
              </Link>
            </p>
          </div>
        )}
      </div>
    );
  }
  return (
    <Kiosk
      token={token}
      unitName={unitName}
      langSwitch={langSwitch}
      onEnded={() => {
        kioskToken.clear();
        setToken(null);
      }}
    />
  );
}

function Kiosk({ token, unitName, langSwitch, onEnded }: { token: string; unitName?: string; langSwitch: React.ReactNode; onEnded(): void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'code' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [ending, setEnding] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  const reset = useCallback(() => {
    setStep({ kind: 'code' });
    setCode('');
    setError(undefined);
  }, []);
  useEffect(() => {
    if (step.kind === 'code') codeInput.current?.focus();
    if (step.kind === 'code') return;
    const timer = setTimeout(reset, step.kind === 'done' ? RESET_MS : IDLE_MS);
    return () => clearTimeout(timer);
  }, [step, reset]);

  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim())
      return setError(new ApiError(400, 'code_required', { vi: messages['counterRating.codeRequired'][0], en: messages['counterRating.codeRequired'][1] }));
    setBusy(true);
    setError(undefined);
    try {
      setStep({ kind: 'rate', code, dossier: await kioskApi.lookUp(token, code) });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'kiosk_session_invalid') onEnded();
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kiosk">
      <header className="kiosk-head">
        <div>
          <h1>{t('counterRating.heading')}</h1>
          {unitName && <p className="muted">{unitName}</p>}
        </div>
        {langSwitch}
      </header>
      {step.kind === 'code' && (
        <form className="card stack kiosk-code" onSubmit={lookUp} noValidate>
          <Problem error={error} />
          <p>{t('counterRating.codeIntro')}</p>
          <label>
            {t('counterRating.code')}
            <input
              ref={codeInput}
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={20}
              placeholder="XXXX-XXXX"
              className="code-input"
            />
          </label>
          <button type="submit" className="primary big" disabled={busy}>
            {busy ? t('counterRating.checking') : t('counterRating.next')}
          </button>
        </form>
      )}
      {step.kind === 'rate' && (
        <div className="card stack">
          <div className="kiosk-dossier">
            <h2>{step.dossier.procedureName}</h2>
            {step.dossier.dossierCode && <p className="muted">{t('counterRating.dossier', { code: step.dossier.dossierCode })}</p>}
          </div>
          <RatingForm
            big
            questionnaire={step.dossier.questionnaire.content}
            steps={step.dossier.steps}
            submitLabel={t('counterRating.send')}
            busyLabel={t('counterRating.sending')}
            onSubmit={async (input) => {
              await kioskApi.rate(token, step.code, input);
              setStep({ kind: 'done' });
            }}
          >
            <button type="button" className="button big" onClick={reset}>
              {t('counterRating.cancel')}
            </button>
          </RatingForm>
        </div>
      )}
      {step.kind === 'done' && (
        <div className="card stack kiosk-done" role="status">
          <p className="kiosk-thanks">{t('counterRating.thanks')}</p>
          <p className="muted">{t('counterRating.resetting')}</p>
        </div>
      )}
      <footer className="kiosk-foot">
        {ending ? (
          <div className="alert alert-warning" role="alertdialog" aria-labelledby="end-question">
            <p id="end-question">{t('counterRating.endConfirm')}</p>
            <button
              type="button"
              className="button danger"
              onClick={async () => {
                await kioskApi.close(token).catch(() => undefined);
                onEnded();
              }}
            >
              {t('counterRating.endYes')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setEnding(false)}>
              {t('counterRating.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="link-button" onClick={() => setEnding(true)}>
            {t('counterRating.end')}
          </button>
        )}
      </footer>
    </div>
  );
}
