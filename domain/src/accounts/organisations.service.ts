/**
 * Organisations as applicants (doanh nghiệp, hợp tác xã): registered by their legal representative with their
 * tax code, who then authorises other people (by their user name) to act for it. Every member files dossiers
 * for the organisation and sees all of its dossiers. The tax code's owner is what the national business
 * registry would confirm; here the code's form and check digit are checked (tax-codes.ts) and a code is
 * registered once.
 */
import type { Db, DbOrTx } from '../db/db.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { Account } from './accounts.repository.ts';
import { taxCodeProblem } from './tax-codes.ts';

const log = moduleLogger('organisations');

export type MemberRole = 'representative' | 'authorised';

export interface Organisation {
  id: string;
  taxCode: string;
  name: string;
  address: string | null;
  /** the caller's role in it */
  myRole: MemberRole;
  members: { accountId: string; fullName: string; username: string; role: MemberRole }[];
}

const citizensOnly = (actor: Account) => {
  if (actor.role !== 'citizen' || actor.walkIn)
    throw new NotAllowedError('citizens_only', msg('Chức năng dành cho tài khoản công dân.', 'Only citizen accounts can do this.'));
};
const notFound = () => new NotFoundError('organisation_not_found', msg('Không tìm thấy tổ chức.', 'Organisation not found.'));

/** Whether the account acts for the organisation (any role). */
export async function actsFor(db: DbOrTx, accountId: string, organisationId: string): Promise<boolean> {
  return Boolean(await db('organisation_members').where({ account_id: accountId, organisation_id: organisationId }).first('role'));
}

export function createOrganisationsService({ db }: { db: Db }) {
  async function load(dbx: DbOrTx, actorId: string, id: string): Promise<Organisation> {
    const org = await dbx('organisations').where({ id }).first();
    const members = (await dbx('organisation_members as m')
      .join('accounts as a', 'a.id', 'm.account_id')
      .where('m.organisation_id', id)
      .orderBy([{ column: 'm.role', order: 'desc' }, 'a.full_name'])
      .select('m.account_id', 'm.role', 'a.full_name', 'a.username')) as { account_id: string; role: MemberRole; full_name: string; username: string }[];
    const mine = members.find((m) => m.account_id === actorId);
    if (!org || !mine) throw notFound();
    return {
      id: org.id,
      taxCode: org.tax_code,
      name: org.name,
      address: org.address,
      myRole: mine.role,
      members: members.map((m) => ({ accountId: m.account_id, fullName: m.full_name, username: m.username, role: m.role })),
    };
  }

  /** The organisations the citizen acts for. */
  async function mine(actor: Account): Promise<Organisation[]> {
    citizensOnly(actor);
    const ids = (await db('organisation_members').where({ account_id: actor.id }).select('organisation_id')) as { organisation_id: string }[];
    return Promise.all(ids.map((r) => load(db, actor.id, r.organisation_id)));
  }

  /** Registers an organisation; the citizen is its legal representative. @throws ConflictError `organisation_taken` */
  async function register(actor: Account, input: { taxCode: string; name: string; address?: string | null }): Promise<Organisation> {
    citizensOnly(actor);
    const problem = taxCodeProblem(input.taxCode);
    if (problem === 'format')
      throw new InputError(
        'tax_code_invalid',
        msg(
          'Mã số thuế gồm 10 chữ số (chi nhánh: 10 chữ số, gạch ngang, 3 chữ số; cá nhân, hộ kinh doanh: 12 chữ số số định danh cá nhân).',
          'A tax code is 10 digits (a branch: 10 digits, a dash, 3 digits; a person or household business: their 12-digit personal identification number).',
        ),
        [{ field: 'taxCode', code: 'tax_code_invalid', message: msg('Mã số thuế gồm 10 hoặc 12 chữ số.', 'A tax code is 10 or 12 digits.') }],
      );
    if (problem === 'check_digit') {
      const wrong = msg(
        'Mã số thuế không đúng: chữ số kiểm tra (chữ số thứ 10) không khớp, hãy kiểm tra lại từng chữ số.',
        'This tax code is not valid: its check digit (the 10th digit) does not match; check each digit again.',
      );
      throw new InputError('tax_code_check_digit', wrong, [{ field: 'taxCode', code: 'tax_code_check_digit', message: wrong }]);
    }
    const org = await db.transaction(async (tx) => {
      const [row] = await tx('organisations')
        .insert({ tax_code: input.taxCode, name: input.name.trim(), address: input.address?.trim() || null, created_by: actor.id })
        .onConflict('tax_code')
        .ignore()
        .returning('id');
      if (!row)
        throw new ConflictError(
          'organisation_taken',
          msg(
            'Mã số thuế này đã được đăng ký; hãy đề nghị người đại diện của tổ chức ủy quyền cho bạn.',
            'This tax code is already registered; ask the organisation’s representative to authorise you.',
          ),
        );
      await tx('organisation_members').insert({ organisation_id: row.id, account_id: actor.id, role: 'representative', added_by: actor.id });
      return load(tx, actor.id, row.id);
    });
    log.info({ action: 'organisation_registered', organisationId: org.id, by: actor.id }, 'organisation registered');
    return org;
  }

  /**
   * The representative authorises a citizen (by user name) to act for the organisation.
   * @throws NotAllowedError `representatives_only`; NotFoundError `account_not_found`
   */
  async function authorise(actor: Account, id: string, username: string): Promise<Organisation> {
    citizensOnly(actor);
    const org = await load(db, actor.id, id);
    if (org.myRole !== 'representative')
      throw new NotAllowedError(
        'representatives_only',
        msg('Chỉ người đại diện theo pháp luật mới ủy quyền.', 'Only the legal representative authorises people.'),
      );
    const person = await db('accounts')
      .whereRaw('lower(username) = lower(?)', [username.trim()])
      .where({ role: 'citizen', walk_in: false })
      .whereNull('disabled_at')
      .first('id');
    if (!person)
      throw new NotFoundError('account_not_found', msg('Không có tài khoản công dân với tên đăng nhập này.', 'No citizen account has this username.'), [
        {
          field: 'username',
          code: 'account_not_found',
          message: msg('Không có tài khoản công dân với tên đăng nhập này.', 'No citizen account has this username.'),
        },
      ]);
    await db('organisation_members')
      .insert({ organisation_id: id, account_id: person.id, role: 'authorised', added_by: actor.id })
      .onConflict(['organisation_id', 'account_id'])
      .ignore();
    log.info({ action: 'organisation_member_added', organisationId: id, accountId: person.id, by: actor.id }, 'member authorised');
    return load(db, actor.id, id);
  }

  /** The representative withdraws someone's authorisation (not their own). */
  async function withdraw(actor: Account, id: string, accountId: string): Promise<Organisation> {
    citizensOnly(actor);
    const org = await load(db, actor.id, id);
    if (org.myRole !== 'representative')
      throw new NotAllowedError(
        'representatives_only',
        msg('Chỉ người đại diện theo pháp luật mới rút ủy quyền.', 'Only the legal representative withdraws authorisations.'),
      );
    await db('organisation_members').where({ organisation_id: id, account_id: accountId, role: 'authorised' }).delete();
    return load(db, actor.id, id);
  }

  return { mine, register, authorise, withdraw };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
