/**
 * Procedures: publication (model + forms deployed to the engine as one deployment, the version recorded
 * with the engine's ids) and the published catalogue. A dossier keeps the version it started with, so
 * versions are immutable once published; a changed package becomes a new version.
 */
import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from '../db/db.ts';
import type { EngineClient } from '../engine/engine.client.ts';
import { NotFoundError, msg } from '../errors/errors.ts';
import { validatorFor, type FormValidator } from '../forms/form-validation.ts';
import { moduleLogger } from '../logging/logger.ts';
import { foldVietnamese } from '../text/search.ts';
import { translationsFor, type Translations } from './translations.ts';
import { parseProcessModel, type ProcessModel, type ProcessStep } from './bpmn-model.ts';
import { checkVersion } from './procedure-check.ts';
import type { ProcedurePackage } from './procedure-package.ts';
import * as repo from './procedures.repository.ts';
import type { Procedure, ProcedureVersion } from './procedures.repository.ts';

const log = moduleLogger('procedures');

export type { Procedure, ProcedureVersion };

/** A published version with what the services need from it, parsed once. */
export interface LoadedVersion {
  procedure: Procedure;
  version: ProcedureVersion;
  model: ProcessModel;
  applicationForm: FormValidator;
  step(key: string): ProcessStep | undefined;
  formOf(step: ProcessStep): FormValidator | undefined;
}

