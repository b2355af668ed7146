/**
 * Provide once (issue 15 §4): what a citizen gives with an application and the results issued to them are kept as
 * their papers, and a later application names a paper again instead of uploading it: the same stored file,
 * its hash checked against the one recorded. A paper is its owner's alone; a paper whose content changed is refused.
 */
import { expect } from 'chai';
import supertest from 'supertest';
import { api, login, type Session } from '../support/http.ts';
import { platform } from '../support/platform.ts';
import { BIRTH_REGISTRATION, benThanh, buildBirthRegistration, decide, samplePdf, submit, untilStatus } from '../support/dossiers.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

async function newCitizen(name: string): Promise<Session> {
  const username = `g${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  await supertest(api()).post('/api/auth/register').send({ username, password: 'Papers-Pass-2026', fullName: name }).expect(201);
  return login(username, 'Papers-Pass-2026');
}

interface PaperView {
  id: string;
  kind: string;
  title: string | null;
  fileName: string;
  sha256: string;
  dossierId: string;
  dossierCode: string;
}

const papersOf = async (s: Session): Promise<PaperView[]> => (await s.get('/api/papers').expect(200)).body.items;
const reuse = (s: Session, id: string, fieldKey = 'birthCertificate') =>
  s.post(`/api/papers/${id}/reuse`).send({ procedureCode: BIRTH_REGISTRATION, fieldKey });
const applyWith = (s: Session, value: unknown) =>
  s.post('/api/dossiers').send({ procedureCode: BIRTH_REGISTRATION, orgUnitId: benThanh(), data: { ...buildBirthRegistration(), birthCertificate: [value] } });

describe('provide once: a citizen’s papers', function () {
  let worker: WorkerHandle;
  let citizen: Session;
  let other: Session;

  before(async () => {
    worker = startTestWorker();
    [citizen, other] = await Promise.all([newCitizen('Lý Thị Giấy'), newCitizen('Mai Văn Khác')]);
  });
  after(() => worker.stop());

  it('keeps the files of an online application as papers, once per content, titled by what they were given for', async () => {
    const first = (await submit(citizen, { files: [{ field: 'birthCertificate', name: 'giấy chứng sinh.pdf', content: samplePdf('gcs-lan-1') }] }).expect(201))
      .body;
    let papers = await papersOf(citizen);
    expect(papers).to.have.length(1);
    expect(papers[0]).to.include({ kind: 'attachment', fileName: 'giấy chứng sinh.pdf', dossierId: first.id });
    expect(papers[0]!.title).to.match(/chứng sinh/i);
    // the same content given again stays one paper
    await submit(citizen, { files: [{ field: 'birthCertificate', name: 'ban-sao.pdf', content: samplePdf('gcs-lan-1') }] }).expect(201);
    papers = await papersOf(citizen);
    expect(papers).to.have.length(1);
    // the owner opens it; its bytes are the ones kept
    const file = await citizen.get(`/api/papers/${papers[0]!.id}/file`).expect(200);
    expect(file.headers['content-type']).to.contain('application/pdf');
    expect(file.headers['x-content-sha256']).to.equal(papers[0]!.sha256);
  });

  it('names a paper again in a new application: the same stored file, no upload', async () => {
    const [paper] = await papersOf(citizen);
    const value = (await reuse(citizen, paper!.id).expect(201)).body;
    expect(value).to.include({ fileName: paper!.fileName, sha256: paper!.sha256, mediaType: 'application/pdf' });
    const filesBefore = Number((await platform().db('stored_files').count({ n: '*' }))[0]!.n);
    const dossier = (await applyWith(citizen, value).expect(201)).body;
    const [attachment] = await platform().db('dossier_attachments').where({ dossier_id: dossier.id });
    const kept = await platform().db('citizen_papers').where({ id: paper!.id }).first();
    expect(attachment.file_id).to.equal(kept.file_id);
    expect(attachment.sha256).to.equal(paper!.sha256);
    expect(Number((await platform().db('stored_files').count({ n: '*' }))[0]!.n)).to.equal(filesBefore);
    // it is used now: naming the same value again in another application is refused
    const again = await applyWith(citizen, value);
    expect(again.status).to.equal(400);
    expect(again.body.errors.map((e: { code: string }) => e.code)).to.include('attachment.unknown');
  });

  it('is its owner’s alone: another citizen neither lists, opens nor names it; an officer has no papers', async () => {
    const [paper] = await papersOf(citizen);
    expect(await papersOf(other)).to.deep.equal([]);
    expect((await other.get(`/api/papers/${paper!.id}/file`)).status).to.equal(404);
    const stolen = await reuse(other, paper!.id);
    expect(stolen.status).to.equal(404);
    expect(stolen.headers['content-type']).to.contain('application/problem+json');
    expect(stolen.body.code).to.equal('paper_not_found');
    const officer = await login('tiepnhan.benthanh');
    expect((await officer.get('/api/papers')).status).to.equal(403);
  });

  it('refuses bad requests with a reason: no field, a field the form lacks, a malformed id', async () => {
    const [paper] = await papersOf(citizen);
    const noField = await citizen.post(`/api/papers/${paper!.id}/reuse`).send({ procedureCode: BIRTH_REGISTRATION });
    expect(noField.status).to.equal(400);
    expect(noField.headers['content-type']).to.contain('application/problem+json');
    const wrongField = await reuse(citizen, paper!.id, 'noSuchField');
    expect(wrongField.status).to.equal(400);
    expect(wrongField.body.code).to.equal('form_invalid');
    expect(wrongField.body.errors[0].code).to.equal('attachment.unknown_field');
    expect(wrongField.body.errors[0].message.vi).to.be.a('string').and.not.equal('');
    expect((await citizen.post('/api/papers/not-a-uuid/reuse').send({ procedureCode: BIRTH_REGISTRATION, fieldKey: 'birthCertificate' })).status).to.equal(400);
  });

  it('refuses a paper whose stored content no longer matches its hash, and makes no upload of it', async () => {
    await submit(citizen, { files: [{ field: 'birthCertificate', name: 'se-bi-sua.pdf', content: samplePdf('noi-dung-goc') }] }).expect(201);
    const paper = (await papersOf(citizen)).find((p) => p.fileName === 'se-bi-sua.pdf')!;
    const kept = await platform().db('citizen_papers').where({ id: paper.id }).first();
    await platform()
      .db('stored_files')
      .where({ id: kept.file_id })
      .update({ content: samplePdf('noi-dung-da-sua') });
    const uploadsBefore = Number((await platform().db('uploads').count({ n: '*' }))[0]!.n);
    const res = await reuse(citizen, paper.id);
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('paper_altered');
    expect(res.body.title).to.contain('không còn khớp');
    expect(Number((await platform().db('uploads').count({ n: '*' }))[0]!.n)).to.equal(uploadsBefore);
    expect((await citizen.get(`/api/papers/${paper.id}/file`)).status).to.equal(409);
  });

  const intact = async () => (await papersOf(citizen)).find((p) => p.fileName === 'giấy chứng sinh.pdf')!;

  it('an unused upload made from a paper is purged without taking the paper’s file', async () => {
    const paper = await intact();
    const value = (await reuse(citizen, paper!.id).expect(201)).body;
    await platform()
      .db('uploads')
      .where({ id: value.attachmentId })
      .update({ created_at: new Date(Date.now() - 8 * 86_400_000) });
    await platform().services.uploads.purgeUnused();
    expect(await platform().db('uploads').where({ id: value.attachmentId }).first()).to.equal(undefined);
    await citizen.get(`/api/papers/${paper!.id}/file`).expect(200);
  });

  it('removed from the account, a paper is gone from the list while its dossier keeps the file', async () => {
    const paper = await intact();
    await citizen.delete(`/api/papers/${paper!.id}`).expect(204);
    expect((await papersOf(citizen)).map((p) => p.id)).not.to.include(paper!.id);
    expect((await citizen.delete(`/api/papers/${paper!.id}`)).status).to.equal(404);
    const [attachment] = await platform().db('dossier_attachments').where({ dossier_id: paper!.dossierId });
    await citizen.get(`/api/dossiers/${paper!.dossierId}/attachments/${attachment.id}`).expect(200);
  });

  it('keeps a result returned to the citizen as their paper, the signed file issued', async () => {
    const [desk, specialist, leader] = await Promise.all([login('tiepnhan.benthanh'), login('chuyenvien.benthanh'), login('lanhdao.benthanh')]);
    const id = (await submit(citizen, { files: [{ field: 'birthCertificate', name: 'gcs-ket-qua.pdf', content: samplePdf('gcs-ket-qua') }] }).expect(201)).body
      .id as string;
    await decide(desk, id, 'reception', { decision: 'accept' });
    await untilStatus(citizen, id, 2);
    await decide(specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện' });
    await decide(leader, id, 'approval', { decision: 'approve' });
    await untilStatus(citizen, id, 10, 60_000);
    const result = (await papersOf(citizen)).find((p) => p.kind === 'result' && p.dossierId === id)!;
    expect(result, 'the result among the papers').to.not.equal(undefined);
    const issued = await platform().db('dossier_documents').where({ dossier_id: id, kind: 'result' }).first();
    expect(result.sha256).to.equal(issued.sha256);
    expect(result.title).to.match(/khai sinh/i);
  });
});
