/**
 * Where a dossier's result stands on its way to the applicant: the channel, the state (at the desk, with the
 * post, back to sender, delivered), the time between the decision and the return; and, for the return desk,
 * what to do next: hand it over (then print the slip for the recipient to sign), keep a returned parcel at
 * the counter, or post it again.
 */
import { useState, type FormEvent } from 'react';
import { dateTime } from '../../app/format.ts';
import { useI18n, type Lang } from '../../app/i18n.tsx';
import { Notice } from '../../components/Problem.tsx';
import { documentUrl, type DossierView } from '../my-dossiers/dossiers.api.ts';
import { ErrorSummary, fieldProblem } from './FieldErrors.tsx';
import { handOver, holdAtCounter, postAgain, type HandoverRecipient, type PostalAddress } from './delivery.api.ts';

/** Calendar time between two moments, as "2 ngày 3 giờ" / "2 d 3 h". */
function elapsed(from: string, to: string | null, lang: Lang): string {
  const minutes = Math.max(0, Math.round(((to ? new Date(to) : new Date()).getTime() - new Date(from).getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts =
    lang === 'vi'
      ? [days && `${days} ngày`, hours && `${hours} giờ`, !days && `${mins} phút`]
      : [days && `${days} d`, hours && `${hours} h`, !days && `${mins} min`];
  return parts.filter(Boolean).join(' ');
}

export function DeliverySection({ d, desk, onChange }: { d: DossierView; desk: boolean; onChange(d: DossierView): void }) {
  const { t, lang, pick } = useI18n();
  const del = d.delivery;
  const [notice, setNotice] = useState('');
  if (!del) return null;
  const decided = d.decidedAt;
  return (
    <div className="card delivery" id="delivery">
      <h2>{t('delivery.title')}</h2>
      {notice && <Notice kind="success">{notice}</Notice>}
      <dl className="facts">
        <dt>{t('delivery.choose')}</dt>
        <dd>{pick(del.channelName)}</dd>
        <dt>{t('delivery.state')}</dt>
        <dd className={`delivery-state delivery-${del.state}`}>{pick(del.stateName)}</dd>
        {del.address && (
          <>
            <dt>{t('delivery.address')}</dt>
            <dd>
              {del.address.recipientName}, {del.address.phone} — {del.address.street}, {del.address.ward}, {del.address.province}
            </dd>
          </>
        )}
        {del.trackingNumber && (
          <>
            <dt>{t('delivery.tracking')}</dt>
            <dd className="mono">
              {del.trackingNumber}
              {del.attempt > 1 && (
                <span className="muted">
                  {' '}
                  ({t('delivery.attempt')} {del.attempt})
                </span>
              )}
            </dd>
          </>
        )}
        {decided && (
          <>
            <dt>{t('delivery.decidedAt')}</dt>
            <dd>{dateTime(decided, lang)}</dd>
          </>
        )}
        {d.returnedAt && (
          <>
            <dt>{t('delivery.deliveredAt')}</dt>
            <dd>{dateTime(d.returnedAt, lang)}</dd>
          </>
        )}
        {decided && (
          <>
            <dt>{d.returnedAt ? t('delivery.took') : t('delivery.waiting')}</dt>
            <dd className="delivery-elapsed">{elapsed(decided, d.returnedAt, lang)}</dd>
          </>
        )}
        {del.recipient && (
          <>
            <dt>{t('delivery.recipient')}</dt>
            <dd>
              {del.recipient.fullName} ({t(`delivery.recipient.${del.recipient.kind}`)}){del.recipient.authorisation ? ` — ${del.recipient.authorisation}` : ''}
            </dd>
          </>
        )}
      </dl>
      {d.documents.some((x) => x.kind === 'handover_slip') && (
        <p>
          <a className="button" href={documentUrl(d.id, 'handover_slip')} target="_blank" rel="noreferrer">
            {t('delivery.slip.print')}
          </a>
        </p>
      )}
      {desk && del.actions.includes('hand_over') && (
        <HandoverForm
          d={d}
          onDone={(x) => {
            setNotice(t('delivery.handover.done'));
            onChange(x);
          }}
        />
      )}
      {desk && del.state === 'returned_to_sender' && <ReturnedActions d={d} onChange={onChange} />}
    </div>
  );
}

const handoverIds: Record<string, string> = {
  'recipient.kind': 'handover-kind-applicant',
  'recipient.fullName': 'handover-fullName',
  'recipient.idNumber': 'handover-idNumber',
  'recipient.authorisation': 'handover-authorisation',
  authorisationFile: 'handover-scan',
};

function HandoverForm({ d, onDone }: { d: DossierView; onDone(d: DossierView): void }) {
  const { t, pick } = useI18n();
  const [r, setR] = useState<HandoverRecipient>({ kind: 'applicant', fullName: '', idNumber: '', authorisation: '' });
  const [scan, setScan] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const body = (): HandoverRecipient => ({
    kind: r.kind,
    fullName: r.fullName.trim(),
    idNumber: r.idNumber.trim(),
    ...(r.kind === 'authorised' && r.authorisation?.trim() ? { authorisation: r.authorisation.trim() } : {}),
  });
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await handOver(d.id, body(), r.kind === 'authorised' ? scan : null));
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  const ask = (e: FormEvent) => {
    e.preventDefault();
    setConfirming(true);
  };
  const field = (name: 'fullName' | 'idNumber' | 'authorisation', props: Record<string, string> = {}) => {
    const problem = fieldProblem(error, `recipient.${name}`);
    const id = handoverIds[`recipient.${name}`]!;
    return (
      <label htmlFor={id}>
        <span>
          {t(`delivery.handover.${name}`)} {name !== 'authorisation' && <span className="required">*</span>}
        </span>
        <input
          id={id}
          name={name}
          value={r[name] ?? ''}
          onChange={(e) => setR({ ...r, [name]: e.target.value })}
          aria-invalid={Boolean(problem)}
          autoComplete="off"
          {...props}
        />
        {problem && <span className="field-error">{pick(problem.message)}</span>}
      </label>
    );
  };
  return (
    <form className="handover" onSubmit={ask} noValidate>
      <h3>{t('delivery.handover.title')}</h3>
      <p className="hint">{t('delivery.handover.intro')}</p>
      <ErrorSummary error={error} ids={handoverIds} />
      <fieldset>
        <legend>{t('delivery.handover.kind')}</legend>
        {(['applicant', 'authorised'] as const).map((k) => (
          <label key={k} className="radio" htmlFor={`handover-kind-${k}`}>
            <input type="radio" id={`handover-kind-${k}`} name="recipientKind" checked={r.kind === k} onChange={() => setR({ ...r, kind: k })} />{' '}
            {t(`delivery.recipient.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="grid-2">
        {field('fullName')}
        {field('idNumber', { inputMode: 'numeric', maxLength: '12' })}
        {r.kind === 'authorised' && field('authorisation')}
        {r.kind === 'authorised' && (
          <label htmlFor="handover-scan">
            {t('delivery.handover.scan')}
            <input id="handover-scan" type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
          </label>
        )}
      </div>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="handover-confirm-text">
          <p id="handover-confirm-text">{t('delivery.handover.confirm', { name: r.fullName.trim() })}</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" onClick={send} disabled={busy}>
              {t('delivery.handover.yes')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="submit" className="primary">
            {t('delivery.handover.submit')}
          </button>
        </div>
      )}
    </form>
  );
}

function ReturnedActions({ d, onChange }: { d: DossierView; onChange(d: DossierView): void }) {
  const { t, pick } = useI18n();
  const [confirming, setConfirming] = useState<'hold' | 'post'>();
  const [address, setAddress] = useState<PostalAddress>(d.delivery!.address ?? { recipientName: '', phone: '', street: '', ward: '', province: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (what: 'hold' | 'post') => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(what === 'hold' ? await holdAtCounter(d.id) : await postAgain(d.id, address));
      setConfirming(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="returned-actions">
      <Notice kind="warning">{t('delivery.returnedHint')}</Notice>
      <ErrorSummary error={error} ids={Object.fromEntries(Object.keys(address).map((k) => [`address.${k}`, `again-${k}`]))} />
      {confirming === 'post' && (
        <div className="grid-2">
          {(Object.keys(address) as (keyof PostalAddress)[]).map((k) => {
            const problem = fieldProblem(error, `address.${k}`);
            return (
              <label key={k} htmlFor={`again-${k}`}>
                {t(`delivery.${k}`)}
                <input id={`again-${k}`} value={address[k]} onChange={(e) => setAddress({ ...address, [k]: e.target.value })} aria-invalid={Boolean(problem)} />
                {problem && <span className="field-error">{pick(problem.message)}</span>}
              </label>
            );
          })}
        </div>
      )}
      {confirming ? (
        <div className="confirm" role="alertdialog">
          <p>{confirming === 'hold' ? t('delivery.hold.confirm') : t('delivery.postAgain.confirm')}</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirming(undefined)} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => run(confirming)} disabled={busy}>
              {confirming === 'hold' ? t('delivery.hold') : t('delivery.postAgain')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setConfirming('hold')}>
            {t('delivery.hold')}
          </button>
          <button type="button" onClick={() => setConfirming('post')}>
            {t('delivery.postAgain')}
          </button>
        </div>
      )}
    </div>
  );
}