function contentHash(pkg: ProcedurePackage): string {
  const canonical = JSON.stringify({
    bpmn: pkg.bpmnXml,
    forms: Object.keys(pkg.forms)
      .sort()
      .map((k) => [k, pkg.forms[k]]),
    timeLimit: pkg.timeLimit,
    stepAllowances: pkg.stepAllowances,
    result: pkg.resultTemplate,
    applicationForm: pkg.applicationFormId,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export function createProceduresService({ db, engine }: { db: Db; engine: EngineClient }) {
  const loaded = new Map<string, Promise<LoadedVersion>>();

  async function load(procedure: Procedure, version: ProcedureVersion): Promise<LoadedVersion> {
    const model = await parseProcessModel(version.bpmnXml);
    // field names in English messages from the procedure's English texts
    const english = translationsFor(procedure.catalogue as { translations?: Translations }, 'en');
    const applicationForm = validatorFor(version.forms[version.applicationFormId]!, english);
    return {
      procedure,
      version,
      model,
      applicationForm,
      step: (key) => model.steps.find((s) => s.key === key),
      formOf: (step) => (step.formId && version.forms[step.formId] ? validatorFor(version.forms[step.formId]!) : undefined),
    };
  }

  /** A version, parsed and cached (versions never change once published). */
  function loadVersion(versionId: string, tx: DbOrTx = db): Promise<LoadedVersion> {
    let p = loaded.get(versionId);
    if (!p) {
      p = (async () => {
        const version = await repo.findVersion({ db: tx, id: versionId });
        if (!version) throw new NotFoundError('procedure_version_not_found', msg('Không tìm thấy phiên bản thủ tục.', 'Procedure version not found.'));
        const procedure = (await repo.findProcedureById({ db: tx, id: version.procedureId }))!;
        return load(procedure, version);
      })();
      p.catch(() => loaded.delete(versionId));
      loaded.set(versionId, p);
    }
    return p;
  }

  /**
   * Deploys a model and its forms to the engine as one deployment (so `formRefBinding="deployment"` finds
   * the forms) and returns the ids of the deployment and of the process definition.
   *
   * Idempotent: the deployment is named after the procedure's version and the engine filters duplicates, so a
   * publish whose transaction did not commit after the engine deployed (a crash, a lost answer) finds the
   * same deployment when it is tried again instead of leaving a second one behind.
   */
  async function deploy(
    d: { code: string; versionNo: number; processKey: string; bpmnFileName: string; bpmnXml: string; forms: Record<string, unknown> },
    source: string,
  ): Promise<{ deploymentId: string; definitionId: string }> {
    const deployment = await engine.deploy({
      name: `${d.code} v${d.versionNo}`,
      source,
      files: [
        { name: d.bpmnFileName, content: d.bpmnXml },
        ...Object.entries(d.forms).map(([id, f]) => ({ name: `${id}.form`, content: JSON.stringify(f, null, 2) })),
      ],
      duplicateFiltering: true,
    });
    // (a deployment found again lists no newly deployed definitions: they are looked up)
    const listed = Object.values(deployment.deployedProcessDefinitions ?? {});
    const definitions = listed.length ? listed : await engine.processDefinitions({ deploymentId: deployment.id });
    const definition = definitions.find((x) => x.key === d.processKey);
    if (!definition) throw new Error(`deployment ${deployment.id} holds no process ${d.processKey}`);
    return { deploymentId: deployment.id, definitionId: definition.id };
  }

  /**
   * Publishes a seeded procedure package at start. Nothing happens when the file holds what was seeded last:
   * a version an administrator published (or retired) in the studio since then stands. A changed file is
   * deployed and published as a new version.
   */
  async function publishPackage(pkg: ProcedurePackage, source = 'motcua'): Promise<{ version: ProcedureVersion; deployed: boolean }> {
    const hash = contentHash(pkg);
    const procedureData = { name: pkg.name, nameEn: pkg.nameEn ?? null, field: pkg.field, catalogue: pkg.catalogue };
    return db.transaction(async (tx) => {
      // one publisher per procedure at a time, across processes
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`motcua.publish.${pkg.code}`]);
      let procedure = await repo.findProcedureByCode({ db: tx, code: pkg.code });
      const seeded = procedure && (await repo.latestSeeded({ db: tx, procedureId: procedure.id }));
      if (procedure && seeded && seeded.contentHash === hash) {
        const published = await repo.publishedVersion({ db: tx, procedureId: procedure.id });
        // catalogue wording may change without a new version while the seeded version is the one in force
        if (published?.id === seeded.id) await repo.upsertProcedure({ db: tx, procedure: { code: pkg.code, ...procedureData } });
        return { version: published ?? seeded, deployed: false };
      }
      // nothing broken is ever deployed, seeded or from the studio: the same check
      const problems = (
        await checkVersion({
          procedureData,
          bpmnXml: pkg.bpmnXml,
          applicationFormId: pkg.applicationFormId,
          forms: pkg.forms,
          timeLimit: pkg.timeLimit,
          stepAllowances: pkg.stepAllowances,
          resultTemplate: pkg.resultTemplate,
        })
      ).filter((p) => p.severity === 'error');
      if (problems.length) throw new Error(`procedure ${pkg.code} fails its check: ${problems.map((p) => p.message.en).join('; ')}`);
      procedure = await repo.upsertProcedure({ db: tx, procedure: { code: pkg.code, ...procedureData } });
      const latest = await repo.latestVersion({ db: tx, procedureId: procedure.id });
      const draft = await repo.draftOf({ db: tx, procedureId: procedure.id });
      const versionNo = (latest?.version ?? 0) + 1;
      const { deploymentId, definitionId } = await deploy(
        { code: pkg.code, versionNo, processKey: pkg.model.processId, bpmnFileName: pkg.bpmnFileName, bpmnXml: pkg.bpmnXml, forms: pkg.forms },
        source,
      );
      const version = await repo.insertPublishedVersion({
        db: tx,
        version: {
          procedureId: procedure.id,
          version: versionNo,
          processKey: pkg.model.processId,
          bpmnXml: pkg.bpmnXml,
          applicationFormId: pkg.applicationFormId,
          forms: pkg.forms,
          timeLimit: pkg.timeLimit,
          stepAllowances: pkg.stepAllowances,
          resultTemplate: pkg.resultTemplate,
          contentHash: hash,
          engineDeploymentId: deploymentId,
          engineProcessDefinitionId: definitionId,
          procedureData,
          source: 'seed',
          createdBy: null,
        },
      });
      // an open draft stays the next version
      if (draft)
        await tx('procedure_versions')
          .where({ id: draft.id })
          .update({ version: versionNo + 1 });
      log.info({ action: 'published', procedureCode: pkg.code, version: versionNo, deploymentId }, 'procedure published');
      return { version, deployed: true };
    });
  }

  /** The published version of a procedure. @throws NotFoundError `procedure_not_found` */
  async function publishedByCode(code: string): Promise<LoadedVersion> {
    // one statement for the id (what is in force changes); the version itself is parsed once per process
    const versionId = await repo.publishedVersionId({ db, code });
    if (!versionId) throw new NotFoundError('procedure_not_found', msg(`Không tìm thấy thủ tục ${code} đang áp dụng.`, `No published procedure ${code}.`));
    return loadVersion(versionId);
  }

  /**
   * The published catalogue filtered by a query and by field, agency and online level, with the values each filter
   * can take. The query's words are looked for as citizens type them (procedures.repository `searchPublished`):
   * with or without diacritics, in any order, run together or with a small slip; the procedures matching the
   * most of them first, those matching fewer than half left out. When none matches, the nearest names are
   * suggested.
   */
  async function search(q: { text?: string; field?: string; agency?: string; level?: string }) {
    const all = await repo.listPublished({ db });
    const agencyOf = (p: Procedure) => String((p.catalogue as { implementingAgency?: string }).implementingAgency ?? '');
    const levelOf = (p: Procedure) => String((p.catalogue as { onlineLevel?: string }).onlineLevel ?? '');
    const words = foldVietnamese(q.text ?? '')
      .split(' ')
      .filter(Boolean)
      .slice(0, 12);
    const matches = words.length ? await repo.searchPublished({ db, words }) : [];
    const enough = Math.max(1, Math.ceil(words.length / 2));
    const rank = new Map(matches.filter((m) => m.matched >= enough).map((m) => [m.procedureId, m]));
    const items = all
      .filter(
        ({ procedure: p }) =>
          (!words.length || rank.has(p.id)) &&
          (!q.field || p.field === q.field) &&
          (!q.agency || agencyOf(p) === q.agency) &&
          (!q.level || levelOf(p) === q.level),
      )
      .sort((a, b) => {
        const [x, y] = [rank.get(a.procedure.id), rank.get(b.procedure.id)];
        return (y?.matched ?? 0) - (x?.matched ?? 0) || (y?.score ?? 0) - (x?.score ?? 0) || a.procedure.code.localeCompare(b.procedure.code);
      });
    const nearest = words.length && !items.length ? await repo.nearestPublished({ db, text: words.join(' '), limit: 3 }) : [];
    const suggestions = nearest.map((id) => all.find((x) => x.procedure.id === id)!.procedure);
    const distinct = (f: (p: Procedure) => string) => [...new Set(all.map((x) => f(x.procedure)).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'vi'));
    return { items, suggestions, facets: { fields: distinct((p) => p.field), agencies: distinct(agencyOf), levels: distinct(levelOf) } };
  }

  /** Code and names of the procedures of these versions, by version id (for lists). */
  async function namesOfVersions(versionIds: string[]): Promise<Map<string, { code: string; name: string; nameEn: string | null }>> {
    if (!versionIds.length) return new Map();
    const rows = await db('procedure_versions as v')
      .join('procedures as p', 'p.id', 'v.procedure_id')
      .whereIn('v.id', [...new Set(versionIds)])
      .select('v.id', 'p.code', 'p.name', 'p.name_en');
    return new Map(
      rows.map((r: { id: string; code: string; name: string; name_en: string | null }) => [r.id, { code: r.code, name: r.name, nameEn: r.name_en }]),
    );
  }

  return {
    namesOfVersions,
    deploy,
    publishPackage,
    publishedByCode,
    loadVersion,
    search,
    listPublished: () => repo.listPublished({ db }),
  };
}

export type ProceduresService = ReturnType<typeof createProceduresService>;
