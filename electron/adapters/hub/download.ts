/**
 * One file of a pinned Hub commit onto disk, verified, resumable.
 *
 * Invariants:
 * - Bytes go to `<dest>.part`; the final name appears only after the whole file hashed to what the Hub's file list
 *   says (LFS: sha256 of the content; others: the git blob id, sha1 of `blob <size>\0` + content) and was synced,
 *   by an atomic rename. So a file under its final name with the right size is a verified file.
 * - A `.part` is resumed with `Range: bytes=<its size>-` after re-hashing what it holds; a server that ignores the
 *   range (200) or refuses it (416) restarts the file from zero. A dropped connection or a silent one (idle
 *   timeout) is retried a few times from where it stopped.
 * - Redirects are followed by hubGet: the token (Authorization) goes only to the Hub's own origin, never to a
 *   redirect target on another origin (the LFS storage/CDN), and https is never downgraded to http.
 * - The signed storage URL a redirect gave is reused for ranged retries; when it has expired (403/410 from that
 *   other origin) the Hub is asked again for a fresh one.
 * - Aborting (the signal) stops at once and leaves the `.part` as it is, for the next pull to resume.
 * - A hash mismatch deletes the `.part` (its bytes are wrong somewhere) and fails with the file's name.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hubErrorFrom, HubError, hubGet, resolveUrl, type HubConfig, type RepoFile } from './hub-api.js';

export interface DownloadOptions {
  readonly cfg: HubConfig;
  readonly repo: string;
  /** The pinned commit. */
  readonly sha: string;
  readonly file: RepoFile;
  /** Final path on disk; `<dest>.part` while downloading. */
  readonly dest: string;
  readonly signal?: AbortSignal;
  /** Bytes added to the file on disk (negative when a restart threw bytes away). */
  readonly onBytes?: (delta: number) => void;
  /** Attempts after a dropped or silent connection (default 5). */
  readonly retries?: number;
  /** Wait before a retry, times the attempt number (default 1000 ms). */
  readonly retryDelayMs?: number;
  /** A connection that sends nothing for this long is dropped and retried (default 60 s). */
  readonly idleTimeoutMs?: number;
}

export type DownloadResult = 'downloaded' | 'already-there';

/** How often an expired signed storage URL is replaced by asking the Hub again, per file. */
const MAX_REASKS = 3;

/** The hash the Hub's file list gives for this file, fed the same way (git blob ids hash a header first). */
export function fileHasher(file: RepoFile): { hash: Hash; expected: string; algo: 'sha256' | 'git blob id' } {
  if (file.sha256) return { hash: createHash('sha256'), expected: file.sha256, algo: 'sha256' };
  const hash = createHash('sha1');
  hash.update(`blob ${file.size}\0`);
  return { hash, expected: file.blobId!, algo: 'git blob id' };
}

class Retryable extends Error {}
/** Failures of these calls are the disk's (full, read-only), where a retry does not help. */
const FS_CALLS = new Set(['open', 'write', 'close', 'fsync', 'fdatasync', 'ftruncate', 'rename', 'mkdir']);

