/**
 * The draft result a leader reads before approving: the procedure's result rendered from the dossier's data as
 * it would be issued now, in the name of the unit that will sign it, marked «DỰ THẢO» and unsigned. Nothing is
 * stored: the signed result is rendered again at signing (documents/results.service.ts).
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { NotAllowedError, msg } from '../errors/errors.ts';
import { findOrgUnitWithParent } from '../org-units/org-units.repository.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { renderResult } from './result.ts';

export function createDraftResults({ db, tasks, publicUrl, clock = systemClock }: { db: Db; tasks: TasksService; publicUrl: string; clock?: Clock }) {
  /**
   * The draft result of the dossier of an approval task, for an officer the task is offered to or held by.
   * @throws NotFoundError `task_not_found`; NotAllowedError `draft_not_at_approval` on another kind of step
   */
  async function ofTask(actor: Account, taskId: string): Promise<{ fileName: string; content: Buffer }> {
    const task = await tasks.authorisedTask(actor, taskId);
    const { dossier, loaded, step } = await tasks.dossierOf(task);
    if (step.kind !== 'approval')
      throw new NotAllowedError(
        'draft_not_at_approval',
        msg('Dự thảo kết quả chỉ xem được ở bước phê duyệt.', 'The draft result is shown at an approval step only.'),
      );
    // the unit that approves signs: the one the step was handed to (liên thông), or the receiving unit
    const handedTo = (await db('dossier_step_units').where({ dossier_id: dossier.id, step: step.key }).first('org_unit_id'))?.org_unit_id as string | undefined;
    const { unit, parent } = (await findOrgUnitWithParent({ db, id: handedTo ?? dossier.orgUnitId }))!;
    const key = dossier.code ?? dossier.reference;
    const content = await renderResult({
      template: loaded.version.resultTemplate,
      data: dossier.data,
      dossierCode: key,
      procedureName: loaded.procedure.name,
      unitName: unit.name,
      parentUnitName: parent?.name,
      place: parent?.name.replace(/^(Ủy ban nhân dân|UBND)\s*/i, '') ?? unit.name,
      approverName: task.assignee === actor.id ? actor.fullName : '',
      approverRole: 'Lãnh đạo',
      decidedAt: clock.now(),
      verifyUrl: `${publicUrl}/xac-thuc/${encodeURIComponent(key)}`,
      draft: true,
    });
    return { fileName: `du-thao-ket-qua-${key}.pdf`, content };
  }
  return { ofTask };
}

export type DraftResults = ReturnType<typeof createDraftResults>;
