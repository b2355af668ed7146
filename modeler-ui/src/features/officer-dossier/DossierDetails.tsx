/** What an officer reads of a dossier: its summary, the applicant's data as a document (label: value), the files (previewed in place). */
import { useState } from 'react';
import { dateTime, fileSize } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { OutcomeBadge, SlaBadge, StatusBadge } from '../../components/Badges.tsx';
import { ApplicationDocument } from './ApplicationDocument.tsx';
import { attachmentUrl, documentUrl, type DossierView } from '../my-dossiers/dossiers.api.ts';

export function DossierSummary({ d }: { d: DossierView }) {
  const { t, lang } = useI18n();
  return (
    <dl className="facts">
      <dt>{t('dossier.code')}</dt>
      <dd className="mono">{d.code ?? d.reference}</dd>
      <dt>{t('dossier.status')}</dt>
      <dd>
        <StatusBadge status={d.status} /> {d.dueAt && <SlaBadge state={d.slaState} />} <OutcomeBadge outcome={d.outcome} />{' '}
        {d.supplementRounds > 0 && <span className="badge supplemented">{t('citizenDossier.supplemented', { n: d.supplementRounds })}</span>}
      </dd>
      <dt>{t('dossier.channel')}</dt>
      <dd>{t(`channel.${d.channel}`)}</dd>
      <dt>{t('dossier.submittedAt')}</dt>
      <dd>{dateTime(d.submittedAt, lang)}</dd>
      {d.receivedAt && (
        <>
          <dt>{t('dossier.receivedAt')}</dt>
          <dd>{dateTime(d.receivedAt, lang)}</dd>
        </>
      )}
      {d.dueAt && (
        <>
          <dt>{t('dossier.dueAt')}</dt>
          <dd>
            {dateTime(d.dueAt, lang)}
            {d.extendedDueAt && <span className="muted"> → {dateTime(d.extendedDueAt, lang)}</span>}
          </dd>
        </>
      )}
      {d.supplementRequest && (
        <>
          <dt>{t('supplement.title')}</dt>
          <dd>{d.supplementRequest.items.join('; ')}</dd>
        </>
      )}
    </dl>
  );
}

export function DossierData({ d }: { d: DossierView }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<DossierView['attachments'][number]>();
  return (
    <>
      <ApplicationDocument schema={d.applicationForm} data={d.data} fileLink={(id) => attachmentUrl(d.id, id)} />
      <h3>{t('dossier.files')}</h3>
      <ul className="attachment-list">
        {d.attachments.map((a) => (
          <li key={a.id}>
            {a.label && <span className="muted">{a.label}: </span>}
            <button type="button" className="link-button" onClick={() => setPreview(a)} aria-pressed={preview?.id === a.id}>
              {a.fileName}
            </button>{' '}
            <span className="muted">
              {fileSize(a.size)}
              {a.round > 0 ? ` · ${t('dossier.supplementRound', { n: a.round })}` : ''}
            </span>{' '}
            <a href={attachmentUrl(d.id, a.id).replace('?inline=1', '')} download>
              {t('common.download')}
            </a>
          </li>
        ))}
        {d.documents.map((doc) => (
          <li key={doc.id}>
            <a href={documentUrl(d.id, doc.kind)} download>
              {t(`document.${doc.kind}`)}
            </a>
          </li>
        ))}
      </ul>
      {preview && (
        <figure className="preview">
          {preview.mediaType === 'application/pdf' ? (
            <iframe src={attachmentUrl(d.id, preview.id)} title={preview.fileName} />
          ) : (
            <img src={attachmentUrl(d.id, preview.id)} alt={preview.fileName} />
          )}
          <figcaption>{preview.fileName}</figcaption>
        </figure>
      )}
    </>
  );
}
