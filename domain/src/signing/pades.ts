/**
 * PAdES signatures on PDFs: a signature dictionary (ETSI.CAdES.detached, signing time in /M) is added to the
 * PDF, the byte ranges around its /Contents are signed by a `Signer`, and the CMS goes into /Contents.
 * `verifyPdf` checks a signed PDF the way anyone holding the file can.
 */
import { SignPdf } from '@signpdf/signpdf';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, Signer as SignpdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { vnParts } from '../time/vietnam-time.ts';
import { verifyCadesDetached } from './cades.ts';
import type { Signer } from './signer.ts';

export interface SignatureDetails {
  /** who signs, e.g. the approving leader */
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
}

class DetachedAdapter extends SignpdfSigner {
  private readonly signer: Signer;
  constructor(signer: Signer) {
    super();
    this.signer = signer;
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return this.signer.signDetached(pdfBuffer);
  }
}

const SIGNATURE_BYTES = 16_384;

/** A PDF date in Vietnamese time: D:20261123102811+07'00' */
export function pdfDateVn(at: Date): string {
  const p = vnParts(at);
  const s = new Date(at.getTime() + 7 * 3600_000).getUTCSeconds();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `D:${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(s)}+07'00'`;
}

/**
 * Adds an (invisible) signature field whose value is a signature dictionary with room for the CMS. Text
 * entries are UTF-16BE hex strings, so Vietnamese names and reasons survive.
 */
async function withSignaturePlaceholder(pdf: Buffer, details: SignatureDetails): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER));
  const sig = ctx.register(
    ctx.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)),
      Reason: PDFHexString.fromText(details.reason),
      Name: PDFHexString.fromText(details.name),
      Location: PDFHexString.fromText(details.location),
      ContactInfo: PDFHexString.fromText(details.contactInfo ?? ''),
      M: PDFString.of(pdfDateVn(details.signingTime)),
      Prop_Build: { App: { Name: 'motcua' } },
    }),
  );
  const page = doc.getPage(0);
  const widget = ctx.register(
    ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: sig, T: PDFHexString.fromText('Signature1'), F: 4, P: page.ref }),
  );
  page.node.addAnnot(widget);
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ SigFlags: 3, Fields: [widget] }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Signs a PDF (one signature, invisible widget). */
export async function signPdf(pdf: Buffer, signer: Signer, details: SignatureDetails): Promise<Buffer> {
  const withPlaceholder = await withSignaturePlaceholder(pdf, details);
  return new SignPdf().sign(withPlaceholder, new DetachedAdapter(signer), details.signingTime);
}

export interface PdfSignatureCheck {
  valid: boolean;
  /** the signed byte ranges cover the whole file except the signature itself */
  coversWholeFile: boolean;
  signerSubject: string;
  signerIssuer: string;
  signerSerial: string;
  subFilter: string;
  /** the /M entry of the signature dictionary */
  signingTime: Date | undefined;
  reason: string | undefined;
  name: string | undefined;
}

/** A text entry of a PDF dictionary: a literal (...) or a hex <...> string, UTF-16BE when it has a BOM. */
function pdfString(dict: string, key: string): string | undefined {
  const hex = new RegExp(`/${key}\\s*<([0-9A-Fa-f\\s]*)>`).exec(dict);
  const lit = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(dict);
  let bytes: Buffer;
  if (hex) bytes = Buffer.from(hex[1]!.replace(/\s+/g, ''), 'hex');
  else if (lit) bytes = Buffer.from(lit[1]!.replace(/\\([()\\])/g, '$1'), 'latin1');
  else return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

function pdfDate(s: string | undefined): Date | undefined {
  const m = s && /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([Z+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, sign, oh, om] = m;
  const offset = !sign || sign === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh ?? 0) * 60 + Number(om ?? 0));
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +se!) - offset * 60_000);
}

/** Checks the (last) signature of a PDF: integrity of the signed bytes, the CMS signature, the signer. */
/** The DER element at the start of these bytes (tag, definite length, contents), without what follows it. */
export function derPrefix(bytes: Buffer): Buffer {
  if (bytes.length < 2) throw new Error('empty signature');
  const first = bytes[1]!;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || bytes.length < 2 + n) throw new Error('the signature is not DER');
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + bytes[2 + i]!;
  return bytes.subarray(0, 2 + n + length);
}

export async function verifyPdf(pdf: Buffer): Promise<PdfSignatureCheck> {
  const text = pdf.toString('latin1');
  const brAt = text.lastIndexOf('/ByteRange');
  if (brAt < 0) throw new Error('the PDF has no signature');
  const br = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(brAt));
  if (!br) throw new Error('malformed /ByteRange');
  const [a, b, c, d] = br.slice(1).map(Number) as [number, number, number, number];
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  // /Contents is the DER signature padded with zeros: take exactly the length its header gives (the DER itself
  // may end in zero bytes, which trimming the padding would cut off)
  const cms = derPrefix(Buffer.from(text.slice(a + b + 1, c - 1), 'hex'));
  // the signature dictionary: the indirect object around /Contents
  const objStart = text.lastIndexOf(' obj', a + b);
  const objEnd = text.indexOf('endobj', c);
  const dict = text.slice(objStart, a + b) + text.slice(c, objEnd < 0 ? undefined : objEnd);
  const cmsCheck = await verifyCadesDetached(cms, signed).catch(() => undefined);
  if (!cmsCheck) {
    return {
      valid: false,
      coversWholeFile: false,
      signerSubject: '',
      signerIssuer: '',
      signerSerial: '',
      subFilter: '',
      signingTime: undefined,
      reason: undefined,
      name: undefined,
    };
  }
  return {
    valid: cmsCheck.valid,
    coversWholeFile: a === 0 && c + d === pdf.length,
    signerSubject: cmsCheck.signerSubject,
    signerIssuer: cmsCheck.signerIssuer,
    signerSerial: cmsCheck.signerSerial,
    subFilter: /\/SubFilter\s*\/([A-Za-z.0-9]+)/.exec(dict)?.[1] ?? '',
    signingTime: pdfDate(pdfString(dict, 'M')),
    reason: pdfString(dict, 'Reason'),
    name: pdfString(dict, 'Name'),
  };
}
