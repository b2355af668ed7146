/**
 * Detached CMS signatures in the CAdES form PAdES baseline B needs: SHA-256 digest, signed attributes
 * content-type, message-digest and ESS signing-certificate-v2 (no signing-time attribute: the PDF's /M holds
 * the signing time). The private-key operation is a callback, so a remote or hardware signer fits.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();
const ab = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export type KeyAlgorithm = 'rsa' | 'ecdsa';

/** Signs the DER of the signed attributes with SHA-256 and returns the raw signature value. */
export type SignBytes = (data: Buffer) => Promise<Buffer>;

export function parseCertificate(der: Buffer): pkijs.Certificate {
  return pkijs.Certificate.fromBER(ab(der));
}

/**
 * A signer's chain, parsed once: a signer holds its chain's DER for its life and signs every result with it
 * (parsing the chain was half of the CMS's CPU). Parsed certificates are only read when serialised.
 */
const parsedChains = new WeakMap<Buffer, pkijs.Certificate>();
function certificateOf(der: Buffer): pkijs.Certificate {
  let cert = parsedChains.get(der);
  if (!cert) parsedChains.set(der, (cert = parseCertificate(der)));
  return cert;
}

function signingCertificateV2(cert: pkijs.Certificate, certDer: Buffer): asn1js.Sequence {
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash OCTET STRING, issuerSerial }
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(sha256(certDer)) }), issuerSerial.toSchema()] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** Builds a detached CAdES signature of `content` with the given chain (signer first). */
export async function cadesDetached(content: Buffer, chainDer: Buffer[], algorithm: KeyAlgorithm, signBytes: SignBytes): Promise<Buffer> {
  const [signerDer, ...rest] = chainDer;
  if (!signerDer) throw new Error('no signing certificate');
  const cert = certificateOf(signerDer);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: ab(sha256(content)) })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(cert, signerDer)] }),
    ],
  });
  // the signature covers the DER of the attributes as a SET (tag 0x31), not as the [0] IMPLICIT field
  const toSign = Buffer.from(signedAttrs.toSchema().toBER(false));
  toSign[0] = 0x31;
  const signature = await signBytes(toSign);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      algorithm === 'rsa' ? { algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() } : { algorithmId: OID.ecdsaWithSHA256 },
    ),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [cert, ...rest.map(certificateOf)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

export interface CmsVerification {
  valid: boolean;
  /** the message digest attribute matches the content */
  digestMatches: boolean;
  signerSubject: string;
  signerIssuer: string;
  signerSerial: string;
  hasSigningCertificateV2: boolean;
}

function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.6': 'C' };
  return name.typesAndValues.map((tv) => `${short[tv.type] ?? tv.type}=${(tv.value.valueBlock as { value: string }).value}`).join(', ');
}

/** Verifies a detached CMS signature over `content` (integrity and signature; not the chain's trust). */
export async function verifyCadesDetached(cmsDer: Buffer, content: Buffer): Promise<CmsVerification> {
  const ci = pkijs.ContentInfo.fromBER(ab(cmsDer));
  const sd = new pkijs.SignedData({ schema: ci.content });
  const si = sd.signerInfos[0];
  if (!si) throw new Error('no signer in the signature');
  const md = si.signedAttrs?.attributes.find((a) => a.type === OID.messageDigest);
  const digest = md ? Buffer.from((md.values[0] as asn1js.OctetString).valueBlock.valueHexView) : Buffer.alloc(0);
  const digestMatches = digest.equals(sha256(content));
  const sid = si.sid as pkijs.IssuerAndSerialNumber;
  const cert = (sd.certificates ?? []).find(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
  );
  if (!cert) throw new Error('the signing certificate is not in the signature');
  const valid = await sd.verify({ signer: 0, data: ab(content), checkChain: false });
  return {
    valid: Boolean(valid) && digestMatches,
    digestMatches,
    signerSubject: nameToString(cert.subject),
    signerIssuer: nameToString(cert.issuer),
    signerSerial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
    hasSigningCertificateV2: Boolean(si.signedAttrs?.attributes.some((a) => a.type === OID.signingCertificateV2)),
  };
}
