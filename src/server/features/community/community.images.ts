// Images in posts: uploaded here, re-encoded (which drops EXIF, GPS position included,
// and anything hiding in the file besides the picture), stored in the database so every
// server process can serve them, and referenced from Markdown by their path. The
// renderer keeps no other image source.
import sharp, { type OutputInfo } from 'sharp';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { ModerationStore } from './community.moderation-store.ts';

const MAX_INPUT_BYTES = 8 * 1024 * 1024;
const MAX_SIDE = 1600;
const UPLOADS_PER_HOUR = 30;

export class CommunityImages {
  constructor(private readonly deps: { store: ModerationStore; clock: Clock }) {}

  async upload(actor: Actor, bytes: Buffer, alt = 'image'): Promise<{ id: string; url: string; markdown: string }> {
    if (bytes.length === 0) throw new AppError(422, 'validation_failed', 'The file is empty.', { file: 'choose an image' });
    if (bytes.length > MAX_INPUT_BYTES) throw new AppError(413, 'image_too_large', 'Images can be at most 8 MB.');
    const since = new Date(this.deps.clock.now().getTime() - 3_600_000).toISOString();
    if ((await this.deps.store.countImagesSince(actor.userId, since)) >= UPLOADS_PER_HOUR) {
      throw new AppError(429, 'too_many_uploads', `You can upload ${UPLOADS_PER_HOUR} images an hour. Try again later.`);
    }
    let output: { data: Buffer; info: OutputInfo };
    try {
      const image = sharp(bytes, { limitInputPixels: 40_000_000, animated: false });
      const meta = await image.metadata();
      if (!meta.format || !['jpeg', 'png', 'webp', 'gif', 'heif', 'avif'].includes(meta.format)) throw new Error('format');
      output = await image
        .rotate()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw new AppError(422, 'not_an_image', 'This file is not an image we can show (JPEG, PNG, WebP or GIF).', {
        file: 'choose a JPEG, PNG, WebP or GIF image',
      });
    }
    const id = newId('img');
    await this.deps.store.insertImage({
      id,
      uploader_id: actor.userId,
      mime: 'image/webp',
      width: output.info.width,
      height: output.info.height,
      bytes: output.data.length,
      data: output.data.toString('base64'),
      created_at: this.deps.clock.now().toISOString(),
    });
    const url = `/api/community/images/${id}`;
    const label =
      alt
        .replace(/[[\]\\\n]/g, ' ')
        .trim()
        .slice(0, 80) || 'image';
    return { id, url, markdown: `![${label}](${url})` };
  }

  /** Account deletion removes the person's images from storage, not only their account. */
  async forgetUploads(userId: string): Promise<void> {
    await this.deps.store.deleteImagesOf(userId);
  }

  async get(id: string): Promise<{ mime: string; data: Buffer }> {
    if (!/^img_[0-9a-z]{26}$/.test(id)) throw notFound('This image');
    const image = await this.deps.store.findImage(id);
    if (!image) throw notFound('This image');
    return image;
  }
}
