/** Applications saved before they are submitted, to resume later: one draft per citizen and procedure. */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';

export interface Draft {
  procedureCode: string;
  procedureName: string;
  orgUnitId: string | null;
  data: Record<string, unknown>;
  updatedAt: Date;
}

export function createDraftsService({ db, procedures }: { db: Db; procedures: ProceduresService }) {
  function requireCitizen(actor: Account): void {
    if (actor.role !== 'citizen') throw new NotAllowedError('citizens_only', msg('Chỉ công dân có hồ sơ lưu tạm.', 'Only citizens keep drafts.'));
  }

  async function list(actor: Account): Promise<Draft[]> {
    requireCitizen(actor);
    const rows = await db('dossier_drafts as d')
      .join('procedures as p', 'p.code', 'd.procedure_code')
      .where('d.applicant_id', actor.id)
      .orderBy('d.updated_at', 'desc')
      .select('d.*', 'p.name');
    return rows.map((r) => ({ procedureCode: r.procedure_code, procedureName: r.name, orgUnitId: r.org_unit_id, data: r.data, updatedAt: r.updated_at }));
  }

  /** @throws NotFoundError `draft_not_found` */
  async function get(actor: Account, procedureCode: string): Promise<Draft> {
    const found = (await list(actor)).find((d) => d.procedureCode === procedureCode);
    if (!found) throw new NotFoundError('draft_not_found', msg('Không có hồ sơ lưu tạm cho thủ tục này.', 'No draft for this procedure.'));
    return found;
  }

  /** Saves the form as entered (checked on submission, not now). @throws NotFoundError `procedure_not_found` */
  async function save(actor: Account, procedureCode: string, input: { orgUnitId: string | null; data: Record<string, unknown> }): Promise<Draft> {
    requireCitizen(actor);
    const loaded = await procedures.publishedByCode(procedureCode);
    await db('dossier_drafts')
      .insert({
        applicant_id: actor.id,
        procedure_code: loaded.procedure.code,
        org_unit_id: input.orgUnitId,
        data: JSON.stringify(input.data),
        updated_at: db.fn.now(),
      })
      .onConflict(['applicant_id', 'procedure_code'])
      .merge();
    return get(actor, loaded.procedure.code);
  }

  async function remove(actor: Account, procedureCode: string): Promise<void> {
    requireCitizen(actor);
    await db('dossier_drafts').where({ applicant_id: actor.id, procedure_code: procedureCode }).delete();
  }

  return { list, get, save, remove };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
