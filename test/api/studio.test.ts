/**
 * The procedure studio through the api, on the real engine: a procedure created from the template and
 * published; publishing refused, pointing at the element, for each kind of broken model or form; a second
 * version published while a dossier of the first is in handling, both finishing on their own version; diff,
 * export and import; a procedure handled by another unit than the receiving one (liên thông: the competent
 * unit or a named one, with a cooperating agency's opinion), and the units refused for it.
 */
import { expect } from 'chai';
import { login, type Session } from '../support/http.ts';
import { decide, samplePdf, submit, untilStatus } from '../support/dossiers.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import { completeCatalogue } from '../support/studio.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

const CODE = '9.100001';

/** Reads a response body as text, whatever its media type. */
function text(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: string) => void) {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (body += c));
  res.on('end', () => done(null, body));
}

/** The user tasks of a model: candidate groups and unit rule (motcua.unitRule) of each, by id. */
function userTasks(xml: string): Record<string, { candidateGroups: string | undefined; unitRule: string | undefined }> {
  const out: Record<string, { candidateGroups: string | undefined; unitRule: string | undefined }> = {};
  for (const m of xml.matchAll(/<bpmn:userTask ([^>]*)>([\s\S]*?)<\/bpmn:userTask>/g)) {
    const id = /\bid="([^"]+)"/.exec(m[1]!)![1]!;
    out[id] = {
      candidateGroups: /camunda:candidateGroups="([^"]+)"/.exec(m[1]!)?.[1],
      unitRule: /<camunda:property name="motcua\.unitRule" value="([^"]+)"/.exec(m[2]!)?.[1],
    };
  }
  return out;
}

function application(name = 'Phạm Văn Dũng') {
  return {
    applicant: { fullName: name, idNumber: '079090000123', phone: '0912345678', address: 'Phường Bến Thành, Thành phố Hồ Chí Minh' },
    request: 'Xác nhận tình trạng hôn nhân để đăng ký kết hôn',
  };
}

