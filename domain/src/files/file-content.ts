/**
 * Whether a file is what its first bytes say: a PDF that parses as a PDF (its cross-reference, trailer and
 * pages), a JPEG or PNG that decodes to pixels. A file that only starts right (`%PDF-` and nothing else, an
 * image header over garbage) is refused where it enters, before anyone opens it at the counter.
 */
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';

/** the largest picture decoded to check it (a phone photo is about 12 megapixels) */
const MAX_IMAGE_MEGAPIXELS = 100;

/** @returns why the content is not a readable file of this type, or undefined when it is */
export async function contentProblem(mediaType: string, content: Buffer): Promise<string | undefined> {
  try {
    switch (mediaType) {
      case 'application/pdf': {
        const pdf = await PDFDocument.load(content, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
        return pdf.getPageCount() > 0 ? undefined : 'a PDF without pages';
      }
      case 'image/jpeg': {
        const image = jpeg.decode(content, { maxResolutionInMP: MAX_IMAGE_MEGAPIXELS, maxMemoryUsageInMB: 1024, formatAsRGBA: false, tolerantDecoding: false });
        return image.width > 0 && image.height > 0 ? undefined : 'a JPEG without pixels';
      }
      case 'image/png': {
        const image = PNG.sync.read(content, { checkCRC: true });
        return image.width > 0 && image.height > 0 ? undefined : 'a PNG without pixels';
      }
      default:
        return `no reader for ${mediaType}`;
    }
  } catch (e) {
    return (e as Error).message?.slice(0, 200) || 'unreadable';
  }
}
