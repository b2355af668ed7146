/**
 * Who may see a dossier: its applicant, and the people acting for the organisation it was filed for; officers of its unit, or of a unit one of its steps was handed to
 * (liên thông: they act only while the engine gives their unit the step, and read it afterwards); leaders and
 * auditors of those units or a unit above them. Anyone else is told it does not exist (404), so codes cannot
 * be probed.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import { NotFoundError, msg } from '../errors/errors.ts';
import { unitAndDescendants } from '../org-units/org-units.repository.ts';
import { stepUnitsOf } from '../org-units/step-units.ts';
import { actsFor } from '../accounts/organisations.service.ts';
import type { Dossier } from './dossiers.repository.ts';

export const dossierNotFound = () => new NotFoundError('dossier_not_found', msg('Không tìm thấy hồ sơ.', 'Dossier not found.'));

export async function canReadDossier(db: DbOrTx, actor: Account, dossier: Dossier): Promise<boolean> {
  switch (actor.role) {
    case 'citizen':
      return dossier.applicantId === actor.id || (dossier.organisationId !== null && (await actsFor(db, actor.id, dossier.organisationId)));
    case 'receiving_officer':
    case 'specialist':
      return dossier.orgUnitId === actor.orgUnitId || (await unitsOf(db, dossier)).includes(actor.orgUnitId!);
    case 'leader':
    case 'auditor': {
      if (!actor.orgUnitId) return false;
      const region = new Set(await unitAndDescendants({ db, id: actor.orgUnitId }));
      return region.has(dossier.orgUnitId) || (await unitsOf(db, dossier)).some((u) => region.has(u));
    }
    case 'administrator':
      return false;
  }
}

/** The units its steps were handed to (none for a dossier handled where it was received). */
async function unitsOf(db: DbOrTx, dossier: Dossier): Promise<string[]> {
  return (await stepUnitsOf(db, dossier.id)).map((s) => s.orgUnitId);
}

/** @throws NotFoundError `dossier_not_found` when the actor may not see the dossier */
export async function assertCanReadDossier(db: DbOrTx, actor: Account, dossier: Dossier | undefined): Promise<Dossier> {
  if (!dossier || !(await canReadDossier(db, actor, dossier))) throw dossierNotFound();
  return dossier;
}
