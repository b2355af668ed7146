/**
 * The documents an agency issues for a dossier (receipt, form 01; the signed result; apology letters, form 04),
 * one row each pointing at its file in the files store, with its SHA-256 and, when signed, its signature.
 * A dossier has at most one receipt and one result.
 */
import type { DbOrTx } from '../db/db.ts';
import { sha256Hex } from '../files/files.repository.ts';

/**
 * receipt: form 01; result: the signed result; apology: form 04 (any number); supplement_request: form 02 (one
 * per request); refusal: form 03; handover_slip: the result handed over at the return desk
 */
export type DocumentKind = 'receipt' | 'result' | 'apology' | 'supplement_request' | 'refusal' | 'handover_slip';

export interface IssuedDocument {
  id: string;
  dossierId: string;
  kind: DocumentKind;
  fileName: string;
  fileId: string;
  sha256: string;
  signed: boolean;
  signature: Record<string, unknown> | null;
  createdAt: Date;
}

const toDocument = (r: Record<string, unknown>): IssuedDocument => ({
  id: r.id as string,
  dossierId: r.dossier_id as string,
  kind: r.kind as DocumentKind,
  fileName: r.file_name as string,
  fileId: r.file_id as string,
  sha256: r.sha256 as string,
  signed: r.signed as boolean,
  signature: r.signature as Record<string, unknown> | null,
  createdAt: r.created_at as Date,
});

const documentRow = (document: Omit<IssuedDocument, 'id' | 'createdAt'>) => ({
  dossier_id: document.dossierId,
  kind: document.kind,
  file_name: document.fileName,
  file_id: document.fileId,
  sha256: document.sha256,
  signed: document.signed,
  signature: document.signature ? JSON.stringify(document.signature) : null,
});

/**
 * Stores an issued document's file and records the document, unless the dossier has it (a receipt or result;
 * with `issueKey`, the document of that key): one statement, no transaction. A dossier that has the document
 * stores nothing. Two issuers at once (a task delivered twice): the one that lost drops its copy of the file.
 * @returns the new document, or undefined when one existed
 */
export async function issueDocumentOnce({
  db,
  content,
  mediaType,
  document,
  issueKey,
}: {
  db: DbOrTx;
  content: Buffer;
  mediaType: string;
  document: Omit<IssuedDocument, 'id' | 'createdAt' | 'fileId' | 'sha256'>;
  issueKey?: string;
}): Promise<IssuedDocument | undefined> {
  const sha256 = sha256Hex(content);
  const r = documentRow({ ...document, fileId: '', sha256 });
  const keyed = issueKey !== undefined;
  const { rows } = await db.raw<{ rows: (Record<string, unknown> & { stored_file_id: string })[] }>(
    `with f as (
       insert into stored_files (sha256, size, media_type, content)
       select :sha256, :size::bigint, :mediaType, :content::bytea
        where not exists (select 1 from dossier_documents
                           where dossier_id = :dossierId::uuid and kind = :kind ${keyed ? 'and issue_key = :issueKey' : ''})
       returning id
     ), d as (
       insert into dossier_documents (dossier_id, kind, file_name, file_id, sha256, signed, signature, issue_key)
       select :dossierId::uuid, :kind, :fileName, f.id, :sha256, :signed::boolean, :signature::jsonb, :issueKey::text from f
       on conflict ${keyed ? '(dossier_id, kind, issue_key) where issue_key is not null' : "(dossier_id, kind) where kind in ('receipt','result')"} do nothing
       returning *
     )
     select f.id as stored_file_id, d.* from f left join d on true`,
    {
      sha256,
      size: content.length,
      mediaType,
      content,
      dossierId: r.dossier_id,
      kind: r.kind,
      fileName: r.file_name,
      signed: r.signed,
      signature: r.signature,
      issueKey: issueKey ?? null,
    },
  );
  const [row] = rows;
  if (!row) return undefined;
  // an issuer at the same moment recorded its copy first: this one's file goes
  if (!row.id) {
    await db('stored_files').where({ id: row.stored_file_id }).delete();
    return undefined;
  }
  return toDocument(row);
}

/** Records one more document of a kind that may repeat (apology letters). */
export async function insertDocument({ db, document }: { db: DbOrTx; document: Omit<IssuedDocument, 'id' | 'createdAt'> }): Promise<IssuedDocument> {
  const [row] = await db('dossier_documents').insert(documentRow(document)).returning('*');
  return toDocument(row);
}

/**
 * Records a document issued once per key (a supplement round, a refusal, a handover) unless it exists: a
 * retried issue finds the first. @returns the new row, or undefined when one with the key existed
 */
export async function insertKeyedDocumentOnce({
  db,
  document,
  issueKey,
}: {
  db: DbOrTx;
  document: Omit<IssuedDocument, 'id' | 'createdAt'>;
  issueKey: string;
}): Promise<IssuedDocument | undefined> {
  const r = documentRow(document);
  const { rows } = await db.raw<{ rows: Record<string, unknown>[] }>(
    `insert into dossier_documents (dossier_id, kind, file_name, file_id, sha256, signed, signature, issue_key) values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (dossier_id, kind, issue_key) where issue_key is not null do nothing
     returning *`,
    [r.dossier_id, r.kind, r.file_name, r.file_id, r.sha256, r.signed, r.signature, issueKey],
  );
  return rows[0] && toDocument(rows[0]);
}

/** The document of this kind and key, if issued. */
export async function findKeyedDocument({ db, dossierId, kind, issueKey }: { db: DbOrTx; dossierId: string; kind: DocumentKind; issueKey: string }) {
  const row = await db('dossier_documents').where({ dossier_id: dossierId, kind, issue_key: issueKey }).first();
  return row ? toDocument(row) : undefined;
}

/** The dossier's document of this kind (the latest, for kinds that repeat). */
export async function findDocument({ db, dossierId, kind }: { db: DbOrTx; dossierId: string; kind: DocumentKind }): Promise<IssuedDocument | undefined> {
  const row = await db('dossier_documents').where({ dossier_id: dossierId, kind }).orderBy('created_at', 'desc').first();
  return row && toDocument(row);
}

export async function listDocuments({ db, dossierId }: { db: DbOrTx; dossierId: string }): Promise<IssuedDocument[]> {
  return (await db('dossier_documents').where({ dossier_id: dossierId }).orderBy('created_at')).map(toDocument);
}
