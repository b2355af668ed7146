/**
 * The one interface through which motcua signs. In production the key sits in an HSM, a USB token or a
 * licensed CA's remote signing service; here a local key (development certificate) implements it. A signer
 * produces a detached CMS (CAdES) signature over the bytes it is given.
 */

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
