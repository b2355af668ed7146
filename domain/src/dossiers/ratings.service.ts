/**
 * Satisfaction ratings (đánh giá sự hài lòng, DOMAIN.md §7): once a dossier's result is delivered, its
 * applicant rates the service overall and each handling step (the officer who did it), on three levels,
 * with an optional comment. One rating per dossier.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { ConflictError, InputError, msg } from '../errors/errors.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import { dossierNotFound } from './dossier-access.ts';
import { DossierStatus } from './dossier-status.ts';
import * as repo from './dossiers.repository.ts';

/** 3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng */
export type Level = 1 | 2 | 3;

export const levelNames: Record<Level, { vi: string; en: string }> = {
  3: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  2: { vi: 'Hài lòng', en: 'Satisfied' },
  1: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

export interface Rating {
  overall: Level;
  steps: { step: string; stepName: string; officerId: string | null; level: Level }[];
  comment: string | null;
  ratedAt: Date;
}

export function createRatingsService({ db, engine }: { db: Db; engine: EngineClient }) {
  /** The steps an applicant can rate: the handling steps of the dossier and who did each (last time). */
  async function rateableSteps(d: repo.Dossier): Promise<{ step: string; stepName: string; officerId: string | null }[]> {
    if (!d.processInstanceId) return [];
    const tasks = await engine.historicTasks(d.processInstanceId);
    const byStep = new Map<string, { step: string; stepName: string; officerId: string | null }>();
    for (const t of tasks.filter((x) => x.endTime && x.deleteReason === 'completed'))
      byStep.set(t.taskDefinitionKey, { step: t.taskDefinitionKey, stepName: t.name ?? t.taskDefinitionKey, officerId: t.assignee });
    return [...byStep.values()];
  }

  async function of(dossierId: string): Promise<Rating | undefined> {
    const row = await db('dossier_ratings').where({ dossier_id: dossierId }).first();
    return row && { overall: row.overall, steps: row.steps, comment: row.comment, ratedAt: row.rated_at };
  }

  /**
   * The applicant rates a delivered dossier.
   * @throws ConflictError `rating_not_open` (no result yet) | `rating_exists`; InputError `rating_step_unknown`
   */
  async function rate(
    actor: Account,
    dossierId: string,
    input: { overall: Level; steps: { step: string; level: Level }[]; comment?: string },
  ): Promise<Rating> {
    const d = await repo.findDossier({ db, id: dossierId });
    if (!d || d.applicantId !== actor.id) throw dossierNotFound();
    if (d.status !== DossierStatus.Returned)
      throw new ConflictError('rating_not_open', msg('Chỉ đánh giá được khi đã nhận kết quả.', 'A dossier can be rated once its result is delivered.'));
    const rateable = await rateableSteps(d);
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
    const steps = input.steps.map((s) => ({ ...rateable.find((r) => r.step === s.step)!, level: s.level }));
    await db.transaction(async (tx) => {
      const rows = await tx('dossier_ratings')
        .insert({ dossier_id: d.id, applicant_id: actor.id, overall: input.overall, steps: JSON.stringify(steps), comment: input.comment?.trim() || null })
        .onConflict('dossier_id')
        .ignore()
        .returning('dossier_id');
      if (!rows.length) throw new ConflictError('rating_exists', msg('Hồ sơ này đã được đánh giá.', 'This dossier has already been rated.'));
      await repo.lockDossier({ tx, id: d.id });
      await appendEvent({
        db: tx,
        event: { dossierId: d.id, type: 'rated', actor, data: { overall: input.overall, steps: steps.map((s) => ({ step: s.step, level: s.level })) } },
      });
    });
    return (await of(d.id))!;
  }

  return { rate, of, rateableSteps };
}

export type RatingsService = ReturnType<typeof createRatingsService>;
