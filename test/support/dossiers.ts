/** Builders and steps of the birth-registration journey, through the api. */
import { expect } from 'chai';
import { eventually, type Session } from './http.ts';
import { randomUUID } from 'node:crypto';
import { insertDossier } from '@motcua/domain/dossiers/dossiers.repository.ts';
import { platform } from './platform.ts';

export const BIRTH_REGISTRATION = '1.001193';

/** A small but real PDF (what a scanned birth certificate would be). */
export function samplePdf(text = 'Giay chung sinh'): Buffer {
  const body = `1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R>>endobj\n4 0 obj<</Length ${text.length + 24}>>stream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream endobj\n`;
  return Buffer.from(`%PDF-1.4\n${body}trailer<</Root 1 0 R>>\n%%EOF\n`);
}

export function buildBirthRegistration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    child: {
      fullName: 'Nguyễn Văn An',
      sex: 'nam',
      dateOfBirth: '2026-11-20',
      placeOfBirth: 'Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
    },
    mother: {
      fullName: 'Trần Thị Bình',
      dateOfBirth: '1995-01-02',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      idNumber: '079195000001',
      residence: 'Phường Bến Thành, Thành phố Hồ Chí Minh',
    },
    fatherUnknown: false,
    father: {
      fullName: 'Nguyễn Văn Cường',
      dateOfBirth: '1993-05-06',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      idNumber: '079093000002',
      residence: 'Phường Bến Thành, Thành phố Hồ Chí Minh',
    },
    applicant: { fullName: 'Trần Thị Bình', relationship: 'me', idNumber: '079195000001', phone: '0912345678', email: 'binh@example.vn' },
    declaration: true,
    ...overrides,
  };
}

export function benThanh(): string {
  return platform().demo!.benThanh.id;
}

/** Submits a birth registration as this citizen; resolves to the response (not asserted). */
export function submit(
  citizen: Session,
  opts: {
    data?: unknown;
    unitId?: string;
    procedureCode?: string;
    files?: { field: string; name: string; content: Buffer; type?: string }[];
    idempotencyKey?: string;
    /** how the result is to be received (absent: online) */
    resultDelivery?: Record<string, unknown>;
  } = {},
) {
  const req = citizen.post('/api/dossiers');
  if (opts.idempotencyKey) req.set('idempotency-key', opts.idempotencyKey);
  req
    .field('procedureCode', opts.procedureCode ?? BIRTH_REGISTRATION)
    .field('orgUnitId', opts.unitId ?? benThanh())
    .field('data', JSON.stringify(opts.data ?? buildBirthRegistration()));
  if (opts.resultDelivery) req.field('resultDelivery', JSON.stringify(opts.resultDelivery));
  for (const f of opts.files ?? [{ field: 'birthCertificate', name: 'giấy chứng sinh.pdf', content: samplePdf() }])
    req.attach(f.field, f.content, { filename: f.name, contentType: f.type ?? 'application/pdf' });
  return req;
}

/** Waits until the officer sees the dossier's task of this step, then returns the task id. */
export async function taskFor(officer: Session, dossierId: string, stepKey: string): Promise<string> {
  return eventually(async () => {
    const res = await officer.get('/api/tasks?limit=200').expect(200);
    return (res.body.items as { id: string; stepKey: string; dossier: { id: string } | null }[]).find(
      (t) => t.dossier?.id === dossierId && t.stepKey === stepKey,
    )?.id;
  }, `the ${stepKey} task of ${dossierId} for ${officer.account.username}`);
}

/** Claims the step's task. @returns its id */
export async function claim(officer: Session, dossierId: string, stepKey: string): Promise<string> {
  const taskId = await taskFor(officer, dossierId, stepKey);
  await officer.post(`/api/tasks/${taskId}/claim`).expect(204);
  return taskId;
}

/** Claims the step's task and completes it with this form data. */
export async function decide(officer: Session, dossierId: string, stepKey: string, body: Record<string, unknown>): Promise<void> {
  const taskId = await claim(officer, dossierId, stepKey);
  const res = await officer.post(`/api/tasks/${taskId}/complete`).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

export async function dossierView(session: Session, id: string) {
  const res = await session.get(`/api/dossiers/${id}`).expect(200);
  return res.body;
}

/** Waits until the dossier reaches this status (as the citizen sees it). */
export async function untilStatus(session: Session, id: string, status: number, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const d = await dossierView(session, id);
      return d.status.code === status ? d : undefined;
    },
    `dossier ${id} in status ${status}`,
    timeoutMs,
  );
}

/** A birth registration entered at the counter by this receiving officer for a walk-in applicant (the response, not asserted). */
export function fileAtCounter(desk: Session, applicant: { fullName: string; idNumber: string; phone?: string }, resultDelivery?: Record<string, unknown>) {
  const req = desk.post('/api/counter/dossiers');
  if (resultDelivery) req.field('resultDelivery', JSON.stringify(resultDelivery));
  return req
    .field('procedureCode', BIRTH_REGISTRATION)
    .field('applicant', JSON.stringify({ phone: '0987654321', ...applicant }))
    .field('data', JSON.stringify(buildBirthRegistration()))
    .attach('birthCertificate', samplePdf('quet tai quay'), { filename: 'ban-quet.pdf', contentType: 'application/pdf' });
}

/** A result waiting at the return desk, handed over there to its applicant (status 10). @returns the dossier */
export async function handOverAtDesk(desk: Session, id: string, recipient?: Record<string, unknown>) {
  const ready = await eventually(async () => {
    const d = await dossierView(desk, id);
    return d.delivery.state === 'awaiting_collection' ? d : undefined;
  }, `the result of ${id} at the return desk`);
  const res = await desk
    .post(`/api/dossiers/${id}/handover`)
    .send({ recipient: recipient ?? { kind: 'applicant', fullName: 'Người nộp hồ sơ', idNumber: '079199000000' } });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  expect(ready.status.code).to.equal(9);
  return res.body;
}

/** A dossier row of the demo unit, written straight to the database (no engine): for repository tests. */
export async function aBareDossier(): Promise<string> {
  const p = platform();
  const version = await p.db('procedure_versions').where({ status: 'published' }).first('id');
  const applicant = await p.db('accounts').where({ username: 'congdan' }).first('id');
  const id = randomUUID();
  await insertDossier({
    db: p.db,
    dossier: {
      id,
      reference: `TN-T-${id.slice(0, 8)}`,
      procedureVersionId: version.id,
      orgUnitId: p.demo!.benThanh.id,
      applicantId: applicant.id,
      channel: 2,
      status: 1,
      data: {},
      idempotencyKey: null,
      submittedAt: new Date(),
    },
  });
  return id;
}
