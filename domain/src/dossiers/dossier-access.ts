/**
 * Who may see a dossier: its applicant; officers of its unit; leaders and auditors of its unit or a unit
 * above it. Anyone else is told it does not exist (404), so codes cannot be probed.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { DbOrTx } from '../db/db.ts';
import { NotFoundError, msg } from '../errors/errors.ts';
import { unitAndDescendants } from '../org-units/org-units.repository.ts';
import type { Dossier } from './dossiers.repository.ts';

export const dossierNotFound = () => new NotFoundError('dossier_not_found', msg('Không tìm thấy hồ sơ.', 'Dossier not found.'));

export async function canReadDossier(db: DbOrTx, actor: Account, dossier: Dossier): Promise<boolean> {
  switch (actor.role) {
    case 'citizen':
      return dossier.applicantId === actor.id;
    case 'receiving_officer':
    case 'specialist':
      return dossier.orgUnitId === actor.orgUnitId;
    case 'leader':
    case 'auditor':
      return actor.orgUnitId !== null && (await unitAndDescendants({ db, id: actor.orgUnitId })).includes(dossier.orgUnitId);
    case 'administrator':
      return false;
  }
}

/** @throws NotFoundError `dossier_not_found` when the actor may not see the dossier */
export async function assertCanReadDossier(db: DbOrTx, actor: Account, dossier: Dossier | undefined): Promise<Dossier> {
  if (!dossier || !(await canReadDossier(db, actor, dossier))) throw dossierNotFound();
  return dossier;
}
