// Encrypted blob store for uploads that hold personal data (doctors' identity documents,
// chat images). Files live under the data directory, never under the web root, each
// encrypted with AES-256-GCM under a key derived from the server secret with HKDF. The
// blob's key is bound in as additional data, so a file moved to another name fails to
// decrypt instead of being served as someone else's.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newId } from '../ids.ts';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
}

export interface BlobStore {
  /** Stores bytes encrypted; returns the key to read them back. */
  put(bytes: Buffer, namespace: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export class EncryptedFileBlobStore implements BlobStore {
  private readonly key: Buffer;

  constructor(
    private readonly root: string,
    secret: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('lotus-blob-store'), Buffer.from('aes-256-gcm v1'), 32));
  }

  private fileOf(key: string): string {
    if (!/^[a-z0-9-]{1,40}\/blob_[0-9a-z]{26}$/.test(key)) throw new BlobNotFoundError('not a blob key');
    return path.join(this.root, `${key}.bin`);
  }

  async put(bytes: Buffer, namespace: string): Promise<string> {
    if (!/^[a-z0-9-]{1,40}$/.test(namespace)) throw new Error(`bad blob namespace ${namespace}`);
    const key = `${namespace}/${newId('blob')}`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(key));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Write then rename: a reader never sees half a file.
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]), { mode: 0o600 });
    await rename(temp, file);
    return key;
  }

  async get(key: string): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await readFile(this.fileOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw error;
    }
    if (data[0] !== VERSION) throw new Error(`blob ${key} has an unknown format`);
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(key));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  async delete(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }
}
