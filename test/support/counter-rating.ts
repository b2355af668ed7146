/** Counter dossiers with the rating code of their receipt, run to their returned result on the real engine. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { decide, fileAtCounter, handOverAtDesk, untilStatus } from './dossiers.ts';
import { binary, eventually, type Session } from './http.ts';

const randomId = () => `0${Array.from({ length: 11 }, () => Math.floor(Math.random() * 10)).join('')}`;

/** The text of a dossier's receipt (form 01), once the reception worker issued it, on one line. */
export async function receiptText(session: Session, id: string): Promise<string> {
  const pdf = await eventually(async () => {
    const res = await session.get(`/api/dossiers/${id}/documents/receipt`).buffer(true).parse(binary);
    return res.status === 200 ? (res.body as Buffer) : undefined;
  }, `the receipt of ${id}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-')), 'receipt.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** A birth registration filed at the counter for a walk-in. @returns its id, the rating code its receipt prints and the receipt's text */
export async function counterDossier(desk: Session, fullName = 'Đinh Thị Hoa'): Promise<{ id: string; code: string; receipt: string }> {
  const res = await fileAtCounter(desk, { fullName, idNumber: randomId() });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const id = res.body.id as string;
  await untilStatus(desk, id, 2);
  const receipt = await receiptText(desk, id);
  const found = /Mã đánh giá sự hài lòng: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(receipt);
  expect(found, receipt).to.not.equal(null);
  return { id, code: found![1]!, receipt };
}

/** The handling steps approve, the workers sign the result, and the desk hands it over (status 10). */
export async function runToReturned(o: { desk: Session; specialist: Session; leader: Session }, id: string): Promise<void> {
  await decide(o.specialist, id, 'review', { decision: 'approve', opinion: 'Đủ điều kiện đăng ký khai sinh' });
  await decide(o.leader, id, 'approval', { decision: 'approve', note: 'Đồng ý' });
  await untilStatus(o.desk, id, 9, 60_000);
  await handOverAtDesk(o.desk, id);
  await untilStatus(o.desk, id, 10);
}
