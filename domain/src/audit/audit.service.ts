/**
 * The auditors' reading of the administration log (thanh tra): the city's auditors search every administrative
 * action (units, people, roles, calendars, logins and failed logins) and verify its hash chain. An auditor of
 * a unit below the city reads dossiers, not the city's administration.
 */
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db } from '../db/db.ts';
import { NotAllowedError, msg } from '../errors/errors.ts';
import { findOrgUnit } from '../org-units/org-units.repository.ts';
import { vnMoment, nextDate, type IsoDate } from '../time/vietnam-time.ts';
import { verifyAuditChain, type AuditEntity, type AuditEntry } from './admin-audit.repository.ts';

export interface AdminLogQuery {
  entity?: AuditEntity;
  action?: string;
  /** words of the actor's name or the user name of a login */
  q?: string;
  from?: IsoDate;
  to?: IsoDate;
  limit: number;
  offset: number;
}

export function createAuditService({ db }: { db: Db }) {
  async function requireCityAuditor(actor: Account): Promise<void> {
    const unit = actor.role === 'auditor' && actor.orgUnitId ? await findOrgUnit({ db, id: actor.orgUnitId }) : undefined;
    if (!unit || unit.parentId)
      throw new NotAllowedError(
        'admin_log_city_auditors',
        msg('Nhật ký quản trị dành cho thanh tra cấp thành phố.', "The administration log is for the city's auditors."),
      );
  }

  /** The log, newest first, filtered. */
  async function adminLog(actor: Account, q: AdminLogQuery): Promise<{ items: (AuditEntry & { hash: string })[]; total: number }> {
    await requireCityAuditor(actor);
    const query = db('admin_audit_log');
    if (q.entity) query.where('entity', q.entity);
    if (q.action) query.where('action', q.action);
    if (q.from) query.where('at', '>=', vnMoment(q.from));
    if (q.to) query.where('at', '<', vnMoment(nextDate(q.to)));
    if (q.q) query.where((w) => w.whereILike('actor_name', `%${q.q}%`).orWhereRaw(`after->>'username' ilike ?`, [`%${q.q}%`]));
    const n = ((await query.clone().count({ n: '*' })) as { n: string }[])[0]?.n ?? 0;
    const rows = await query.orderBy('id', 'desc').limit(q.limit).offset(q.offset);
    return {
      total: Number(n),
      items: rows.map((r) => ({
        id: String(r.id),
        at: r.at,
        actor: { id: r.actor_id, name: r.actor_name },
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        before: r.before,
        after: r.after,
        requestId: r.request_id,
        hash: r.hash,
      })),
    };
  }

  /** Whether the whole chain holds; the first row that does not, otherwise. */
  async function verifyAdminLog(actor: Account): Promise<{ intact: boolean; brokenAt: string | null }> {
    await requireCityAuditor(actor);
    const broken = await verifyAuditChain({ db });
    return { intact: !broken, brokenAt: broken ?? null };
  }

  return { adminLog, verifyAdminLog };
}

export type AuditService = ReturnType<typeof createAuditService>;
