import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createWriteStream } from "node:fs";
import { ServiceError } from "../errors";

/**
 * Content-addressed blob storage on the local file system. A file lives at
 * blobs/sha256/ab/cd/<sha256>, so identical uploads share one blob and a
 * run's recorded hash names exactly the bytes it read.
 */

let cachedRepoRoot: string | undefined;

/** The monorepo root (the folder with pnpm-workspace.yaml), so web (cwd apps/web), worker and tests agree. */
export function repoRoot(): string {
  if (cachedRepoRoot) return cachedRepoRoot;
  let dir = process.cwd();
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return (cachedRepoRoot = dir);
    const parent = path.dirname(dir);
    if (parent === dir) return (cachedRepoRoot = process.cwd());
    dir = parent;
  }
}

/** ASSAY_STORAGE_DIR, relative paths taken from the repository root; default <repo>/var/storage. */
export function storageRoot(): string {
  const configured = process.env.ASSAY_STORAGE_DIR;
  if (!configured) return path.join(repoRoot(), "var/storage");
  return path.isAbsolute(configured) ? configured : path.resolve(repoRoot(), configured);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function blobPath(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 hex digest: ${sha256}`);
  return path.join(storageRoot(), "blobs", "sha256", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Uploads in progress live next to the blobs so the final rename stays on one file system (atomic). */
function tempDir(): string {
  return path.join(storageRoot(), "tmp");
}

export const DEFAULT_MAX_UPLOAD_BYTES = 1024 ** 3;

/** ASSAY_MAX_UPLOAD_BYTES, default 1 GiB. */
export function maxUploadBytes(): number {
  const raw = process.env.ASSAY_MAX_UPLOAD_BYTES;
  const parsed = raw ? Number(raw) : NaN;
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : DEFAULT_MAX_UPLOAD_BYTES;
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value >= 10 ? 0 : 1)} ${units[unit]}`;
}

export const tooLarge = (maxBytes: number) =>
  new ServiceError(413, "payload_too_large", `The file is larger than the upload limit of ${formatBytes(maxBytes)}.`, { maxBytes });

export type StagedFile = {
  /** A temporary file under the storage root; commit or discard it. */
  tempPath: string;
  sha256: string;
  sizeBytes: number;
};

/**
 * Streams `source` into a temporary file while hashing it, so a large upload
 * never sits whole in memory. `inspect` sees every chunk in order (for checks
 * that must cover the whole file, such as UTF-8 validity). Past `maxBytes`
 * the rest of the stream is drained but not written, and a 413 is thrown once
 * it ends, so the client receives the error instead of a reset connection.
 */
export async function stageStream(source: Readable, options: { maxBytes: number; inspect?: (chunk: Buffer) => void }): Promise<StagedFile> {
  await mkdir(tempDir(), { recursive: true });
  const tempPath = path.join(tempDir(), `${randomUUID()}.upload`);
  const hash = createHash("sha256");
  let sizeBytes = 0;
  let overLimit = false;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (overLimit) return callback();
      sizeBytes += chunk.length;
      if (sizeBytes > options.maxBytes) {
        overLimit = true;
        return callback();
      }
      hash.update(chunk);
      options.inspect?.(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(tempPath, { flags: "wx" }));
  } catch (error) {
    await removeQuietly(tempPath);
    throw error;
  }
  if (overLimit) {
    await removeQuietly(tempPath);
    throw tooLarge(options.maxBytes);
  }
  return { tempPath, sha256: hash.digest("hex"), sizeBytes };
}

/**
 * Moves a staged file to its content address. The rename is atomic, so
 * readers never see a half-written blob; when the blob already exists (the
 * same bytes were uploaded before) the staged copy is discarded.
 */
export async function commitStaged(staged: StagedFile): Promise<string> {
  const target = blobPath(staged.sha256);
  await mkdir(path.dirname(target), { recursive: true });
  if (await fileExists(target)) {
    await removeQuietly(staged.tempPath);
    return target;
  }
  await rename(staged.tempPath, target);
  return target;
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function removeQuietly(file: string): Promise<void> {
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}
