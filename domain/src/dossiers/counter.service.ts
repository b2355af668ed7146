/**
 * Counter reception (tiếp nhận trực tiếp): a receiving officer enters a walk-in application on the
 * applicant's behalf, with the papers scanned, and accepts it at once, so that the receipt (form 01) with
 * the dossier code can be printed while the applicant waits. The dossier runs the same process as an online
 * one (channel 1); the officer's acceptance is the reception step's decision.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { UnavailableError, msg } from '../errors/errors.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import type { DossiersService, SubmitInput } from './dossiers.service.ts';
import type { Dossier } from './dossiers.repository.ts';

export function createCounterService({ dossiers, tasks, engine }: { dossiers: DossiersService; tasks: TasksService; engine: EngineClient }) {
  /**
   * Enters and accepts a walk-in application. The code and receipt follow within seconds (the reception
   * worker); the caller polls the dossier for them.
   * @throws as DossiersService.submitAtCounter; UnavailableError `engine_unavailable` when the reception step does not appear
   */
  async function receive(
    officer: Account,
    input: Omit<SubmitInput, 'orgUnitId'> & { applicant: { fullName: string; idNumber: string; phone?: string | null; email?: string | null } },
  ): Promise<Dossier> {
    const dossier = await dossiers.submitAtCounter(officer, input);
    const deadline = Date.now() + 20_000;
    let taskId: string | undefined;
    while (!taskId && Date.now() < deadline) {
      taskId = (await engine.queryTasks({ processInstanceBusinessKey: dossier.id, taskDefinitionKey: 'reception' }))[0]?.id;
      if (!taskId) await new Promise((r) => setTimeout(r, 150));
    }
    if (!taskId)
      throw new UnavailableError(
        'engine_unavailable',
        msg(
          'Hồ sơ đã được lưu nhưng chưa thể tiếp nhận ngay; hãy tiếp nhận trong danh sách công việc.',
          'The application is stored but could not be accepted at once; accept it from the task list.',
        ),
      );
    await tasks.claim(officer, taskId, { requestId: input.requestId });
    await tasks.complete(officer, taskId, { decision: 'accept', note: 'Tiếp nhận trực tiếp tại quầy' }, { requestId: input.requestId });
    return dossier;
  }

  return { receive };
}

export type CounterService = ReturnType<typeof createCounterService>;
