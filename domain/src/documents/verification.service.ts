/**
 * Verifying a document motcua issued, as anyone holding it (or its dossier's code) can: the PAdES signature
 * checked for real (the CMS over the PDF's byte ranges, the signer's certificate, the signing time) and the
 * file's SHA-256 compared with the one recorded when the document was issued.
 *
 * Verdicts: `authentic` (signed, intact, and the very file issued), `altered` (a signature that no longer
 * matches the bytes, or bytes added after signing), `not_issued` (a valid signature but a file motcua never
 * issued), `unsigned` (no signature at all).
 */
import type { Db } from '../db/db.ts';
import { InputError, NotFoundError, msg } from '../errors/errors.ts';
import { findDossierByCodeOrReference } from '../dossiers/dossiers.repository.ts';
import { readFile, sha256Hex } from '../files/files.repository.ts';
import { contentProblem } from '../files/file-content.ts';
import { verifyPdf } from '../signing/pades.ts';
import { toVnIso } from '../time/vietnam-time.ts';
import type { ProceduresService } from '../procedures/procedures.service.ts';
import type { DocumentKind } from './documents.repository.ts';

export type Verdict = 'authentic' | 'altered' | 'not_issued' | 'unsigned';

export interface SignatureFacts {
  /** the signature matches the signed bytes, which cover the whole file */
  valid: boolean;
  /** the certificate's common name (the agency, or the person, that holds it) */
  signerName: string;
  /** the name in the signature dictionary: the leader who approved */
  signedBy: string | null;
  subject: string;
  issuer: string;
  serialNumber: string;
  /** ISO 8601, Vietnam time */
  signingTime: string | null;
  reason: string | null;
}

export interface IssuedFacts {
  kind: DocumentKind;
  dossierCode: string;
  procedureName: string;
  unit: string;
  issuedAt: string;
  /** the SHA-256 recorded when it was issued */
  sha256: string;
}

export interface Verification {
  verdict: Verdict;
  /** the SHA-256 of the file checked */
  sha256: string;
  /** the recorded hash equals the file's */
  hashMatches: boolean;
  signature: SignatureFacts | null;
  /** what motcua recorded of it, when it issued this file */
  issued: IssuedFacts | null;
}

/** The CN of a distinguished name written as "CN=..., O=..." */
export function commonName(dn: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn;
}

async function checkSignature(pdf: Buffer): Promise<SignatureFacts | null> {
  let check;
  try {
    check = await verifyPdf(pdf);
  } catch {
    return null; // no /ByteRange: not signed
  }
  if (!check.signerSubject) {
    // a signature field whose CMS cannot be read or does not verify
    return { valid: false, signerName: '', signedBy: null, subject: '', issuer: '', serialNumber: '', signingTime: null, reason: null };
  }
  return {
    valid: check.valid && check.coversWholeFile,
    signerName: commonName(check.signerSubject),
    signedBy: check.name ?? null,
    subject: check.signerSubject,
    issuer: check.signerIssuer,
    serialNumber: check.signerSerial,
    signingTime: check.signingTime ? toVnIso(check.signingTime) : null,
    reason: check.reason ?? null,
  };
}

export function createVerificationService({ db, procedures }: { db: Db; procedures: ProceduresService }) {
  async function issuedFacts(row: { dossier_id: string; kind: DocumentKind; created_at: Date; sha256: string }): Promise<IssuedFacts> {
    const d = await db('dossiers').where({ id: row.dossier_id }).first('code', 'reference', 'procedure_version_id', 'org_unit_id');
    const loaded = await procedures.loadVersion(d.procedure_version_id);
    const unit = await db('org_units').where({ id: d.org_unit_id }).first('name');
    return {
      kind: row.kind,
      dossierCode: d.code ?? d.reference,
      procedureName: loaded.procedure.name,
      unit: unit?.name ?? '',
      issuedAt: toVnIso(row.created_at),
      sha256: row.sha256,
    };
  }

  function verdictOf(signature: SignatureFacts | null, issued: boolean): Verdict {
    if (!signature) return 'unsigned';
    if (!signature.valid) return 'altered';
    return issued ? 'authentic' : 'not_issued';
  }

  /**
   * Checks an uploaded file: its signature, and whether motcua issued this very file (its SHA-256 among the
   * signed documents recorded). @throws InputError `verify_not_pdf` when it is not a readable PDF
   */
  async function verifyFile(content: Buffer): Promise<Verification> {
    if (!content.subarray(0, 1024).includes('%PDF-') || (await contentProblem('application/pdf', content))) {
      const m = msg('Tệp tải lên không phải là tệp PDF đọc được.', 'The file is not a readable PDF.');
      throw new InputError('verify_not_pdf', m, [{ field: 'file', code: 'verify_not_pdf', message: m }]);
    }
    const sha256 = sha256Hex(content);
    const signature = await checkSignature(content);
    const row = await db('dossier_documents').where({ sha256, signed: true }).orderBy('created_at').first('dossier_id', 'kind', 'created_at', 'sha256');
    const issued = row ? await issuedFacts(row) : null;
    return { verdict: verdictOf(signature, Boolean(issued)), sha256, hashMatches: Boolean(issued), signature, issued };
  }

  /**
   * The signed documents issued for the dossier with this code or reference, each checked from the file kept
   * (its signature, and its bytes against the hash recorded then). @throws NotFoundError `verify_not_found`
   */
  async function verifyCode(key: string): Promise<{ dossierCode: string; documents: Verification[] }> {
    const notFound = () => new NotFoundError('verify_not_found', msg('Không có văn bản nào được cấp với mã này.', 'No document was issued under this code.'));
    const trimmed = key.trim();
    if (!trimmed || trimmed.length > 60) throw notFound();
    const d = await findDossierByCodeOrReference({ db, key: trimmed });
    if (!d) throw notFound();
    const rows = await db('dossier_documents')
      .where({ dossier_id: d.id, signed: true })
      .orderBy('created_at')
      .select('dossier_id', 'kind', 'created_at', 'sha256', 'file_id');
    if (!rows.length) throw notFound();
    const documents: Verification[] = [];
    for (const row of rows) {
      const file = await readFile({ db, id: row.file_id });
      const content = file?.content ?? Buffer.alloc(0);
      const sha256 = sha256Hex(content);
      const hashMatches = sha256 === row.sha256;
      const signature = await checkSignature(content);
      const verdict = !hashMatches && signature?.valid ? 'altered' : verdictOf(signature, true);
      documents.push({ verdict, sha256, hashMatches, signature, issued: await issuedFacts(row) });
    }
    return { dossierCode: d.code ?? d.reference, documents };
  }

  return { verifyFile, verifyCode };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
