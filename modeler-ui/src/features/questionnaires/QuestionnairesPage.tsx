/**
 * «Phiếu đánh giá»: the versions of the satisfaction questionnaire, and a new version drafted from the current
 * one (extra questions added, removed, reordered, in Vietnamese and English), published after a confirmation,
 * since a published version cannot be changed or withdrawn.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { messages } from '../../app/messages.ts';
import { Notice, Problem } from '../../components/Problem.tsx';
import { questionnairesApi, type QuestionnaireContent, type QuestionnaireVersion } from '../rating/rating.api.ts';

type Text = { vi: string; en: string };

const newKey = () => `q_${Math.random().toString(36).slice(2, 10)}`;

/** What is missing in a draft, as field names for the error summary. */
function missing(
  c: QuestionnaireContent,
  t: (k: 'questionnaire.overall' | 'questionnaire.stepsText' | 'questionnaire.commentText') => string,
  questionName: (i: number) => string,
): string[] {
  const gaps: string[] = [];
  const whole = (x: Text) => x.vi.trim() && x.en.trim();
  if (!whole(c.overall)) gaps.push(t('questionnaire.overall'));
  if (c.rateSteps && !whole(c.stepsText)) gaps.push(t('questionnaire.stepsText'));
  c.extra.forEach((q, i) => !whole(q.text) && gaps.push(questionName(i)));
  if (c.comment.asked && !whole(c.comment.text)) gaps.push(t('questionnaire.commentText'));
  return gaps;
}

