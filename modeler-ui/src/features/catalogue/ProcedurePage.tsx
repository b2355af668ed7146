/** One procedure: who may apply, documents, time limit, fees, steps; the way in to apply online. */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { Problem } from '../../components/Problem.tsx';
import { translate, translationsFor } from '@motcua/domain/procedures/translations.ts';
import { getProcedure, onlineLevelNames, timeLimitText, type ProcedureDetail } from './procedures.api.ts';

const channelNames: Record<string, [string, string]> = {
  in_person: ['Trực tiếp', 'In person'],
  online: ['Trực tuyến', 'Online'],
  postal: ['Bưu chính công ích', 'Public postal service'],
};

export function ProcedurePage() {
  const { code } = useParams();
  const { t, lang } = useI18n();
  const [p, setP] = useState<ProcedureDetail>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    getProcedure(code!).then(setP, setError);
  }, [code]);
  if (error)
    return (
      <section className="container">
        <Problem error={error} />
      </section>
    );
  if (!p) return <p className="container">{t('common.loading')}</p>;
  const c = p.catalogue;
  const vi = lang === 'vi' ? 0 : 1;
  // the entry's texts in the reader's language where the catalogue has them, else as written
  const map = translationsFor(c, lang);
  const tr = (text: string) => translate(map, text);
  return (
    <article className="container procedure">
      <p className="breadcrumb">
        <Link to="/">{t('nav.catalogue')}</Link> › {tr(p.field)}
      </p>
      <h1>{lang === 'en' && p.nameEn ? p.nameEn : p.name}</h1>
      <p className="muted">
        {t('catalogue.code')} {p.code} · {t('procedure.version', { v: p.version })}
      </p>
      <div className="actions">
        <Link className="button primary" to={`/thu-tuc/${encodeURIComponent(p.code)}/nop-ho-so`}>
          {t('procedure.apply')}
        </Link>
      </div>
      <dl className="facts">
        <dt>{t('procedure.timeLimit')}</dt>
        <dd>{timeLimitText(p.timeLimit, lang)}</dd>
        {c.onlineLevel && (
          <>
            <dt>{t('catalogue.level')}</dt>
            <dd>{onlineLevelNames[c.onlineLevel]?.[vi] ?? c.onlineLevel}</dd>
          </>
        )}
        {c.implementingAgency && (
          <>
            <dt>{t('catalogue.agency')}</dt>
            <dd>{tr(c.implementingAgency)}</dd>
          </>
        )}
        {c.applicants && (
          <>
            <dt>{t('procedure.applicants')}</dt>
            <dd>{c.applicants.map(tr).join('; ')}</dd>
          </>
        )}
        {c.result && (
          <>
            <dt>{t('procedure.result')}</dt>
            <dd>{tr(c.result)}</dd>
          </>
        )}
      </dl>
      {c.documents && (
        <section>
          <h2>{t('procedure.documents')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('procedure.document')}</th>
                <th scope="col">{t('procedure.originals')}</th>
                <th scope="col">{t('procedure.copies')}</th>
              </tr>
            </thead>
            <tbody>
              {c.documents.map((d, i) => (
                <tr key={i}>
                  <td data-label={t('procedure.document')}>{tr(d.name)}</td>
                  <td data-label={t('procedure.originals')}>{d.originals ?? 0}</td>
                  <td data-label={t('procedure.copies')}>{d.copies ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {c.channels && (
        <section>
          <h2>{t('procedure.channels')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('procedure.channel')}</th>
                <th scope="col">{t('procedure.timeLimit')}</th>
                <th scope="col">{t('procedure.fees')}</th>
              </tr>
            </thead>
            <tbody>
              {c.channels.map((ch, i) => (
                <tr key={i}>
                  <td data-label={t('procedure.channel')}>{channelNames[ch.kind]?.[vi] ?? ch.kind}</td>
                  <td data-label={t('procedure.timeLimit')}>{timeLimitText(ch.timeLimit, lang)}</td>
                  <td data-label={t('procedure.fees')}>
                    {(ch.fees ?? []).map((f, j) => (
                      <div key={j}>
                        {tr(f.name)}: {f.amount ? `${f.amount.toLocaleString('vi-VN')} đ` : t('procedure.free')}
                        {f.note && <div className="muted">{tr(f.note)}</div>}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {c.steps && (
        <section>
          <h2>{t('procedure.steps')}</h2>
          <ol>
            {c.steps.map((s, i) => (
              <li key={i}>{tr(s)}</li>
            ))}
          </ol>
        </section>
      )}
      {c.legalBasis && (
        <section>
          <h2>{t('procedure.legalBasis')}</h2>
          <ul>
            {c.legalBasis.map((s, i) => (
              <li key={i}>{tr(s)}</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