export async function downloadFile(o: DownloadOptions): Promise<DownloadResult> {
  const { file, dest } = o;
  if (existsSync(dest) && statSync(dest).size === file.size) return 'already-there';
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const hubOrigin = new URL(o.cfg.endpoint).origin;
  const retries = o.retries ?? 5;
  let h = fileHasher(file);
  let offset = existsSync(part) ? statSync(part).size : 0;
  if (offset > file.size) {
    await truncate(part, 0);
    o.onBytes?.(-offset);
    offset = 0;
  }
  if (offset > 0) for await (const chunk of createReadStream(part, { end: offset - 1 })) h.hash.update(chunk as Buffer);
  const restart = async () => {
    await truncate(part, 0).catch(() => undefined);
    o.onBytes?.(-offset);
    offset = 0;
    h = fileHasher(file);
  };

  let storageUrl: string | undefined; // a signed URL on another origin, reused for ranged retries
  let failures = 0;
  let reasks = 0;
  while (offset < file.size || !existsSync(part)) {
    if (o.signal?.aborted) throw o.signal.reason ?? new DOMException('aborted', 'AbortError');
    const attempt = new AbortController();
    const idleMs = o.idleTimeoutMs ?? 60_000;
    let idle = setTimeout(() => attempt.abort(new Retryable(`no data for ${idleMs / 1000} s`)), idleMs);
    const signal = o.signal ? AbortSignal.any([o.signal, attempt.signal]) : attempt.signal;
    try {
      let got: { res: Response; url: string };
      const from = storageUrl ?? resolveUrl(o.cfg, o.repo, o.sha, file.path);
      try {
        got = await hubGet(o.cfg, from, { what: file.path, signal, ...(offset > 0 ? { headers: { range: `bytes=${offset}-` } } : {}) });
      } catch (e) {
        if (e instanceof HubError || signal.aborted) throw e;
        throw new Retryable(`${new URL(from).host}: ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`);
      }
      const { res, url } = got;
      const foreign = new URL(url).origin !== hubOrigin;
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        if (foreign && (res.status === 403 || res.status === 410) && reasks < MAX_REASKS) {
          // The signed storage URL expired (or was never good): ask the Hub for a fresh one.
          reasks++;
          storageUrl = undefined;
          continue;
        }
        if (res.status === 416) {
          await restart();
          throw new Retryable('the server refused the resume range');
        }
        if (res.status >= 500 || res.status === 408) throw new Retryable(`HTTP ${res.status}`);
        if (foreign) throw new HubError(`the download server ${new URL(url).host} refused ${file.path} (HTTP ${res.status}) even after asking the Hub again; try again later, the pull resumes where it stopped`, 'server', res.status);
        throw hubErrorFrom(res, o.cfg, o.repo, file.path);
      }
      storageUrl = foreign ? url : undefined;
      if (res.status === 200 && offset > 0) await restart(); // the range was ignored: the body is the whole file
      if (res.status === 206) {
        const start = Number(/bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1]);
        if (start !== offset) {
          await res.body?.cancel().catch(() => undefined);
          await restart();
          throw new Retryable(`the server resumed at byte ${start}, not ${offset}`);
        }
      }
      const fh = await open(part, 'a');
      try {
        if (res.body) {
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
            clearTimeout(idle);
            idle = setTimeout(() => attempt.abort(new Retryable(`no data for ${idleMs / 1000} s`)), idleMs);
            if (offset + chunk.length > file.size) throw new HubError(`${file.path} is longer than the ${file.size} bytes the Hub listed; the partial download was deleted, run the pull again`, 'corrupt');
            await writeAll(fh, chunk);
            h.hash.update(chunk);
            offset += chunk.length;
            o.onBytes?.(chunk.length);
          }
        }
      } finally {
        await fh.close();
      }
      if (offset < file.size) throw new Retryable('the connection ended early');
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason ?? e;
      if (e instanceof HubError) {
        if (e.kind === 'corrupt') await rm(part, { force: true });
        throw e;
      }
      const reason = attempt.signal.aborted ? attempt.signal.reason : e;
      const errno = reason as NodeJS.ErrnoException;
      if (errno?.code && FS_CALLS.has(errno.syscall ?? '')) {
        // The disk, not the network: retrying does not help.
        throw new HubError(`could not write ${part} (${errno.code}): check that the disk has room and the folder is writable; the pull resumes where it stopped`, 'disk');
      }
      if (++failures > retries) {
        const why = reason instanceof Error ? `${reason.message}${(reason as { cause?: { code?: string } }).cause?.code ? ` ${(reason as { cause?: { code?: string } }).cause!.code}` : ''}` : String(reason);
        throw new HubError(`downloading ${file.path} failed ${failures} times (${why}); check the internet connection, then run the pull again: it resumes where it stopped`, 'network');
      }
      await sleep(failures * (o.retryDelayMs ?? 1000), o.signal);
    } finally {
      clearTimeout(idle);
    }
  }
  const got = h.hash.digest('hex');
  if (got !== h.expected) {
    await rm(part, { force: true });
    throw new HubError(`${file.path} is corrupted: its ${h.algo} is ${got}, the Hub lists ${h.expected}; the bad copy was deleted, run the pull again`, 'corrupt');
  }
  const fh = await open(part, 'r+');
  try {
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(part, dest);
  return 'downloaded';

}

async function writeAll(fh: import('node:fs/promises').FileHandle, chunk: Uint8Array): Promise<void> {
  let done = 0;
  while (done < chunk.length) done += (await fh.write(chunk, done, chunk.length - done)).bytesWritten;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
