/**
 * An issued document (receipt, result, a keyed notice) is stored once per dossier in one statement: a second
 * issue stores nothing, and two issues at once leave one document and no file without a document.
 */
import { expect } from 'chai';
import { issueDocumentOnce } from '@motcua/domain/documents/documents.repository.ts';
import type { DbOrTx } from '@motcua/domain/db/db.ts';
import { platform } from '../support/platform.ts';
import { aBareDossier } from '../support/dossiers.ts';

const issue = (dossierId: string, content: string, kind: 'receipt' | 'supplement_request' = 'receipt', issueKey?: string, db: DbOrTx = platform().db) =>
  issueDocumentOnce({
    db,
    content: Buffer.from(content),
    mediaType: 'application/pdf',
    issueKey,
    document: { dossierId, kind, fileName: `${kind}.pdf`, signed: kind !== 'receipt', signature: kind !== 'receipt' ? { signer: 'Phường Bến Thành' } : null },
  });

/** the dossier's documents and the files they and nothing else point at */
async function stored(dossierId: string, sha256s: string[]) {
  const db = platform().db;
  const documents = await db('dossier_documents').where({ dossier_id: dossierId }).orderBy('created_at');
  const files = await db('stored_files').whereIn('sha256', sha256s).select('id', 'sha256');
  return { documents, files };
}

const sha = (s: string) => import('node:crypto').then((c) => c.createHash('sha256').update(s).digest('hex'));

describe('issued documents', function () {
  it('stores a receipt with its file, and nothing at a second issue', async () => {
    const id = await aBareDossier();
    const first = await issue(id, `receipt one ${id}`);
    expect(first).to.include({ dossierId: id, kind: 'receipt', signed: false, fileName: 'receipt.pdf' });
    expect(first!.sha256).to.equal(await sha(`receipt one ${id}`));
    const again = await issue(id, `receipt two ${id}`);
    expect(again, 'a second receipt is not recorded').to.equal(undefined);
    const { documents, files } = await stored(id, [await sha(`receipt one ${id}`), await sha(`receipt two ${id}`)]);
    expect(documents).to.have.length(1);
    expect(documents[0].file_id).to.equal(first!.fileId);
    expect(
      files.map((f) => f.id),
      'the second issue stored no file',
    ).to.deep.equal([first!.fileId]);
  });

  it('leaves one document and no stray file when several issue at once', async () => {
    const id = await aBareDossier();
    const contents = Array.from({ length: 4 }, (_, i) => `receipt ${i} ${id}`);
    // the first issue is not committed yet when the others look: they store their files, then find its document
    const tx = await platform().db.transaction();
    const first = await issue(id, contents[0]!, 'receipt', undefined, tx);
    const others = Promise.all(contents.slice(1).map((c) => issue(id, c)));
    await new Promise((r) => setTimeout(r, 300));
    await tx.commit();
    expect(await others, 'the issues that came second record nothing').to.deep.equal([undefined, undefined, undefined]);
    const { documents, files } = await stored(id, await Promise.all(contents.map(sha)));
    expect(documents.map((d) => d.file_id)).to.deep.equal([first!.fileId]);
    expect(
      files.map((f) => f.id),
      'the files of the issues that lost are gone',
    ).to.deep.equal([first!.fileId]);
  });

  it('keeps one document per key of a keyed kind, with its signature', async () => {
    const id = await aBareDossier();
    const a = await Promise.all([issue(id, `round 1 a ${id}`, 'supplement_request', '1'), issue(id, `round 1 b ${id}`, 'supplement_request', '1')]);
    const b = await issue(id, `round 2 ${id}`, 'supplement_request', '2');
    expect(a.filter(Boolean)).to.have.length(1);
    expect(b).to.include({ kind: 'supplement_request', signed: true });
    expect(b!.signature).to.deep.equal({ signer: 'Phường Bến Thành' });
    const { documents, files } = await stored(id, await Promise.all([`round 1 a ${id}`, `round 1 b ${id}`, `round 2 ${id}`].map(sha)));
    expect(documents.map((d) => d.issue_key)).to.have.members(['1', '2']);
    expect(files.map((f) => f.id)).to.have.members(documents.map((d) => d.file_id));
  });
});
