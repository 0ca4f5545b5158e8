import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobNotFoundError, EncryptedFileBlobStore } from './blob-store.ts';

const secret = 'x'.repeat(40);

describe('encrypted blob store', () => {
  it('round-trips bytes, storing only ciphertext', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lotus-blobs-'));
    const store = new EncryptedFileBlobStore(root, secret);
    const plain = Buffer.from('a scan of a licence, very personal');
    const key = await store.put(plain, 'doctor-documents');
    expect(key).toMatch(/^doctor-documents\/blob_/);
    expect((await store.get(key)).equals(plain)).toBe(true);
    const file = path.join(root, 'doctor-documents', readdirSync(path.join(root, 'doctor-documents'))[0]!);
    expect(readFileSync(file).includes(Buffer.from('licence'))).toBe(false);
  });

  it('refuses a tampered file, a file moved to another key, and another secret', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lotus-blobs-'));
    const store = new EncryptedFileBlobStore(root, secret);
    const a = await store.put(Buffer.from('first'), 'ns');
    const b = await store.put(Buffer.from('second'), 'ns');
    const fileA = path.join(root, `${a}.bin`);
    const fileB = path.join(root, `${b}.bin`);
    renameSync(fileA, fileB); // a's ciphertext now sits under b's name
    await expect(store.get(b)).rejects.toThrow();
    const c = await store.put(Buffer.from('third'), 'ns');
    const fileC = path.join(root, `${c}.bin`);
    const raw = readFileSync(fileC);
    raw[raw.length - 1]! ^= 1;
    writeFileSync(fileC, raw);
    await expect(store.get(c)).rejects.toThrow();
    const d = await store.put(Buffer.from('fourth'), 'ns');
    await expect(new EncryptedFileBlobStore(root, 'y'.repeat(40)).get(d)).rejects.toThrow();
    await expect(store.get('ns/blob_00000000000000000000000000')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});
