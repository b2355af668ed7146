/**
 * A studio draft made ready to go live, as an administrator completes its catalogue entry: the papers to give,
 * a fee on each channel without one (free, stated as 0 đồng) and a legal basis, where these are missing; and the
 * second administrator who decides another's request to publish.
 */
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import type { Session } from './http.ts';
import { platform } from './platform.ts';

/** What an administrator writes in a new procedure's catalogue before publishing it. */
export const readyCatalogue = {
  documents: [{ case: 'Chung', name: 'Tờ khai theo mẫu', originals: 1, copies: 0 }],
  legalBasis: ['Luật Hộ tịch năm 2014'],
};

/** Saves the draft's catalogue with what it lacks to go live; what it states already stays. */
export async function completeCatalogue(admin: Session, versionId: string): Promise<void> {
  const version = (await admin.get(`/api/admin/procedure-versions/${versionId}`).expect(200)).body.version;
  const data = version.procedureData;
  const c = data.catalogue as { documents?: unknown[]; legalBasis?: string[]; channels: { fees: unknown[] }[] };
  const catalogue = {
    ...c,
    documents: c.documents?.length ? c.documents : readyCatalogue.documents,
    legalBasis: c.legalBasis?.length ? c.legalBasis : readyCatalogue.legalBasis,
    channels: c.channels.map((ch) => (ch.fees.length ? ch : { ...ch, fees: [{ name: 'Miễn phí', amount: 0 }] })),
  };
  await admin
    .put(`/api/admin/procedure-versions/${versionId}`)
    .send({ procedureData: { ...data, catalogue } })
    .expect(200);
}

/** A second administrator (`quantri.hai`, the demo password), who may decide another's request to publish. */
export async function ensureSecondAdministrator(): Promise<string> {
  const p = platform();
  if (!(await p.db('accounts').where({ username: 'quantri.hai' }).first('id')))
    await p.services.accounts.createAccount({
      username: 'quantri.hai',
      password: DEMO_PASSWORD,
      fullName: 'Quản Trị Thứ Hai',
      role: 'administrator',
      orgUnitId: null,
    });
  return 'quantri.hai';
}

/** A new procedure whose draft states all a procedure must before it goes live. @returns the draft's id */
export async function readyDraft(admin: Session, code: string, name: string): Promise<string> {
  const created = await admin
    .post('/api/admin/procedures')
    .send({ code, name, field: 'Hộ tịch', timeLimit: { value: 3, unit: 'working_days' } })
    .expect(201);
  const draftId = created.body.version.id as string;
  await completeCatalogue(admin, draftId);
  return draftId;
}
