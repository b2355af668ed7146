/**
 * The rating form of a questionnaire version: the overall question and each handling step on the three-level
 * scale, the version's extra questions (yes/no or three levels) and, when it asks, a comment. The citizen's
 * dossier page and the counter's tablet (`big`: large touch targets) both render it.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { messages } from '../../app/messages.ts';
import { Problem } from '../../components/Problem.tsx';
import type { Answer, QuestionnaireContent, RateableStep, RatingInput } from './rating.api.ts';

const LEVELS = [3, 2, 1] as const;

export function RatingForm({
  questionnaire,
  steps,
  onSubmit,
  submitLabel,
  busyLabel,
  big = false,
  children,
}: {
  questionnaire: QuestionnaireContent;
  steps: RateableStep[];
  onSubmit(input: RatingInput): Promise<unknown>;
  submitLabel: string;
  busyLabel?: string;
  big?: boolean;
  /** more buttons beside the submit (cancel) */
  children?: React.ReactNode;
}) {
  const { t, pick } = useI18n();
  const [overall, setOverall] = useState<number>();
  const [levels, setLevels] = useState<Record<string, number>>({});
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const choice = <V extends Answer>(name: string, legend: string, value: V | undefined, set: (v: V) => void, options: { value: V; label: string }[]) => (
    <fieldset className="rating-choice" key={name}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={String(o.value)} className={value === o.value ? 'chosen' : undefined}>
          <input type="radio" name={name} value={String(o.value)} checked={value === o.value} onChange={() => set(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
  const levelOptions = LEVELS.map((l) => ({ value: l as Answer, label: t(`rating.level${l}`) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!overall)
      return setError(new ApiError(400, 'rating_required', { vi: messages['ratingForm.overallRequired'][0], en: messages['ratingForm.overallRequired'][1] }));
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({
        overall,
        steps: Object.entries(levels).map(([step, level]) => ({ step, level })),
        answers,
        comment: questionnaire.comment.asked ? comment.trim() || undefined : undefined,
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={`rating-form${big ? ' big' : ''}`} onSubmit={submit} noValidate>
      <Problem error={error} />
      {choice('overall', pick(questionnaire.overall), overall as Answer | undefined, (v) => setOverall(v as number), levelOptions)}
      {questionnaire.rateSteps && steps.length > 0 && (
        <section className="rating-steps">
          <h3>
            {pick(questionnaire.stepsText)} <small>{t('ratingForm.optional')}</small>
          </h3>
          {steps.map((s) =>
            choice(`step-${s.step}`, s.stepName, levels[s.step] as Answer | undefined, (v) => setLevels({ ...levels, [s.step]: v as number }), levelOptions),
          )}
        </section>
      )}
      {questionnaire.extra.map((q) =>
        choice(
          `q-${q.key}`,
          pick(q.text),
          answers[q.key],
          (v) => setAnswers({ ...answers, [q.key]: v }),
          q.scale === 'yes_no'
            ? [
                { value: 'yes' as Answer, label: t('ratingForm.yes') },
                { value: 'no' as Answer, label: t('ratingForm.no') },
              ]
            : levelOptions,
        ),
      )}
      {questionnaire.comment.asked && (
        <label>
          {pick(questionnaire.comment.text)}
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={big ? 3 : 4} />
        </label>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy && busyLabel ? busyLabel : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