describe('the procedure studio (api)', function () {
  this.timeout(120_000);
  let admin: Session;
  let citizen: Session;
  let worker: WorkerHandle;
  let procedureId: string;
  let v1: string;

  before(async () => {
    worker = startTestWorker();
    [admin, citizen] = await Promise.all([login('quantri'), login('congdan')]);
  });
  after(() => worker.stop());

  async function publishFails(draftId: string, change: Record<string, unknown>) {
    await admin.put(`/api/admin/procedure-versions/${draftId}`).send(change).expect(200);
    const res = await admin.post(`/api/admin/procedure-versions/${draftId}/publish`).expect(400);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body.code).to.equal('procedure_check_failed');
    const version = (await admin.get(`/api/admin/procedure-versions/${draftId}`).expect(200)).body.version;
    expect(version.status, 'nothing broken is deployed').to.equal('draft');
    expect(version.engineDeploymentId).to.equal(null);
    return res.body.errors as { elementId?: string; formId?: string; componentId?: string; code: string; message: { vi: string; en: string } }[];
  }

  it('creates a procedure from the one-stop template; it goes live only once its papers, fees (or free) and legal basis are stated, then publishes to the engine', async () => {
    const created = await admin
      .post('/api/admin/procedures')
      .send({ code: CODE, name: 'Thủ tục thử nghiệm của xưởng thiết kế', field: 'Hộ tịch', timeLimit: { value: 3, unit: 'working_days' } })
      .expect(201);
    procedureId = created.body.procedure.id;
    v1 = created.body.version.id;
    expect(created.body.version.status).to.equal('draft');
    expect(created.body.version.stepAllowances).to.deep.equal({
      reception: { value: 4, unit: 'working_hours' },
      review: { value: 2, unit: 'working_days' },
      approval: { value: 1, unit: 'working_days' },
    });
    // the template's catalogue states no papers, fees nor legal basis: each is missing, in words, and nothing else
    type Found = { severity: string; rule: string; area: string; message: { vi: string; en: string } };
    const missing = (await admin.get(`/api/admin/procedure-versions/${v1}/check`).expect(200)).body.problems.filter((p: Found) => p.severity === 'error');
    expect(missing.map((p: Found) => p.rule)).to.deep.equal([
      'motcua/go-live-papers',
      'motcua/go-live-fees-in_person',
      'motcua/go-live-fees-online',
      'motcua/go-live-legal-basis',
    ]);
    expect(missing.every((p: Found) => p.area === 'catalogue')).to.equal(true);
    expect(missing.map((p: Found) => p.message.vi).join(' '))
      .to.contain('thành phần hồ sơ')
      .and.contain('«Trực tuyến» chưa có phí, lệ phí')
      .and.contain('căn cứ pháp lý');
    const refused = await admin.post(`/api/admin/procedure-versions/${v1}/publish`).expect(400);
    expect(refused.body.code).to.equal('procedure_check_failed');
    expect(refused.body.errors.map((e: { code: string }) => e.code)).to.include('motcua/go-live-legal-basis');
    await completeCatalogue(admin, v1);
    const check = await admin.get(`/api/admin/procedure-versions/${v1}/check`).expect(200);
    expect(check.body.problems.filter((p: { severity: string }) => p.severity === 'error')).to.deep.equal([]);
    // not in the catalogue before it is published
    await citizen.get(`/api/procedures/${CODE}`).expect(404);
    const published = await admin.post(`/api/admin/procedure-versions/${v1}/publish`).expect(200);
    expect(published.body.version.status).to.equal('published');
    const definitions = await platform().services.engine.processDefinitions({ deploymentId: published.body.version.engineDeploymentId });
    expect(definitions.map((d) => d.id)).to.deep.equal([published.body.version.engineProcessDefinitionId]);
    await citizen.get(`/api/procedures/${CODE}`).expect(200);
    // a second copy of the code is refused
    const again = await admin
      .post('/api/admin/procedures')
      .send({ code: CODE, name: 'Trùng mã', field: 'Hộ tịch', timeLimit: { value: 3, unit: 'working_days' } })
      .expect(409);
    expect(again.body.code).to.equal('procedure_exists');
  });

  it('lets only administrators into the studio, and checks what they send', async () => {
    const res = await citizen.get('/api/admin/procedures').expect(403);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    const bad = await admin
      .post('/api/admin/procedures')
      .send({ code: 'abc', name: 'x', field: '', timeLimit: { value: -1, unit: 'weeks' } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).to.include.members(['code', 'timeLimit.value', 'timeLimit.unit']);
  });

  it('refuses to publish, pointing at the element, an unknown topic, a user task without form, a malformed timer, a form outside the form-js schema and XML with an external entity', async () => {
    const draft = (await admin.post(`/api/admin/procedures/${procedureId}/draft`).expect(200)).body;
    const good: { bpmnXml: string; forms: Record<string, { components: unknown[] }>; applicationFormId: string } = draft;

    let errors = await publishFails(draft.id, { bpmnXml: good.bpmnXml.replace('camunda:topic="signing"', 'camunda:topic="print-and-post"') });
    expect(errors.find((e) => e.code === 'motcua/external-task-topic')).to.include({ elementId: 'sign' });

    errors = await publishFails(draft.id, { bpmnXml: good.bpmnXml.replace(' camunda:formRef="motcua-review" camunda:formRefBinding="deployment"', '') });
    const noForm = errors.find((e) => e.code === 'motcua/user-task');
    expect(noForm).to.include({ elementId: 'review' });
    expect(noForm!.message.vi).to.contain('biểu mẫu');

    errors = await publishFails(draft.id, { bpmnXml: good.bpmnXml.replace('${reviewWarnAt}</bpmn:timeDate>', 'thứ ba tuần sau</bpmn:timeDate>') });
    expect(errors.find((e) => e.code === 'motcua/timer-expression')).to.include({ elementId: 'review_warn' });

    const forms = structuredClone(good.forms);
    forms[good.applicationFormId]!.components.push(
      { type: 'textfield', id: 'f_nokey', label: 'Trường không có khóa' },
      { type: 'signature-pad', id: 'f_pad', key: 'pad' },
    );
    errors = await publishFails(draft.id, { bpmnXml: good.bpmnXml, forms });
    expect(errors.filter((e) => e.code === 'motcua/form-js-schema').map((e) => e.componentId)).to.include.members(['f_nokey', 'f_pad']);
    expect(errors.every((e) => e.code !== 'motcua/form-js-schema' || e.formId === good.applicationFormId)).to.equal(true);

    const xxe = good.bpmnXml
      .replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bpmn:definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>',
      )
      .replace('name="Tiếp nhận hồ sơ"', 'name="&secret;"');
    errors = await publishFails(draft.id, { bpmnXml: xxe, forms: good.forms });
    expect(errors.map((e) => e.code)).to.include('motcua/xml');
    expect(JSON.stringify(errors)).not.to.contain('root:');

    // mended, the same draft publishes
    await admin.put(`/api/admin/procedure-versions/${draft.id}`).send({ bpmnXml: good.bpmnXml, forms: good.forms }).expect(200);
    await admin.delete(`/api/admin/procedure-versions/${draft.id}`).expect(204);
  });

  it('lets through only the expressions motcua generates: Java through JUEL, a script condition and an expression in an input parameter are refused at check and publish, pointing at the element', async () => {
    const draft = (await admin.post(`/api/admin/procedures/${procedureId}/draft`).expect(200)).body;
    const good = draft.bpmnXml as string;
    const accept =
      /<bpmn:sequenceFlow id="(f_accept)"[^>]*>\s*<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">([^<]*)<\/bpmn:conditionExpression>/.exec(good)!;
    expect(accept, 'the template has its accept flow').to.not.equal(null);
    const condition = (xml: string) => good.replace(accept[0], accept[0].replace(accept[2]!, xml));

    // the probe's findings, as it sent them
    const juel = condition('${"".getClass().forName("java.lang.Runtime").getMethod("getRuntime").invoke(null).exec("id") != null}'.replace(/"/g, '&quot;'));
    let errors = await publishFails(draft.id, { bpmnXml: juel });
    const java = errors.find((e) => e.code === 'motcua/expressions');
    expect(java, JSON.stringify(errors)).to.include({ elementId: 'f_accept' });
    expect(java!.message.vi).to.contain('Biểu thức không được phép');
    // the check the studio shows says the same before publishing
    const check = (await admin.get(`/api/admin/procedure-versions/${draft.id}/check`).expect(200)).body;
    expect(JSON.stringify(check)).to.contain('motcua/expressions');

    const script = good.replace(
      accept[0],
      accept[0]
        .replace('xsi:type="bpmn:tFormalExpression">', 'xsi:type="bpmn:tFormalExpression" language="javascript">')
        .replace(accept[2]!, 'java.lang.System.exit(1)'),
    );
    errors = await publishFails(draft.id, { bpmnXml: script });
    expect(errors.find((e) => e.code === 'motcua/expressions' && /javascript/.test(e.message.en))).to.include({ elementId: 'f_accept' });

    const input = good.replace(
      '<camunda:inputParameter name="slaLevel">late</camunda:inputParameter>',
      '<camunda:inputParameter name="slaLevel">${execution.getProcessEngineServices().getRuntimeService()}</camunda:inputParameter>',
    );
    expect(input).to.not.equal(good);
    errors = await publishFails(draft.id, { bpmnXml: input });
    expect(
      errors.find((e) => e.code === 'motcua/expressions' && /InputParameter/.test(e.message.en)),
      JSON.stringify(errors),
    )
      .to.have.property('elementId')
      .that.is.a('string');

    // property access and a deferred #{} are refused too; what motcua writes passes
    errors = await publishFails(draft.id, { bpmnXml: condition('#{receptionDecision.bytes != null}') });
    expect(errors.map((e) => e.code)).to.include('motcua/expressions');
    await admin
      .put(`/api/admin/procedure-versions/${draft.id}`)
      .send({ bpmnXml: condition("${receptionDecision == 'accept' && !(receptionDecision eq 'refuse')}") })
      .expect(200);
    const fine = (await admin.get(`/api/admin/procedure-versions/${draft.id}/check`).expect(200)).body;
    expect(JSON.stringify(fine)).not.to.contain('motcua/expressions');
    await admin.delete(`/api/admin/procedure-versions/${draft.id}`).expect(204);
  });

  it('publishes a second version while a dossier of the first is in handling; each dossier finishes on its own version', async () => {
    const [reception, specialist, leader] = await Promise.all([login('tiepnhan.benthanh'), login('chuyenvien.benthanh'), login('lanhdao.benthanh')]);
    const files = [{ field: 'documents', name: 'cccd.pdf', content: samplePdf('CCCD') }];
    const first = (await submit(citizen, { procedureCode: CODE, data: application(), files }).expect(201)).body.id as string;
    await decide(reception, first, 'reception', { decision: 'accept' });
    await untilStatus(citizen, first, 2);

    // version 2: a new field on the application form, a shorter review
    const draft = (await admin.post(`/api/admin/procedures/${procedureId}/draft`).expect(200)).body;
    expect(draft.version).to.equal(2);
    const forms = structuredClone(draft.forms);
    forms[draft.applicationFormId].components.push({
      type: 'textfield',
      id: 'f_purpose',
      key: 'purpose',
      label: 'Mục đích sử dụng',
      validate: { required: true, maxLength: 500 },
    });
    await admin
      .put(`/api/admin/procedure-versions/${draft.id}`)
      .send({ forms, stepAllowances: { ...draft.stepAllowances, review: { value: 1, unit: 'working_days' } } })
      .expect(200);
    const diff = await admin.get(`/api/admin/procedure-versions/${draft.id}/diff?against=${v1}`).expect(200);
    expect(diff.body.summary.map((s: { en: string }) => s.en)).to.include.members([
      `Form ${draft.applicationFormId}: field added "purpose"`,
      'Allowance of review: 2 working days → 1 working day',
    ]);
    expect(diff.body.files.map((f: { name: string }) => f.name)).to.include(`${draft.applicationFormId}.form`);
    const v2 = (await admin.post(`/api/admin/procedure-versions/${draft.id}/publish`).expect(200)).body.version;
    const shown = (await admin.get(`/api/admin/procedure-versions/${v1}`).expect(200)).body;
    expect(shown.version.status).to.equal('retired');
    expect(shown.procedure.versions.map((x: { version: number; status: string }) => [x.version, x.status])).to.deep.equal([
      [2, 'published'],
      [1, 'retired'],
    ]);

    // a new dossier needs the new field, and runs on version 2
    const refused = await submit(citizen, { procedureCode: CODE, data: application(), files }).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).to.include('purpose');
    const second = (await submit(citizen, { procedureCode: CODE, data: { ...application('Lê Thị Hoa'), purpose: 'Kết hôn' }, files }).expect(201)).body
      .id as string;

    // both finish
    await decide(specialist, first, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, first, 'approval', { decision: 'approve', note: 'Đồng ý' });
    await decide(reception, second, 'reception', { decision: 'accept' });
    await decide(specialist, second, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, second, 'approval', { decision: 'approve', note: 'Đồng ý' });
    const [d1, d2] = await Promise.all([untilStatus(citizen, first, 10), untilStatus(citizen, second, 10)]);
    const rows = await platform().db('dossiers').whereIn('id', [first, second]).select('id', 'procedure_version_id', 'process_instance_id');
    const versionOf = (id: string) => rows.find((r: { id: string }) => r.id === id)!.procedure_version_id;
    expect(versionOf(first)).to.equal(v1);
    expect(versionOf(second)).to.equal(v2.id);
    const engine = platform().services.engine;
    const [h1, h2] = await Promise.all([d1, d2].map((d) => engine.historicProcessInstance(d.timeline[0].data.processInstanceId)));
    expect(h1!.processDefinitionId).to.equal((await admin.get(`/api/admin/procedure-versions/${v1}`)).body.version.engineProcessDefinitionId);
    expect(h2!.processDefinitionId).to.equal(v2.engineProcessDefinitionId);
  });

  it('exports a version as .bpmn and .form files and imports them into a draft', async () => {
    const list = (await admin.get(`/api/admin/procedure-versions/${v1}/files`).expect(200)).body.items as { name: string }[];
    expect(list.map((f) => f.name)).to.include.members(['p_9_100001.bpmn', 'p-9-100001-application.form', 'motcua-review.form']);
    const bpmn = await admin
      .get(`/api/admin/procedure-versions/${v1}/files/p_9_100001.bpmn`)
      .buffer(true)
      .parse(text as never)
      .expect(200);
    expect(bpmn.headers['content-disposition']).to.contain('attachment');
    const form = await admin
      .get(`/api/admin/procedure-versions/${v1}/files/p-9-100001-application.form`)
      .buffer(true)
      .parse(text as never)
      .expect(200);
    const draft = (await admin.post(`/api/admin/procedures/${procedureId}/draft`).expect(200)).body;
    expect(bpmn.body as string).to.match(/^<\?xml/);
    const imported = await admin
      .post(`/api/admin/procedure-versions/${draft.id}/import`)
      .send({
        files: [
          { name: 'p_9_100001.bpmn', content: bpmn.body as string },
          { name: 'p-9-100001-application.form', content: form.body as string },
        ],
      })
      .expect(200);
    expect(imported.body.forms['p-9-100001-application'].components.some((c: { key?: string }) => c.key === 'purpose')).to.equal(false);
    const wrong = await admin
      .post(`/api/admin/procedure-versions/${draft.id}/import`)
      .send({ files: [{ name: 'notes.txt', content: 'x' }] })
      .expect(400);
    expect(wrong.body.code).to.equal('import_unreadable');
    // an imported form's id follows the pattern of a saved one (it names files and the model's form references)
    for (const id of ['../../etc/passwd', 'bieu mau', '<script>', 'x'.repeat(101)]) {
      const badId = await admin
        .post(`/api/admin/procedure-versions/${draft.id}/import`)
        .send({ files: [{ name: 'f.form', content: JSON.stringify({ ...JSON.parse(form.body as string), id }) }] });
      expect(badId.status, id).to.equal(400);
      expect(badId.body.code).to.equal('import_form_id_invalid');
    }
    expect(Object.keys((await admin.get(`/api/admin/procedure-versions/${draft.id}`).expect(200)).body.version.forms)).to.deep.equal(
      Object.keys(imported.body.forms),
    );
    await admin.delete(`/api/admin/procedure-versions/${draft.id}`).expect(204);
  });

  describe('a procedure handled by another unit than the receiving one (liên thông)', () => {
    const newProcedure = (code: string, more: Record<string, unknown>) => ({
      code,
      name: 'Thủ tục liên thông của xưởng thiết kế',
      field: 'Hoạt động xây dựng',
      timeLimit: { value: 5, unit: 'working_days' },
      ...more,
    });

    it("sends review and approval to the unit competent for the procedure's field and asks a named agency's opinion before approval; the draft passes the check, publishes, and a dossier received at the centre goes through each agency", async () => {
      const created = await admin
        .post('/api/admin/procedures')
        .send(newProcedure('9.100002', { handlingUnit: 'competent', opinionUnit: '000.16.00.H29' }))
        .expect(201);
      const version = created.body.version;
      expect(userTasks(version.bpmnXml)).to.deep.equal({
        reception: { candidateGroups: 'receiving_officer:${orgUnitId}', unitRule: undefined },
        review: { candidateGroups: 'specialist:${unit_review}', unitRule: 'competent' },
        opinion: { candidateGroups: 'specialist:${unit_opinion}', unitRule: 'named:000.16.00.H29' },
        approval: { candidateGroups: 'leader:${unit_approval}', unitRule: 'competent' },
      });
      // the opinion comes after the review and before the approval, with its own allowance within the limit
      expect(version.bpmnXml).to.match(/<bpmn:sequenceFlow id="f_review_ok"[^>]*targetRef="opinion"/);
      expect(version.bpmnXml).to.match(/<bpmn:sequenceFlow id="f_opinion_ok"[^>]*targetRef="approval"/);
      expect(version.stepAllowances).to.deep.equal({
        reception: { value: 4, unit: 'working_hours' },
        review: { value: 3, unit: 'working_days' },
        opinion: { value: 1, unit: 'working_days' },
        approval: { value: 1, unit: 'working_days' },
      });
      expect(version.procedureData.catalogue.steps).to.include(`${platform().demo!.firePolice.name} cho ý kiến`);
      await completeCatalogue(admin, version.id);
      const check = await admin.get(`/api/admin/procedure-versions/${version.id}/check`).expect(200);
      expect(check.body.problems.filter((p: { severity: string }) => p.severity === 'error')).to.deep.equal([]);
      const published = await admin.post(`/api/admin/procedure-versions/${version.id}/publish`).expect(200);
      expect(published.body.version.status).to.equal('published');

      const [centre, construction, fire, constructionLead] = await Promise.all(
        ['tiepnhan.trungtam', 'chuyenvien.xaydung', 'chuyenvien.pccc', 'lanhdao.xaydung'].map((u) => login(u)),
      );
      const files = [{ field: 'documents', name: 'don.pdf', content: samplePdf('Don de nghi') }];
      const res = await submit(citizen, { procedureCode: '9.100002', unitId: platform().demo!.centre.id, data: application(), files });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const id = res.body.id as string;
      await decide(centre!, id, 'reception', { decision: 'accept' });
      await decide(construction!, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
      await decide(fire!, id, 'opinion', { decision: 'approve', opinion: 'Không có ý kiến khác' });
      await decide(constructionLead!, id, 'approval', { decision: 'approve', note: 'Đồng ý' });
      await untilStatus(citizen, id, 10, 60_000);
    });

    it('sends review and approval to a named unit; the reception stays with the receiving unit; it publishes', async () => {
      const created = await admin
        .post('/api/admin/procedures')
        .send(newProcedure('9.100003', { handlingUnit: 'named:000.15.00.H29' }))
        .expect(201);
      const version = created.body.version;
      expect(userTasks(version.bpmnXml)).to.deep.equal({
        reception: { candidateGroups: 'receiving_officer:${orgUnitId}', unitRule: undefined },
        review: { candidateGroups: 'specialist:${unit_review}', unitRule: 'named:000.15.00.H29' },
        approval: { candidateGroups: 'leader:${unit_approval}', unitRule: 'named:000.15.00.H29' },
      });
      expect(version.procedureData.catalogue.competentAgency).to.equal(platform().demo!.construction.name);
      await completeCatalogue(admin, version.id);
      const published = await admin.post(`/api/admin/procedure-versions/${version.id}/publish`).expect(200);
      expect(published.body.version.status).to.equal('published');
    });

    it('refuses a centre, an unknown unit, a malformed rule, a field no unit handles and the handling unit as its own cooperating agency, saying which field; nothing is created', async () => {
      const refused = async (more: Record<string, unknown>, code: string, field: string) => {
        const res = await admin.post('/api/admin/procedures').send(newProcedure('9.100004', more)).expect(400);
        expect(res.headers['content-type']).to.match(/application\/problem\+json/);
        expect(res.body.code, JSON.stringify(res.body)).to.equal(code);
        const problem = (res.body.errors as { field: string; message: { vi: string; en: string } }[]).find((e) => e.field === field);
        expect(problem, JSON.stringify(res.body)).to.not.equal(undefined);
        return problem!.message;
      };
      const centre = await refused({ handlingUnit: 'named:000.27.10.H29' }, 'handling_unit_is_centre', 'handlingUnit');
      expect(centre.vi).to.contain('trung tâm phục vụ hành chính công');
      expect(centre.en).to.contain('service centre');
      const unknown = await refused({ handlingUnit: 'named:000.99.00.H29' }, 'handling_unit_unknown', 'handlingUnit');
      expect(unknown.vi).to.contain('000.99.00.H29');
      await refused({ opinionUnit: '000.27.10.H29' }, 'opinion_unit_is_centre', 'opinionUnit');
      await refused({ handlingUnit: 'competent', opinionUnit: '000.98.00.H29' }, 'opinion_unit_unknown', 'opinionUnit');
      await refused({ handlingUnit: 'named:000.15.00.H29', opinionUnit: '000.15.00.H29' }, 'opinion_unit_is_handling_unit', 'opinionUnit');
      await refused({ handlingUnit: 'competent', field: 'Lĩnh vực không đơn vị nào giải quyết' }, 'no_competent_unit', 'handlingUnit');
      await refused({ handlingUnit: 'named:Sở Xây dựng' }, 'request_invalid', 'handlingUnit');
      await refused({ handlingUnit: 'competent:Hộ tịch' }, 'request_invalid', 'handlingUnit');
      await refused({ opinionUnit: 'named:000.16.00.H29' }, 'request_invalid', 'opinionUnit');
      const list = (await admin.get('/api/admin/procedures').expect(200)).body.items as { code: string }[];
      expect(list.map((p) => p.code)).not.to.include('9.100004');
    });
  });
});
