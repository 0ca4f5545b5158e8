// Uploaded documents: the type is decided by the content (magic bytes), never by the file
// name or the declared type; images are decoded and re-encoded, which drops EXIF, GPS and
// any bytes hidden after the image; PDFs are kept as they are (they are served only to the
// applicant and reviewers, as downloads).
import sharp from 'sharp';
import { AppError } from '../../platform/http/errors.ts';

export type DocumentMime = 'image/jpeg' | 'image/png' | 'application/pdf';

export const DOCUMENT_KINDS = ['licence', 'qualification', 'identity', 'photo', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const kindAliases: Record<string, DocumentKind> = {
  licence: 'licence',
  license: 'licence',
  certificate: 'qualification',
  qualification: 'qualification',
  identity: 'identity',
  id: 'identity',
  photo: 'photo',
  other: 'other',
};

export function documentKind(raw: string | undefined): DocumentKind | null {
  return kindAliases[(raw ?? '').trim().toLowerCase()] ?? null;
}

export function sniffMime(bytes: Buffer): DocumentMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Checks and cleans an upload: 415 for anything but JPEG, PNG or PDF; images re-encoded
 * without metadata (turned upright first, since the orientation lives in EXIF). */
export async function sanitiseDocument(bytes: Buffer): Promise<{ mime: DocumentMime; bytes: Buffer }> {
  const mime = sniffMime(bytes);
  if (!mime) {
    throw new AppError(415, 'unsupported_document_type', 'Upload a JPEG or PNG image or a PDF. This file is none of these, whatever its name says.');
  }
  if (mime === 'application/pdf') {
    if (!bytes.subarray(-1024).toString('latin1').includes('%%EOF')) {
      throw new AppError(415, 'unsupported_document_type', 'This PDF is incomplete or damaged. Export it again and upload the new file.');
    }
    return { mime, bytes };
  }
  try {
    const image = sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' }).rotate();
    const clean = mime === 'image/png' ? await image.png({ compressionLevel: 9 }).toBuffer() : await image.jpeg({ quality: 88, mozjpeg: true }).toBuffer();
    return { mime, bytes: clean };
  } catch {
    throw new AppError(415, 'unsupported_document_type', 'This image could not be read. Take the photo or scan again and upload the new file.');
  }
}
