/**
 * The procedure studio's service: administrators create procedures from the one-stop template, edit a draft
 * (catalogue, model, forms, allowances, result document), compare versions, check and publish a draft, and
 * retire a version. A version moves draft → published → retired; one draft per procedure; a new draft copies
 * the latest version; publishing deploys the model and its forms as one engine deployment, and only a draft
 * that passes every check is ever deployed. Dossiers keep the version they started with.
 */
import { recordChange } from '../audit/admin-audit.repository.ts';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Account } from '../accounts/accounts.repository.ts';
import type { Db, Tx } from '../db/db.ts';
import { ConflictError, InputError, NotAllowedError, NotFoundError, msg } from '../errors/errors.ts';
import type { FormSchema } from '../forms/form-schema.ts';
import { moduleLogger } from '../logging/logger.ts';
import { parseProcessModel } from './bpmn-model.ts';
import { oneStopModel } from './one-stop-template.ts';
import { checkPublishable, checkVersion, type CheckProblem, type ProcedureData, type VersionContent } from './procedure-check.ts';
import { formsDir } from './procedure-package.ts';
import type { ProceduresService } from './procedures.service.ts';
import * as repo from './procedures.repository.ts';
import type { ProcedureVersion } from './procedures.repository.ts';
import {
  defaultCatalogue,
  processKeyOf,
  standardTaskForms,
  templateAllowances,
  templateApplicationForm,
  templateHandling,
  type NewProcedure,
} from './studio-template.ts';
import { checkedUnits } from './studio-units.ts';
import { importedChanges, versionFiles, type ExportedFile } from './studio-files.ts';
import { diffVersions, modelOrUndefined, type VersionDiff } from './version-diff.ts';
import { createPublishRequests, latestRequest, withdrawPending, type PublishRequest } from './publish-requests.ts';

export type { NewProcedure } from './studio-template.ts';
export type { VersionDiff } from './version-diff.ts';
export type { PublishRequest } from './publish-requests.ts';

const log = moduleLogger('studio');

export type DraftChanges = Partial<VersionContent>;

function requireAdmin(actor: Account): void {
  if (actor.role !== 'administrator')
    throw new NotAllowedError('not_allowed', msg('Chỉ quản trị viên được chỉnh sửa thủ tục.', 'Only administrators edit procedures.'));
}

const contentOf = (v: ProcedureVersion, fallback: ProcedureData): VersionContent => ({
  procedureData: v.procedureData ?? fallback,
  bpmnXml: v.bpmnXml,
  applicationFormId: v.applicationFormId,
  forms: v.forms,
  timeLimit: v.timeLimit,
  stepAllowances: v.stepAllowances,
  resultTemplate: v.resultTemplate,
});

function hashOf(c: VersionContent): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        c.procedureData,
        c.bpmnXml,
        c.applicationFormId,
        Object.keys(c.forms)
          .sort()
          .map((k) => [k, c.forms[k]]),
        c.timeLimit,
        c.stepAllowances,
        c.resultTemplate,
      ]),
    )
    .digest('hex');
}

/**
 * @param publishApproval publishing needs a second administrator's approval: `publish` makes a request that
 *   `decidePublish` by another administrator approves (then the draft is published) or rejects
 */
