/**
 * Identity numbers are trusted only once proved. Anyone may type any number when registering, so a number
 * alone never brings someone's dossiers into an account. Dossiers filed at the counter for a number go to the
 * account verified for it: a citizen's own (verified earlier), or the walk-in account the counter makes (the
 * officer saw the identity card). The counter receipt carries a claim code; whoever holds the receipt enters
 * it in their own account, which then becomes verified for that number and takes over the walk-in account's
 * dossiers. (Single sign-on with the national identity service will verify numbers here too.)
 */
import { randomInt } from 'node:crypto';
import type { Db, DbOrTx, Tx } from '../db/db.ts';
import { ConflictError, InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import { appendEvent } from '../timeline/timeline.repository.ts';
import * as repo from './accounts.repository.ts';
import type { Account } from './accounts.repository.ts';

const log = moduleLogger('identity');

/** Crockford's base32: no I, L, O, U, so a code read aloud or retyped from paper is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** A new claim code, `XXXXX-XXXXX` (50 bits). */
export function newClaimCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A code as a person typed it: any case, spaces or dashes, O for 0 and I or L for 1. */
export function normalizeClaimCode(typed: string): string | undefined {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== CODE_LENGTH || [...raw].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

const invalidCode = () =>
  new InputError(
    'claim_code_invalid',
    msg(
      'Mã nhận hồ sơ không đúng hoặc đã được sử dụng. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.',
      'The claim code is wrong or already used; check the code on your receipt.',
    ),
  );

/**
 * Moves everything of a walk-in account (its dossiers, notifications, ratings) into `me`, which becomes verified
 * for the walk-in's identity number (`via`: claim_code | sso); the walk-in account gives up the number and is
 * closed, its unclaimed receipt codes spent. In the caller's transaction. @returns the ids of the dossiers moved
 */
export async function moveWalkInInto(tx: Tx, walkIn: Account, me: Account, via: 'claim_code' | 'sso'): Promise<string[]> {
  const idNumber = walkIn.idNumber!;
  // the walk-in account gives up the number (and can no longer be used), then this account is proved for it
  await tx('accounts').where({ id: walkIn.id }).update({ id_verified_at: null, id_verified_by: null, disabled_at: tx.fn.now() });
  await repo.verifyIdNumber({ db: tx, accountId: me.id, idNumber, by: via });
  const moved: { id: string }[] = await tx('dossiers')
    .where({ applicant_id: walkIn.id })
    .update({ applicant_id: me.id, updated_at: tx.fn.now() })
    .returning('id');
  await tx('notifications').where({ account_id: walkIn.id }).update({ account_id: me.id });
  await tx('dossier_ratings').where({ applicant_id: walkIn.id }).update({ applicant_id: me.id });
  await tx('account_claims').where({ walk_in_account_id: walkIn.id }).whereNull('claimed_at').update({ claimed_by: me.id, claimed_at: tx.fn.now() });
  for (const d of moved) {
    await tx('dossiers').where({ id: d.id }).forUpdate().first('id');
    await appendEvent({
      db: tx,
      event: { dossierId: d.id, type: 'applicant_claimed', actor: { id: me.id, fullName: me.fullName }, data: { from: walkIn.id, via } },
    });
  }
  return moved.map((d) => d.id);
}

export function createIdentityService({ db }: { db: Db }) {
  /** The claim code of a counter dossier filed under a walk-in account, made in the dossier's transaction. */
  async function issueClaimCode(tx: Tx, walkIn: Account, dossierId: string): Promise<string> {
    if (!walkIn.walkIn) throw new Error('claim codes are for walk-in accounts');
    const code = newClaimCode();
    await tx('account_claims').insert({ code, walk_in_account_id: walkIn.id, dossier_id: dossierId });
    return code;
  }

  /** The unclaimed code of a dossier, for its receipt. */
  async function claimCodeOf(dossierId: string, dbx: DbOrTx = db): Promise<string | undefined> {
    const row = await dbx('account_claims').where({ dossier_id: dossierId }).whereNull('claimed_at').first('code');
    return row?.code;
  }

  /**
   * Takes the counter dossiers of a receipt's holder into the citizen's account, which becomes verified for
   * the walk-in's identity number. All of that walk-in account's dossiers move (they are one person's).
   * @returns the ids of the dossiers moved
   * @throws InputError `claim_code_invalid`; ConflictError `identity_mismatch` when the account was proved to be
   *   someone else; NotAllowedError `citizens_only`
   */
  async function claim(account: Account, typedCode: string): Promise<{ dossierIds: string[]; idNumber: string }> {
    if (account.role !== 'citizen' || account.walkIn)
      throw new NotAllowedError('citizens_only', msg('Chỉ tài khoản công dân mới nhận hồ sơ.', 'Only citizen accounts claim dossiers.'));
    const code = normalizeClaimCode(typedCode);
    if (!code) throw invalidCode();
    const result = await db.transaction(async (tx) => {
      const row = await tx('account_claims').where({ code }).whereNull('claimed_at').forUpdate().first();
      if (!row) throw invalidCode();
      const walkIn = (await repo.findAccountById({ db: tx, id: row.walk_in_account_id }))!;
      const idNumber = walkIn.idNumber!;
      const me = (await repo.findAccountById({ db: tx, id: account.id }))!;
      if (me.idVerifiedAt && me.idNumber !== idNumber) {
        throw new ConflictError(
          'identity_mismatch',
          msg(
            'Tài khoản của bạn đã được xác thực với một số định danh khác với số trên giấy tiếp nhận.',
            'Your account is verified for another identity number than the one on the receipt.',
          ),
        );
      }
      const dossierIds = await moveWalkInInto(tx, walkIn, me, 'claim_code');
      return { dossierIds, idNumber };
    });
    log.info({ action: 'dossiers_claimed', accountId: account.id, dossiers: result.dossierIds.length }, 'counter dossiers claimed with a receipt code');
    return result;
  }

  return { issueClaimCode, claimCodeOf, claim };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
