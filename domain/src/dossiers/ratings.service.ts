/**
 * Satisfaction ratings (đánh giá sự hài lòng, DOMAIN.md §7): once a dossier's result is delivered, its
 * applicant rates the service with the current questionnaire: overall and each handling step (the officer who
 * did it), on three levels, the questionnaire's extra questions and, when it asks, a comment. One rating per
 * dossier, online in the applicant's account or at the counter's tablet with the code on the receipt.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, Tx } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { ConflictError, InputError, msg } from '../errors/errors.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { dossierNotFound } from './dossier-access.ts';
import { DossierStatus } from './dossier-status.ts';
import * as repo from './dossiers.repository.ts';
import { checkAnswers, currentQuestionnaire } from './questionnaires.service.ts';
import type { Answer, Questionnaire } from './questionnaires.schemas.ts';

/** 3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng */
export type Level = 1 | 2 | 3;

export const levelNames: Record<Level, { vi: string; en: string }> = {
  3: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  2: { vi: 'Hài lòng', en: 'Satisfied' },
  1: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

export type RatingChannel = 'online' | 'counter';

export interface Rating {
  overall: Level;
  steps: { step: string; stepName: string; officerId: string | null; level: Level }[];
  comment: string | null;
  ratedAt: Date;
  questionnaireVersion: number;
  answers: Record<string, Answer>;
  channel: RatingChannel;
}

export interface RatingInput {
  overall: Level;
  steps: { step: string; level: Level }[];
  answers?: Record<string, Answer>;
  comment?: string;
}

export interface RateableStep {
  step: string;
  stepName: string;
  officerId: string | null;
}

export const ratingNotOpen = () =>
  new ConflictError('rating_not_open', msg('Chỉ đánh giá được khi đã nhận kết quả.', 'A dossier can be rated once its result is delivered.'));

export const ratingExists = () => new ConflictError('rating_exists', msg('Hồ sơ này đã được đánh giá.', 'This dossier has already been rated.'));

export function createRatingsService({ db, engine }: { db: Db; engine: EngineClient }) {
  /** The steps an applicant can rate: the handling steps of the dossier and who did each (last time). */
  async function rateableSteps(d: repo.Dossier): Promise<RateableStep[]> {
    if (!d.processInstanceId) return [];
    const tasks = await engine.historicTasks(d.processInstanceId);
    const byStep = new Map<string, RateableStep>();
    for (const t of tasks.filter((x) => x.endTime && x.deleteReason === 'completed'))
      byStep.set(t.taskDefinitionKey, { step: t.taskDefinitionKey, stepName: t.name ?? t.taskDefinitionKey, officerId: t.assignee });
    return [...byStep.values()];
  }

  async function of(dossierId: string): Promise<Rating | undefined> {
    const row = await db('dossier_ratings').where({ dossier_id: dossierId }).first();
    return (
      row && {
        overall: row.overall,
        steps: row.steps,
        comment: row.comment,
        ratedAt: row.rated_at,
        questionnaireVersion: row.questionnaire_version,
        answers: row.answers,
        channel: row.channel,
      }
    );
  }

  /** What the rating form shows: the current questionnaire and the dossier's steps to rate. */
  async function form(d: repo.Dossier): Promise<{ questionnaire: Questionnaire; steps: RateableStep[] }> {
    const [questionnaire, steps] = await Promise.all([currentQuestionnaire(db), rateableSteps(d)]);
    return { questionnaire, steps: questionnaire.content.rateSteps ? steps : [] };
  }

  /**
   * Stores a rating of a delivered dossier in the caller's transaction, against the current questionnaire.
   * @throws ConflictError `rating_not_open` | `rating_exists`; InputError `rating_step_unknown` | `rating_answers_invalid` | `rating_comment_not_asked`
   */
  async function store(
    tx: Tx,
    d: repo.Dossier,
    input: RatingInput,
    by: { applicantId: string; actor: { id: string; fullName: string } | null; channel: RatingChannel },
  ): Promise<void> {
    if (d.status !== DossierStatus.Returned) throw ratingNotOpen();
    const q = await currentQuestionnaire(tx);
    const rateable = q.content.rateSteps ? await rateableSteps(d) : [];
    const unknown = input.steps.filter((s) => !rateable.some((r) => r.step === s.step));
    if (unknown.length)
      throw new InputError(
        'rating_step_unknown',
        msg('Bước xử lý được đánh giá không thuộc hồ sơ này.', 'A rated step does not belong to this dossier.'),
        unknown.map((u) => ({
          field: `steps.${u.step}`,
          code: 'rating.step_unknown',
          message: msg('Bước không có trong hồ sơ.', 'No such step in this dossier.'),
        })),
      );
    const answers = input.answers ?? {};
    checkAnswers(q.content, answers);
    const comment = input.comment?.trim() || null;
    if (comment && !q.content.comment.asked)
      throw new InputError('rating_comment_not_asked', msg('Phiếu đánh giá hiện hành không có phần góp ý.', 'The current questionnaire asks no comment.'), [
        { field: 'comment', code: 'rating.comment_not_asked', message: msg('Phiếu không có phần góp ý.', 'No comment is asked.') },
      ]);
    const steps = input.steps.map((s) => ({ ...rateable.find((r) => r.step === s.step)!, level: s.level }));
    const rows = await tx('dossier_ratings')
      .insert({
        dossier_id: d.id,
        applicant_id: by.applicantId,
        overall: input.overall,
        steps: JSON.stringify(steps),
        comment,
        channel: by.channel,
        questionnaire_version: q.version,
        answers: JSON.stringify(answers),
      })
      .onConflict('dossier_id')
      .ignore()
      .returning('dossier_id');
    if (!rows.length) throw ratingExists();
    await repo.lockDossier({ tx, id: d.id });
    await appendEvent({
      db: tx,
      event: {
        dossierId: d.id,
        type: 'rated',
        actor: by.actor,
        data: { overall: input.overall, steps: steps.map((s) => ({ step: s.step, level: s.level })), channel: by.channel, questionnaireVersion: q.version },
      },
    });
  }

  /**
   * The applicant rates a delivered dossier in their account.
   * @throws as `store`; NotFoundError when the dossier is not theirs
   */
  async function rate(actor: Account, dossierId: string, input: RatingInput): Promise<Rating> {
    const d = await repo.findDossier({ db, id: dossierId });
    if (!d || d.applicantId !== actor.id) throw dossierNotFound();
    if (d.status !== DossierStatus.Returned) throw ratingNotOpen();
    await db.transaction((tx) => store(tx, d, input, { applicantId: actor.id, actor, channel: 'online' }));
    return (await of(d.id))!;
  }

  return { rate, of, form, rateableSteps, store };
}

export type RatingsService = ReturnType<typeof createRatingsService>;
