/**
 * The one interface through which motcua signs. In production the key sits in an HSM, a USB token or a
 * licensed CA's remote signing service; here a local key (development certificate) implements it. A signer
 * produces a detached CMS (CAdES) signature over the bytes it is given.
 */
import { toVnIso } from '../time/vietnam-time.ts';

export interface SignerIdentity {
  /** subject of the signing certificate, e.g. "CN=UBND phường Bến Thành, O=..., C=VN" */
  subject: string;
  issuer: string;
  serialNumber: string;
  /** certificate chain in DER, signer first */
  certificates: Buffer[];
}

export interface Signer {
  identity(): SignerIdentity;
  /** Detached CAdES-BES/PAdES-B signature (DER ContentInfo/SignedData) over `content`. */
  signDetached(content: Buffer): Promise<Buffer>;
}

/**
 * What a dossier's document records of its signature (dossier_documents.signature): the certificate that signed
 * it, when (ISO 8601, Vietnam time), in whose name; null for a document no signer signed.
 */
export function signatureRecord(signer: Signer | undefined, signingTime: Date, signerName: string | null): Record<string, unknown> | null {
  if (!signer) return null;
  const id = signer.identity();
  return {
    subject: id.subject,
    issuer: id.issuer,
    serialNumber: id.serialNumber,
    signingTime: toVnIso(signingTime),
    signer: signerName,
    subFilter: 'ETSI.CAdES.detached',
  };
}
