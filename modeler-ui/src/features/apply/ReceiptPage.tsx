/** After a submission: the tracking reference (and the dossier code once received), a QR code to track it. */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { StatusBadge } from '../../components/Badges.tsx';
import { Problem } from '../../components/Problem.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { documentUrl, getDossier, type DossierView } from '../my-dossiers/dossiers.api.ts';

export function ReceiptPage() {
  const { id } = useParams();
  const { t, lang, pick } = useI18n();
  const [d, setD] = useState<DossierView>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let alive = true;
    let tries = 0;
    const load = () =>
      getDossier(id!).then((x) => {
        if (!alive) return;
        setD(x);
        // a counter dossier gets its code and receipt within seconds, an accepted one its receipt: wait for
        // them (a minute at most: after that, the page says what it has)
        const waiting = !x.documents.some((doc) => doc.kind === 'receipt') && (x.channel === 1 || x.code !== null);
        if (waiting && ++tries < 90) setTimeout(load, 700);
      }, setError);
    void load();
    return () => {
      alive = false;
    };
  }, [id]);
  if (!d) return <section className="container">{error ? <Problem error={error} /> : <p>{t('common.loading')}</p>}</section>;
  const key = d.code ?? d.reference;
  const receipt = d.documents.find((doc) => doc.kind === 'receipt');
  return (
    <section className="container narrow receipt-page">
      <h1>{d.code ? t('receipt.receivedTitle') : t('receipt.submittedTitle')}</h1>
      <div className="card receipt">
        <dl className="facts">
          <dt>{t('dossier.procedure')}</dt>
          <dd>{lang === 'en' && d.procedure.nameEn ? d.procedure.nameEn : d.procedure.name}</dd>
          <dt>{t('dossier.reference')}</dt>
          <dd className="mono" data-testid="reference">
            {d.reference}
          </dd>
          <dt>{t('dossier.code')}</dt>
          <dd className="mono" data-testid="dossier-code">
            {d.code ?? t('receipt.codeLater')}
          </dd>
          <dt>{t('dossier.unit')}</dt>
          <dd>{d.orgUnit.name}</dd>
          {d.delivery && (
            <>
              <dt>{t('delivery.choose')}</dt>
              <dd>
                {pick(d.delivery.channelName)}
                {d.delivery.address && (
                  <span className="muted">
                    {' '}
                    — {d.delivery.address.street}, {d.delivery.address.ward}, {d.delivery.address.province}
                  </span>
                )}
              </dd>
            </>
          )}
          <dt>{t('dossier.submittedAt')}</dt>
          <dd>{dateTime(d.submittedAt, lang)}</dd>
          {d.dueAt && (
            <>
              <dt>{t('dossier.dueAt')}</dt>
              <dd>{dateTime(d.dueAt, lang)}</dd>
            </>
          )}
          <dt>{t('dossier.status')}</dt>
          <dd>
            <StatusBadge status={d.status} />
          </dd>
        </dl>
        <QrCode text={`${location.origin}/tra-cuu/${encodeURIComponent(key)}`} label={t('receipt.qr', { key })} />
        <p className="muted">{t('receipt.qrHint')}</p>
      </div>
      <div className="actions no-print">
        {receipt && (
          <a className="button primary" href={documentUrl(d.id, 'receipt')} download>
            {t('receipt.download')}
          </a>
        )}
        <button type="button" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <Link className="button" to={d.channel === 1 ? '/mot-cua' : `/ho-so/${d.id}`}>
          {d.channel === 1 ? t('receipt.backToWork') : t('receipt.follow')}
        </Link>
      </div>
    </section>
  );
}
