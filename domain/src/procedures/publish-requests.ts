/**
 * Four eyes on a procedure going live (PUBLISH_APPROVAL): publishing a draft asks for it, and another
 * administrator decides. Approved, the draft is published in the same transaction that records the approval
 * (the studio's `deployDraft`), so a stop in between leaves neither; rejected, it stays a draft, with the
 * reason. A draft changed after the request withdraws it. Every step is in the administration log.
 */
import { recordChange } from '../audit/admin-audit.repository.ts';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, Tx } from '../db/db.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { ProcedureVersion } from './procedures.repository.ts';

const log = moduleLogger('studio');

/** A request to publish a draft, for a second administrator to decide. */
export interface PublishRequest {
  id: string;
  versionId: string;
  requestedBy: string;
  requestedByName: string | null;
  requestedAt: Date;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

/** The version's latest request, whatever became of it. */
export async function latestRequest(db: Db, versionId: string): Promise<PublishRequest | undefined> {
  const row = await db('procedure_publish_requests as r')
    .leftJoin('accounts as a', 'a.id', 'r.requested_by')
    .where('r.version_id', versionId)
    .orderBy('r.requested_at', 'desc')
    .first('r.*', 'a.full_name as requested_by_name');
  return (
    row && {
      id: row.id,
      versionId: row.version_id,
      requestedBy: row.requested_by,
      requestedByName: row.requested_by_name ?? null,
      requestedAt: row.requested_at,
      status: row.status,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
      reason: row.reason,
    }
  );
}

/** A request is for the draft as it was asked: a changed draft is asked again (in the change's transaction). */
export async function withdrawPending(tx: Tx, versionId: string): Promise<void> {
  await tx('procedure_publish_requests').where({ version_id: versionId, status: 'pending' }).update({ status: 'withdrawn', decided_at: tx.fn.now() });
}

export function createPublishRequests({
  db,
  currentVersion,
  deployDraft,
}: {
  db: Db;
  /** the version as it stands now */
  currentVersion: (versionId: string) => Promise<ProcedureVersion>;
  /** the studio's publication of a draft, with what else to record in its transaction */
  deployDraft: (actor: Account, versionId: string, alongside: (tx: Tx, published: ProcedureVersion) => Promise<void>) => Promise<{ version: ProcedureVersion }>;
}) {
  /**
   * Asks another administrator to publish this draft (checked by the caller). @throws ConflictError `publish_request_pending`
   */
  async function ask(actor: Account, version: ProcedureVersion, procedureCode: string): Promise<{ request: PublishRequest }> {
    await db.transaction(async (tx) => {
      // one pending request per draft (a unique index): a second one is refused
      const pending = await tx('procedure_publish_requests').where({ version_id: version.id, status: 'pending' }).forUpdate().first('id');
      if (pending)
        throw new ConflictError(
          'publish_request_pending',
          msg('Bản nháp này đang chờ quản trị viên khác duyệt công bố.', 'This draft already waits for another administrator to approve its publication.'),
        );
      await tx('procedure_publish_requests').insert({ version_id: version.id, requested_by: actor.id });
      await recordChange({
        db: tx,
        change: {
          actor,
          entity: 'procedure',
          entityId: version.id,
          action: 'publish_requested',
          before: null,
          after: { code: procedureCode, version: version.version },
        },
      });
    });
    log.info({ action: 'publish_requested', procedureCode, version: version.version, by: actor.id }, 'publication asked for approval');
    return { request: (await latestRequest(db, version.id))! };
  }

  /**
   * Another administrator's decision: approved, the draft is published (checked again) with the approval, in
   * one transaction; rejected, it stays a draft, with the reason.
   * @throws NotFoundError `publish_request_missing`; NotAllowedError `publish_own_request`; InputError `reason_required`;
   *   ConflictError `publish_request_decided` (withdrawn or decided meanwhile: nothing published)
   */
  async function decide(
    actor: Account,
    versionId: string,
    decision: 'approve' | 'reject',
    reason?: string,
  ): Promise<{ request: PublishRequest; version?: ProcedureVersion }> {
    const request = await latestRequest(db, versionId);
    if (!request || request.status !== 'pending')
      throw new NotFoundError('publish_request_missing', msg('Không có yêu cầu công bố nào đang chờ duyệt.', 'No request to publish waits for a decision.'));
    if (request.requestedBy === actor.id)
      throw new NotAllowedError(
        'publish_own_request',
        msg('Yêu cầu công bố phải do một quản trị viên khác duyệt.', 'Another administrator must decide on a request to publish.'),
      );
    if (decision === 'reject' && !reason?.trim())
      throw new InputError('reason_required', msg('Hãy nêu lý do từ chối công bố.', 'Say why the publication is rejected.'), [
        { field: 'reason', code: 'required', message: msg('Lý do từ chối: chưa nhập.', 'Reason: missing.') },
      ]);
    const record = async (tx: Tx, published?: ProcedureVersion) => {
      const n = await tx('procedure_publish_requests')
        .where({ id: request.id, status: 'pending' })
        .update({ status: published ? 'approved' : 'rejected', decided_by: actor.id, decided_at: tx.fn.now(), reason: reason?.trim() || null });
      if (!n) throw new ConflictError('publish_request_decided', msg('Yêu cầu này vừa được xử lý.', 'This request has just been decided.'));
      await recordChange({
        db: tx,
        change: {
          actor,
          entity: 'procedure',
          entityId: versionId,
          action: published ? 'publish_approved' : 'publish_rejected',
          before: { requestedBy: request.requestedBy },
          after: published ? { version: published.version } : { reason: reason!.trim() },
        },
      });
    };
    if (decision === 'reject') {
      await db.transaction((tx) => record(tx));
      return { request: (await latestRequest(db, versionId))! };
    }
    // a version published while its request stayed pending (before the two were one transaction) is not
    // published again: the approval is recorded
    const version = await currentVersion(versionId);
    const published =
      version.status === 'published' ? (await db.transaction((tx) => record(tx, version)), version) : (await deployDraft(actor, versionId, record)).version;
    return { request: (await latestRequest(db, versionId))!, version: published };
  }

  return { ask, decide };
}
