// Image messages: an upload is accepted only if its first bytes say JPEG, PNG or WebP
// (whatever its name or declared type), and is re-encoded, which drops EXIF (GPS,
// camera) and anything hidden after the image. Stored beside the conversation and served
// only to those who may read it. The bytes go to the encrypted blob store.
import sharp from 'sharp';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { MessagingService } from './messaging.service.ts';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_SIDE = 2048;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export function imageTypeOf(data: Buffer): ImageType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 12 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const unsupported = () => new AppError(422, 'unsupported_image', 'Send a photo as JPEG, PNG or WebP.', { file: 'must be a JPEG, PNG or WebP image' });

export async function reencode(data: Buffer): Promise<{ data: Buffer; contentType: ImageType; width: number; height: number }> {
  const type = imageTypeOf(data);
  if (!type) throw unsupported();
  try {
    let pipeline = sharp(data, { limitInputPixels: 50_000_000, failOn: 'error' }).rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    if (type === 'image/jpeg') pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
    else if (type === 'image/png') pipeline = pipeline.png();
    else pipeline = pipeline.webp({ quality: 85 });
    const { data: out, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data: out, contentType: type, width: info.width, height: info.height };
  } catch {
    throw unsupported();
  }
}

export async function storeImage(deps: { messaging: MessagingService; clock: Clock; blobs: BlobStore }, actor: Actor, conversationId: string, upload: Buffer) {
  const { messaging, clock, blobs } = deps;
  const { conversation } = await messaging.authorize(actor, conversationId, 'post');
  if (conversation.status !== 'open') throw new AppError(409, 'conversation_closed', 'This conversation is closed; it can be read but not written in.');
  if (upload.length > MAX_IMAGE_BYTES) throw new AppError(413, 'image_too_large', 'Photos can be at most 8 MB.');
  const image = await reencode(upload);
  const id = newId('att');
  const blobKey = await blobs.put(image.data, 'chat');
  await messaging.store.insertAttachment({ id, conversationId, uploaderId: actor.userId, contentType: image.contentType, size: image.data.length, width: image.width, height: image.height, blobKey, now: clock.now().toISOString() });
  return { id, url: `/api/conversations/${conversationId}/attachments/${id}`, contentType: image.contentType, width: image.width, height: image.height, size: image.data.length };
}
