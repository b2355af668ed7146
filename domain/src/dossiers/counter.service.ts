/**
 * Counter reception (tiếp nhận trực tiếp): a receiving officer enters a walk-in application on the
 * applicant's behalf, with the papers scanned, and accepts it at once, so that the receipt (form 01) with
 * the dossier code can be printed while the applicant waits. The dossier runs the same process as an online
 * one (channel 1); the officer's acceptance is the reception step's decision.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { InputError, NotFoundError, UnavailableError, msg } from '../errors/errors.ts';
import { competentChoices, competentSteps, recordChosenUnit } from '../org-units/step-units.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import type { DossiersService, SubmitInput } from './dossiers.service.ts';
import type { Dossier } from './dossiers.repository.ts';

export function createCounterService({
  db,
  dossiers,
  tasks,
  engine,
  procedures,
}: {
  db: Db;
  dossiers: DossiersService;
  tasks: TasksService;
  engine: EngineClient;
  procedures: ProceduresService;
}) {
  /**
   * The units the officer may pick as competent for a procedure received at their counter (liên thông: a
   * centre receives for many agencies), and the one the procedure's rule would find; none for a procedure
   * handled where it is received.
   */
  async function competentUnits(officer: Account, procedureCode: string) {
    const loaded = await procedures.publishedByCode(procedureCode);
    return competentChoices({ db, steps: loaded.model.steps, procedureField: loaded.procedure.field, from: officer.orgUnitId! });
  }

  /**
   * Enters and accepts a walk-in application. The code and receipt follow within seconds (the reception
   * worker); the caller polls the dossier for them.
   * @throws as DossiersService.submitAtCounter; UnavailableError `engine_unavailable` when the reception step does not appear
   */
  async function receive(
    officer: Account,
    input: Omit<SubmitInput, 'orgUnitId'> & {
      applicant: { fullName: string; idNumber: string; phone?: string | null; email?: string | null };
      /** the competent unit the officer picked, for a procedure handled by another agency */
      handlingUnitId?: string | null;
    },
  ): Promise<Dossier> {
    let chosen: { unitId: string; loaded: Awaited<ReturnType<ProceduresService['publishedByCode']>> } | undefined;
    const mustPick = async () => {
      const loaded = await procedures.publishedByCode(input.procedureCode).catch(() => undefined);
      return loaded ? competentSteps(loaded.model.steps, loaded.procedure.field).some((c) => c.step.unitRule?.kind === 'picked') : false;
    };
    // a step whose unit the receiving officer picks: picked here, before anything is stored
    if (!input.handlingUnitId && (await mustPick()))
      throw new InputError('handling_unit_required', msg('Hãy chọn cơ quan giải quyết hồ sơ.', 'Choose the unit that handles the application.'), [
        { field: 'handlingUnitId', code: 'required', message: msg('Hãy chọn cơ quan giải quyết.', 'Choose the handling unit.') },
      ]);
    if (input.handlingUnitId) {
      const loaded = await procedures.publishedByCode(input.procedureCode);
      const { units } = await competentChoices({ db, steps: loaded.model.steps, procedureField: loaded.procedure.field, from: officer.orgUnitId! });
      if (!units.some((u) => u.id === input.handlingUnitId))
        throw new InputError(
          'handling_unit_invalid',
          msg('Cơ quan được chọn không giải quyết thủ tục này.', 'The unit chosen does not handle this procedure.'),
          [
            {
              field: 'handlingUnitId',
              code: 'handling_unit_invalid',
              message: msg('Hãy chọn cơ quan giải quyết trong danh sách.', 'Choose the handling unit from the list.'),
            },
          ],
        );
      chosen = { unitId: input.handlingUnitId, loaded };
    }
    // kept with the dossier, before handling starts: the competent steps go to the unit picked here, not to the rule's first find
    const dossier = await dossiers.submitAtCounter(
      officer,
      input,
      chosen &&
        ((tx, dossierId) =>
          recordChosenUnit({ db: tx, dossierId, steps: chosen.loaded.model.steps, procedureField: chosen.loaded.procedure.field, unitId: chosen.unitId })),
    );
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

  /**
   * The details of a walk-in applicant known by their identity number, so that the officer types them once:
   * the account that proved the number (or the latest that gave it), else the applicant of their latest dossier.
   * @throws InputError `id_number_invalid`; NotFoundError `applicant_unknown`
   */
  async function findApplicant(idNumber: string): Promise<CounterApplicant> {
    if (!/^[0-9]{12}$/.test(idNumber))
      throw new InputError('id_number_invalid', msg('Số định danh cá nhân gồm 12 chữ số.', 'A personal identity number has 12 digits.'));
    const account = (await db('accounts')
      .where({ id_number: idNumber, disabled_at: null })
      .whereIn('role', ['citizen'])
      .orderByRaw('id_verified_at is null, created_at desc')
      .first('full_name', 'phone', 'email', 'walk_in')) as { full_name: string; phone: string | null; email: string | null; walk_in: boolean } | undefined;
    const dossier = (await db('dossiers')
      .whereRaw("data->'applicant'->>'idNumber' = ?", [idNumber])
      .orderBy('submitted_at', 'desc')
      .first(db.raw("data->'applicant' as applicant"))) as { applicant: Record<string, unknown> } | undefined;
    const given = (k: string) => {
      const v = dossier?.applicant[k];
      return typeof v === 'string' && v.trim() ? v.trim() : null;
    };
    if (!account && !dossier)
      throw new NotFoundError(
        'applicant_unknown',
        msg(
          'Chưa có thông tin của người mang số định danh này; hãy nhập thông tin người nộp.',
          'No one with this identity number is known yet; enter the applicant.',
        ),
      );
    return {
      idNumber,
      fullName: account?.full_name ?? given('fullName') ?? '',
      phone: account?.phone ?? given('phone'),
      email: account?.email ?? given('email'),
      source: account && !account.walk_in ? 'account' : account ? 'counter' : 'dossier',
    };
  }

  return { receive, competentUnits, findApplicant };
}

/** A walk-in applicant as the counter fills them in; `source`: their own account, an earlier counter visit, or an earlier dossier's data. */
export interface CounterApplicant {
  idNumber: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  source: 'account' | 'counter' | 'dossier';
}

export type CounterService = ReturnType<typeof createCounterService>;
