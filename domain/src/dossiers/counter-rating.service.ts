/**
 * Rating at the counter (issue 14 §3): a walk-in applicant has no login, so the receipt of a counter dossier
 * carries a one-time rating code, and the counter keeps a tablet on which the applicant types it and rates.
 * The tablet does not hold anyone's login either: a receiving officer opens a kiosk session on it, a token bound
 * to the officer's unit that can do one thing, rate that unit's dossiers with their codes. The code is the
 * applicant's credential, the kiosk the place: a code works only at its own unit's tablets, so a code cannot be
 * guessed from the internet, and wrong codes are counted per kiosk.
 */
import { createHash, randomBytes } from 'node:crypto';
import { findAccountById, type Account } from '../accounts/accounts.repository.ts';
import type { Db, DbOrTx, Tx } from '../db/db.ts';
import { AuthenticationError, ConflictError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { Clock } from '../time/clock.ts';
import { systemClock } from '../time/clock.ts';
import { DossierStatus } from './dossier-status.ts';
import * as repo from './dossiers.repository.ts';
import { RATING_CODE_DAYS, hashRatingCode, normalizeRatingCode } from './rating-codes.ts';
import { ratingExists, ratingNotOpen, type RateableStep, type RatingInput, type RatingsService } from './ratings.service.ts';
import type { Questionnaire } from './questionnaires.schemas.ts';

const log = moduleLogger('counter-rating');

/** A kiosk session lasts a working day at most; the officer opens a new one the next morning. */
const KIOSK_HOURS = 12;

export interface Kiosk {
  id: string;
  orgUnitId: string;
  unitName: string;
  expiresAt: Date;
}

/** What the tablet shows of a dossier: nothing personal, only what the applicant needs to know it is theirs. */
export interface CodeDossier {
  dossierCode: string | null;
  procedureName: string;
  unitName: string;
  steps: RateableStep[];
  questionnaire: Questionnaire;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const codeInvalid = () =>
  new NotFoundError(
    'rating_code_invalid',
    msg('Mã đánh giá không đúng. Vui lòng kiểm tra lại mã in trên giấy tiếp nhận.', 'The rating code is wrong; check the code printed on your receipt.'),
  );
const codeUsed = () => new ConflictError('rating_code_used', msg('Mã đánh giá này đã được sử dụng.', 'This rating code has already been used.'));
const codeExpired = () =>
  new ConflictError(
    'rating_code_expired',
    msg(
      `Mã đánh giá đã hết hạn (${RATING_CODE_DAYS} ngày sau khi trả kết quả).`,
      `The rating code has expired (${RATING_CODE_DAYS} days after the result was returned).`,
    ),
  );

/**
 * Keeps (the hash of) the rating code printed on a counter dossier's receipt, in the transaction that stores the
 * receipt, so that the code kept is the one printed.
 */
export async function saveRatingCode(tx: Tx, dossierId: string, code: string): Promise<void> {
  await tx('dossier_rating_codes')
    .insert({ dossier_id: dossierId, code_hash: hashRatingCode(code) })
    .onConflict('dossier_id')
    .merge({ code_hash: hashRatingCode(code), created_at: tx.fn.now() });
}

/** Starts a code's validity: it expires RATING_CODE_DAYS after the result is returned. In the return's transaction. */
export async function startRatingCodeClock(db: DbOrTx, dossierId: string, returnedAt: Date): Promise<void> {
  await db('dossier_rating_codes')
    .where({ dossier_id: dossierId })
    .whereNull('expires_at')
    .update({ expires_at: new Date(returnedAt.getTime() + RATING_CODE_DAYS * 86_400_000) });
}

export function createCounterRatingService({
  db,
  ratings,
  procedures,
  clock = systemClock,
}: {
  db: Db;
  ratings: RatingsService;
  procedures: ProceduresService;
  clock?: Clock;
}) {
  /**
   * A receiving officer opens a kiosk session for their unit. @returns the token the tablet keeps (shown once)
   * @throws NotAllowedError `receiving_officers_only`
   */
  async function openKiosk(officer: Account): Promise<{ token: string; kiosk: Kiosk }> {
    if (officer.role !== 'receiving_officer' || !officer.orgUnitId)
      throw new NotAllowedError(
        'receiving_officers_only',
        msg('Chỉ cán bộ tiếp nhận mới mở trang đánh giá tại quầy.', 'Only receiving officers open the counter rating page.'),
      );
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(clock.now().getTime() + KIOSK_HOURS * 3_600_000);
    const [row] = await db('rating_kiosks')
      .insert({ token_hash: hashToken(token), org_unit_id: officer.orgUnitId, opened_by: officer.id, expires_at: expiresAt })
      .returning('id');
    const unit = (await findOrgUnit({ db, id: officer.orgUnitId }))!;
    log.info({ action: 'kiosk_opened', kioskId: row.id, orgUnitId: officer.orgUnitId, by: officer.id }, 'counter rating kiosk opened');
    return { token, kiosk: { id: row.id, orgUnitId: officer.orgUnitId, unitName: unit.name, expiresAt } };
  }

  /**
   * The kiosk a tablet's token opens.
   * @throws AuthenticationError `kiosk_session_invalid` (none, unknown, closed or expired)
   */
  async function kiosk(token: string | undefined): Promise<Kiosk> {
    const row = token
      ? await db('rating_kiosks as k')
          .join('org_units as u', 'u.id', 'k.org_unit_id')
          .where('k.token_hash', hashToken(token))
          .whereNull('k.closed_at')
          .where('k.expires_at', '>', clock.now())
          .first('k.id', 'k.org_unit_id', 'k.expires_at', 'u.name')
      : undefined;
    if (!row)
      throw new AuthenticationError(
        'kiosk_session_invalid',
        msg(
          'Trang đánh giá chưa được mở hoặc đã hết phiên. Vui lòng nhờ cán bộ tiếp nhận mở lại.',
          'The rating page is not open or its session ended; ask the receiving officer to open it again.',
        ),
      );
    return { id: row.id, orgUnitId: row.org_unit_id, unitName: row.name, expiresAt: row.expires_at };
  }

  async function closeKiosk(token: string | undefined): Promise<void> {
    const k = await kiosk(token);
    await db('rating_kiosks').where({ id: k.id }).update({ closed_at: clock.now() });
  }

  /** The dossier of a code, checked usable: same unit, unused, returned, not expired, not rated. */
  async function usable(dbx: DbOrTx, k: Kiosk, typed: string, lock: boolean): Promise<repo.Dossier> {
    const code = normalizeRatingCode(typed);
    if (!code) throw codeInvalid();
    const q = dbx('dossier_rating_codes').where({ code_hash: hashRatingCode(code) });
    const row = await (lock ? q.forUpdate() : q).first();
    const d = row && (await repo.findDossier({ db: dbx, id: row.dossier_id }));
    // another unit's code is as unknown here as a wrong one
    if (!row || !d || d.orgUnitId !== k.orgUnitId) throw codeInvalid();
    if (row.used_at) throw codeUsed();
    if (d.status !== DossierStatus.Returned) throw ratingNotOpen();
    if (row.expires_at && row.expires_at <= clock.now()) throw codeExpired();
    if (await dbx('dossier_ratings').where({ dossier_id: d.id }).first('dossier_id')) throw ratingExists();
    return d;
  }

  /**
   * What the tablet shows for a typed code.
   * @throws AuthenticationError `kiosk_session_invalid`; NotFoundError `rating_code_invalid`; ConflictError
   *   `rating_code_used` | `rating_not_open` | `rating_code_expired` | `rating_exists`
   */
  async function lookUp(token: string | undefined, typed: string): Promise<CodeDossier> {
    const k = await kiosk(token);
    const d = await usable(db, k, typed, false);
    const [loaded, form] = await Promise.all([procedures.loadVersion(d.procedureVersionId), ratings.form(d)]);
    return {
      dossierCode: d.code,
      procedureName: loaded.procedure.name,
      unitName: k.unitName,
      // the steps' names only: who did them stays with the rating, not on the screen
      steps: form.steps.map((s) => ({ step: s.step, stepName: s.stepName, officerId: null })),
      questionnaire: form.questionnaire,
    };
  }

  /**
   * Rates the dossier of a code and spends the code, in one transaction (channel `counter`).
   * @throws as `lookUp`, and as RatingsService.store
   */
  async function rate(token: string | undefined, typed: string, input: RatingInput): Promise<{ ratedAt: Date; questionnaireVersion: number }> {
    const k = await kiosk(token);
    const dossierId = await db.transaction(async (tx) => {
      const d = await usable(tx, k, typed, true);
      const spent = await tx('dossier_rating_codes').where({ dossier_id: d.id }).whereNull('used_at').update({ used_at: clock.now() });
      if (spent !== 1) throw codeUsed();
      const applicant = await findAccountById({ db: tx, id: d.applicantId });
      await ratings.store(tx, d, input, { applicantId: d.applicantId, actor: applicant ?? null, channel: 'counter' });
      return d.id;
    });
    log.info({ action: 'rated_at_counter', dossierId, kioskId: k.id }, 'dossier rated at the counter');
    const r = (await ratings.of(dossierId))!;
    return { ratedAt: r.ratedAt, questionnaireVersion: r.questionnaireVersion };
  }

  return { openKiosk, kiosk, closeKiosk, lookUp, rate };
}

export type CounterRatingService = ReturnType<typeof createCounterRatingService>;