export function createStudioService({ db, procedures, publishApproval = false }: { db: Db; procedures: ProceduresService; publishApproval?: boolean }) {
  async function requireVersion(id: string): Promise<{ version: ProcedureVersion; procedure: repo.Procedure }> {
    const version = await repo.findVersion({ db, id });
    const procedure = version && (await repo.findProcedureById({ db, id: version.procedureId }));
    if (!version || !procedure)
      throw new NotFoundError('procedure_version_not_found', msg('Không tìm thấy phiên bản thủ tục.', 'Procedure version not found.'));
    return { version, procedure };
  }

  const fallbackData = (p: repo.Procedure): ProcedureData => ({ name: p.name, nameEn: p.nameEn, field: p.field, catalogue: p.catalogue });

  /** Every procedure with its versions. */
  async function list(actor: Account) {
    requireAdmin(actor);
    return repo.listProcedures({ db });
  }

  /** A version with all it holds, and its procedure with the list of its versions. @throws NotFoundError */
  async function get(actor: Account, versionId: string) {
    requireAdmin(actor);
    const { version, procedure } = await requireVersion(versionId);
    const [withVersions] = await repo.listProcedures({ db, id: procedure.id });
    return {
      procedure: withVersions!,
      version: { ...version, procedureData: version.procedureData ?? fallbackData(procedure) },
      publishApproval,
      publishRequest: (await latestRequest(db, versionId)) ?? null,
    };
  }

  /**
   * A new procedure from the standard one-stop template (reception → review → approval → signing →
   * return), as draft version 1. The reception stays with the receiving unit; review and approval go to the
   * chosen handling unit (the receiving one, the competent one for the field, or a named one), and a
   * cooperating agency's opinion, when asked, comes between them (liên thông).
   * @throws ConflictError `procedure_exists`; InputError when a chosen unit cannot handle (see checkedUnits)
   */
  async function create(actor: Account, p: NewProcedure) {
    requireAdmin(actor);
    const units = await checkedUnits(db, p);
    const processKey = processKeyOf(p.code);
    const applicationFormId = `${processKey}-application`.replace(/_/g, '-');
    const forms: Record<string, FormSchema> = { [applicationFormId]: templateApplicationForm(applicationFormId, p.name) };
    for (const f of standardTaskForms) {
      const form = JSON.parse(fs.readFileSync(path.join(formsDir, f), 'utf8')) as FormSchema;
      forms[form.id!] = form;
    }
    const bpmnXml = await oneStopModel({ processId: processKey, name: `${p.name} (${p.code})`, applicationFormId, handling: templateHandling(p) });
    const procedureData: ProcedureData = {
      name: p.name,
      nameEn: p.nameEn ?? null,
      field: p.field,
      catalogue: p.catalogue ?? defaultCatalogue(p, { handling: units.handling?.name, opinion: units.opinion?.name }),
    };
    const content: VersionContent = {
      procedureData,
      bpmnXml,
      applicationFormId,
      forms,
      timeLimit: p.timeLimit,
      stepAllowances: templateAllowances(p.timeLimit, { opinion: Boolean(p.opinionUnit) }),
      resultTemplate: {
        title: p.name.toUpperCase(),
        titleEn: p.nameEn,
        fields: [
          { label: 'Họ, chữ đệm và tên người yêu cầu', path: 'applicant.fullName' },
          { label: 'Nơi cư trú', path: 'applicant.address' },
          { label: 'Nội dung', path: 'request' },
        ],
      },
    };
    return db.transaction(async (tx) => {
      const procedure = await repo.insertProcedure({
        db: tx,
        procedure: { code: p.code, name: p.name, nameEn: p.nameEn ?? null, field: p.field, catalogue: procedureData.catalogue },
      });
      if (!procedure) throw new ConflictError('procedure_exists', msg(`Đã có thủ tục mã ${p.code}.`, `A procedure ${p.code} exists already.`));
      const version = await repo.insertDraft({
        db: tx,
        version: {
          procedureId: procedure.id,
          version: 1,
          processKey,
          ...content,
          contentHash: hashOf(content),
          engineDeploymentId: null,
          engineProcessDefinitionId: null,
          source: 'studio',
          createdBy: actor.id,
        },
      });
      log.info(
        { action: 'procedure_created', procedureCode: p.code, handlingUnit: p.handlingUnit ?? 'receiving', opinionUnit: p.opinionUnit, by: actor.id },
        'procedure created from the template',
      );
      return { procedure, version };
    });
  }

  /** The procedure's draft, opened as a copy of its latest version when there is none. */
  async function openDraft(actor: Account, procedureId: string) {
    requireAdmin(actor);
    return db.transaction(async (tx) => {
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`motcua.draft.${procedureId}`]);
      const existing = await repo.draftOf({ db: tx, procedureId });
      if (existing) return existing;
      const procedure = await repo.findProcedureById({ db: tx, id: procedureId });
      const latest = procedure && (await repo.latestVersion({ db: tx, procedureId }));
      if (!procedure || !latest) throw new NotFoundError('procedure_not_found', msg('Không tìm thấy thủ tục.', 'Procedure not found.'));
      const content = contentOf(latest, fallbackData(procedure));
      return repo.insertDraft({
        db: tx,
        version: {
          procedureId,
          version: latest.version + 1,
          processKey: latest.processKey,
          ...content,
          contentHash: hashOf(content),
          engineDeploymentId: null,
          engineProcessDefinitionId: null,
          source: 'studio',
          createdBy: actor.id,
        },
      });
    });
  }

  /** Saves changes to a draft. @throws ConflictError `not_a_draft` */
  async function save(actor: Account, versionId: string, changes: DraftChanges) {
    requireAdmin(actor);
    const { version, procedure } = await requireVersion(versionId);
    if (version.status !== 'draft') throw notDraft();
    const content: VersionContent = { ...contentOf(version, fallbackData(procedure)), ...changes };
    let processKey = version.processKey;
    if (changes.bpmnXml !== undefined) processKey = (await modelOrUndefined(changes.bpmnXml))?.processId ?? processKey;
    const saved = await db.transaction(async (tx) => {
      const updated = await repo.updateDraft({ db: tx, id: versionId, patch: { ...changes, processKey, contentHash: hashOf(content) } });
      if (updated) await withdrawPending(tx, versionId);
      return updated;
    });
    if (!saved) throw notDraft();
    return saved;
  }

  /**
   * Reads `.bpmn` and `.form` files into a draft: a model replaces the draft's model, a form is added or
   * replaces the form with its id. @throws InputError `import_unreadable`
   */
  async function importFiles(actor: Account, versionId: string, files: { name: string; content: string }[]) {
    requireAdmin(actor);
    const { version } = await requireVersion(versionId);
    if (version.status !== 'draft') throw notDraft();
    return save(actor, versionId, importedChanges(version.forms, files));
  }

  /** Files of a version, for export: its model and each form. */
  async function files(actor: Account, versionId: string): Promise<ExportedFile[]> {
    requireAdmin(actor);
    const { version } = await requireVersion(versionId);
    return versionFiles(version);
  }

  /** Every problem of a version (a draft before publishing, or any other). */
  async function check(actor: Account, versionId: string): Promise<CheckProblem[]> {
    requireAdmin(actor);
    const { version, procedure } = await requireVersion(versionId);
    return checkVersion(contentOf(version, fallbackData(procedure)));
  }

  /**
   * Publishes a draft: checks it, deploys its model and forms as one deployment, records the deployment,
   * retires the version published before (its running dossiers carry on with it) and updates the catalogue.
   * @param alongside what else the publication records, in its transaction (an approved request)
   * @throws InputError `procedure_check_failed` with the problems; ConflictError `not_a_draft`
   */
  async function deployDraft(actor: Account, versionId: string, alongside?: (tx: Tx, published: ProcedureVersion) => Promise<void>) {
    requireAdmin(actor);
    const { version: first, procedure } = await requireVersion(versionId);
    if (first.status !== 'draft') throw notDraft();
    return db.transaction(async (tx) => {
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`motcua.publish.${procedure.code}`]);
      const version = await repo.findVersion({ db: tx, id: versionId });
      if (!version || version.status !== 'draft') throw notDraft();
      const content = contentOf(version, fallbackData(procedure));
      const problems = await checkPublishable(content);
      const model = await parseProcessModel(version.bpmnXml);
      const { deploymentId, definitionId } = await procedures.deploy(
        {
          code: procedure.code,
          versionNo: version.version,
          processKey: model.processId,
          bpmnFileName: `${model.processId}.bpmn`,
          bpmnXml: version.bpmnXml,
          forms: version.forms,
        },
        // (the same source on every try: the engine's duplicate filtering compares deployments of one source)
        'motcua studio',
      );
      const published = await repo.markPublished({
        db: tx,
        id: version.id,
        procedureId: procedure.id,
        engineDeploymentId: deploymentId,
        engineProcessDefinitionId: definitionId,
      });
      if (!published) throw notDraft();
      await repo.upsertProcedure({
        db: tx,
        procedure: {
          code: procedure.code,
          name: content.procedureData.name,
          nameEn: content.procedureData.nameEn ?? null,
          field: content.procedureData.field,
          catalogue: content.procedureData.catalogue,
        },
      });
      await recordChange({
        db: tx,
        change: {
          actor,
          entity: 'procedure',
          entityId: version.id,
          action: 'published',
          before: null,
          after: { code: procedure.code, name: content.procedureData.name, version: version.version, deploymentId },
        },
      });
      await alongside?.(tx, published);
      log.info(
        { action: 'published', procedureCode: procedure.code, version: version.version, deploymentId, by: actor.id },
        'procedure published from the studio',
      );
      return { version: published, warnings: problems };
    });
  }

  /**
   * Publishes a draft, or, when publishing needs a second administrator's approval, asks for it: the draft is
   * checked the same way, then a pending request is recorded (and audited) for another administrator.
   * @returns the published version, or the request made
   * @throws InputError `procedure_check_failed`; ConflictError `not_a_draft` | `publish_request_pending`
   */
  async function publish(actor: Account, versionId: string): Promise<{ version: ProcedureVersion; warnings: CheckProblem[] } | { request: PublishRequest }> {
    if (!publishApproval) return deployDraft(actor, versionId);
    requireAdmin(actor);
    const { version, procedure } = await requireVersion(versionId);
    if (version.status !== 'draft') throw notDraft();
    await checkPublishable(contentOf(version, fallbackData(procedure)));
    return requests.ask(actor, version, procedure.code);
  }

  /**
   * Another administrator's decision on a request to publish (publish-requests.ts).
   * @throws NotFoundError `publish_request_missing`; NotAllowedError `publish_own_request`; InputError `reason_required`
   */
  async function decidePublish(actor: Account, versionId: string, decision: 'approve' | 'reject', reason?: string) {
    requireAdmin(actor);
    return requests.decide(actor, versionId, decision, reason);
  }

  /** Retires the published version: the procedure leaves the catalogue; running dossiers finish on it. */
  async function retire(actor: Account, versionId: string) {
    requireAdmin(actor);
    return db.transaction(async (tx) => {
      const retired = await repo.retireVersion({ db: tx, id: versionId });
      if (!retired)
        throw new ConflictError('not_published', msg('Chỉ phiên bản đang áp dụng mới có thể ngừng áp dụng.', 'Only the published version can be retired.'));
      await recordChange({
        db: tx,
        change: { actor, entity: 'procedure', entityId: versionId, action: 'retired', before: null, after: { version: retired.version } },
      });
      return retired;
    });
  }

  /** Throws a draft away. */
  async function discard(actor: Account, versionId: string) {
    requireAdmin(actor);
    if (!(await repo.deleteDraft({ db, id: versionId }))) throw notDraft();
  }

  /** What changed from one version to another: a summary and unified diffs of the model, forms and data. */
  async function diff(actor: Account, fromId: string, toId: string): Promise<VersionDiff> {
    requireAdmin(actor);
    const [a, b] = await Promise.all([requireVersion(fromId), requireVersion(toId)]);
    if (a.version.procedureId !== b.version.procedureId)
      throw new InputError(
        'diff_other_procedure',
        msg('Chỉ so sánh được hai phiên bản của cùng một thủ tục.', 'Only versions of one procedure can be compared.'),
      );
    const compared = (x: typeof a) => ({
      id: x.version.id,
      version: x.version.version,
      processKey: x.version.processKey,
      content: contentOf(x.version, fallbackData(x.procedure)),
    });
    return diffVersions(compared(a), compared(b));
  }

  const requests = createPublishRequests({ db, currentVersion: async (id) => (await requireVersion(id)).version, deployDraft });

  return { list, get, create, openDraft, save, importFiles, files, check, publish, decidePublish, retire, discard, diff };
}

function notDraft() {
  return new ConflictError(
    'not_a_draft',
    msg('Phiên bản này không còn là bản nháp: hãy mở bản nháp mới.', 'This version is no longer a draft: open a new draft.'),
  );
}

export type StudioService = ReturnType<typeof createStudioService>;