export function QuestionnairesPage() {
  const { t, pick } = useI18n();
  const [versions, setVersions] = useState<QuestionnaireVersion[]>();
  const [draft, setDraft] = useState<QuestionnaireContent>();
  const [error, setError] = useState<unknown>();
  const [gaps, setGaps] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<number>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      questionnairesApi.list().then((r) => {
        setVersions(r.items);
        setDraft(structuredClone(r.items[0]!.content));
      }, setError),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (!versions || !draft)
    return (
      <div className="container">
        <Problem error={error} />
      </div>
    );
  const current = versions[0]!;
  const next = current.version + 1;
  const set = (patch: Partial<QuestionnaireContent>) => {
    setDraft({ ...draft, ...patch });
    setConfirming(false);
  };
  const setExtra = (i: number, patch: Partial<QuestionnaireContent['extra'][number]>) =>
    set({ extra: draft.extra.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
  const move = (i: number, by: -1 | 1) => {
    const extra = [...draft.extra];
    [extra[i], extra[i + by]] = [extra[i + by]!, extra[i]!];
    set({ extra });
  };
  const textFields = (id: string, value: Text, onChange: (v: Text) => void, labels?: [string, string]) => (
    <div className="grid-2">
      <label htmlFor={`${id}-vi`}>
        {labels?.[0] ?? t('questionnaire.textVi')}
        <input id={`${id}-vi`} value={value.vi} maxLength={300} onChange={(e) => onChange({ ...value, vi: e.target.value })} lang="vi" />
      </label>
      <label htmlFor={`${id}-en`}>
        {labels?.[1] ?? t('questionnaire.textEn')}
        <input id={`${id}-en`} value={value.en} maxLength={300} onChange={(e) => onChange({ ...value, en: e.target.value })} lang="en" />
      </label>
    </div>
  );

  return (
    <div className="container stack">
      <h1>{t('questionnaire.title')}</h1>
      <p>{t('questionnaire.intro')}</p>
      {done && <Notice kind="success">{t('questionnaire.published', { n: done })}</Notice>}

      <section className="card">
        <h2>{t('questionnaire.versions')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('questionnaire.version', { n: '' }).trim()}</th>
                <th>{t('questionnaire.publishedAt')}</th>
                <th>{t('questionnaire.publishedBy')}</th>
                <th>{t('questionnaire.extraCount')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    <details>
                      <summary>
                        {t('questionnaire.version', { n: v.version })}
                        {v === current && <span className="badge current">{t('questionnaire.current')}</span>}
                      </summary>
                      <ol className="questions">
                        <li>{pick(v.content.overall)}</li>
                        {v.content.rateSteps && <li>{pick(v.content.stepsText)}</li>}
                        {v.content.extra.map((q) => (
                          <li key={q.key}>
                            {pick(q.text)} <small className="muted">({t(`questionnaire.scale.${q.scale}`)})</small>
                          </li>
                        ))}
                        {v.content.comment.asked && <li>{pick(v.content.comment.text)}</li>}
                      </ol>
                    </details>
                  </td>
                  <td>{dateTime(v.publishedAt)}</td>
                  <td>{v.publishedBy?.name ?? t('questionnaire.seeded')}</td>
                  <td>{v.content.extra.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <form
        className="card stack questionnaire-editor"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const g = missing(draft, t, (i) => t('questionnaire.question', { n: i + 1 }));
          setGaps(g);
          setError(undefined);
          if (!g.length) setConfirming(true);
        }}
      >
        <h2>
          {t('questionnaire.new')} — {t('questionnaire.version', { n: next })}
        </h2>
        <p className="muted">{t('questionnaire.newIntro')}</p>
        {gaps.length > 0 && (
          <div className="alert alert-error" role="alert" tabIndex={-1}>
            <p>{t('questionnaire.errors')}</p>
            <ul>
              {gaps.map((g) => (
                <li key={g}>{t('questionnaire.missing', { field: g })}</li>
              ))}
            </ul>
          </div>
        )}
        <Problem error={error} />

        <fieldset>
          <legend>{t('questionnaire.overall')}</legend>
          {textFields('overall', draft.overall, (overall) => set({ overall }))}
        </fieldset>

        <fieldset>
          <legend>{t('questionnaire.stepsText')}</legend>
          <label className="check">
            <input type="checkbox" checked={draft.rateSteps} onChange={(e) => set({ rateSteps: e.target.checked })} /> {t('questionnaire.rateSteps')}
          </label>
          {draft.rateSteps && textFields('steps', draft.stepsText, (stepsText) => set({ stepsText }))}
        </fieldset>

        <fieldset>
          <legend>{t('questionnaire.extra')}</legend>
          {draft.extra.length === 0 && <p className="muted">{t('questionnaire.noExtra')}</p>}
          <ol className="extra-questions">
            {draft.extra.map((q, i) => (
              <li key={q.key} className="extra-question">
                <h3>{t('questionnaire.question', { n: i + 1 })}</h3>
                {textFields(`q${i}`, q.text, (text) => setExtra(i, { text }))}
                <label htmlFor={`q${i}-scale`}>
                  {t('questionnaire.scale')}
                  <select id={`q${i}-scale`} value={q.scale} onChange={(e) => setExtra(i, { scale: e.target.value as 'yes_no' | 'levels' })}>
                    <option value="yes_no">{t('questionnaire.scale.yes_no')}</option>
                    <option value="levels">{t('questionnaire.scale.levels')}</option>
                  </select>
                </label>
                <div className="actions">
                  <button type="button" className="button" disabled={i === 0} onClick={() => move(i, -1)}>
                    {t('questionnaire.up')}
                  </button>
                  <button type="button" className="button" disabled={i === draft.extra.length - 1} onClick={() => move(i, 1)}>
                    {t('questionnaire.down')}
                  </button>
                  <button type="button" className="button danger" onClick={() => set({ extra: draft.extra.filter((_, j) => j !== i) })}>
                    {t('questionnaire.remove')}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button"
            disabled={draft.extra.length >= 20}
            onClick={() => set({ extra: [...draft.extra, { key: newKey(), scale: 'yes_no', text: { vi: '', en: '' } }] })}
          >
            {t('questionnaire.add')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('questionnaire.commentText')}</legend>
          <label className="check">
            <input type="checkbox" checked={draft.comment.asked} onChange={(e) => set({ comment: { ...draft.comment, asked: e.target.checked } })} />{' '}
            {t('questionnaire.commentAsked')}
          </label>
          {draft.comment.asked && textFields('comment', draft.comment.text, (text) => set({ comment: { ...draft.comment, text } }))}
        </fieldset>

        {confirming ? (
          <div className="alert alert-warning" role="alertdialog" aria-labelledby="publish-question">
            <p id="publish-question">{t('questionnaire.confirm', { n: next })}</p>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  const published = await questionnairesApi.publish(draft);
                  setConfirming(false);
                  setDone(published.version);
                  await load();
                } catch (err) {
                  setConfirming(false);
                  setError(
                    err instanceof ApiError && err.code === 'request_invalid'
                      ? new ApiError(err.status, err.code, { vi: messages['questionnaire.errors'][0], en: messages['questionnaire.errors'][1] })
                      : err,
                  );
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('questionnaire.confirmYes')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('questionnaire.cancel')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" className="primary">
              {t('questionnaire.publish')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
