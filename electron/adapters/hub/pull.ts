/**
 * A whole checkpoint from the Hub into the model store's folder: `<models dir>/_checkpoints/<org>--<name>/<sha>/`.
 * (`_checkpoints` starts with a character model names cannot have, so the store's list does not show it as a
 * broken model.)
 *
 * Order of work: list the files of the revision pinned to its commit sha; refuse a gated repo without a token;
 * check free space for what is left to download plus the bundle it will be converted into, before any download;
 * write `.pull.json` (what was asked, the sha, each file's size and hash) so an interrupted pull is recognisable;
 * download small files first (the model card among them, whose licence is reported at once), then the weights;
 * mark the state complete. Running it again after a stop resumes: finished files are kept (their final names only
 * exist once verified), `.part` files continue with range requests.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, statfs, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { downloadFile, type DownloadOptions, type DownloadResult } from './download.js';
import { HubError, listRepoFiles, repoPage, type HubConfig, type RepoFile, type RepoListing } from './hub-api.js';
import { licenceFromModelCard, type CardLicence } from './model-card.js';
import { formatSize } from '../../common/magma-get.js';

export type Precision = 'int4' | 'fp16';

/** Bundle size per checkpoint byte: int4 7.0 GB for the 17.8 GB Magma-8B (0.39, README), fp16 about the same size
 *  as bf16 (1.0); both with a margin, since the graphs and the tokenizer come on top. */
const BUNDLE_RATIO: Record<Precision, number> = { int4: 0.45, fp16: 1.05 };
/** Other formats of the same weights that a safetensors checkpoint does not need. */
const OTHER_WEIGHT_FORMATS = /\.(bin|pt|pth|ckpt|h5|msgpack|gguf|onnx|onnx_data)$/i;
export const STATE_FILE = '.pull.json';
export const LOCK_FILE = '.pull.lock';

export interface PullOptions {
  readonly cfg: HubConfig;
  readonly repo: string;
  /** Branch, tag or commit (default main). */
  readonly revision?: string;
  readonly precision: Precision;
  readonly modelsDir: string;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: PullEvent) => void;
  /** Free bytes on the disk holding `dir` (default: fs.statfs); tests pass a small number. */
  readonly freeBytes?: (dir: string) => Promise<number>;
  readonly download?: Pick<DownloadOptions, 'retries' | 'retryDelayMs' | 'idleTimeoutMs'>;
}

export type PullEvent =
  | { type: 'plan'; sha: string; dir: string; files: number; totalBytes: number; presentBytes: number; needBytes: number; freeBytes: number; resumed: boolean; skipped: string[] }
  | { type: 'licence'; licence: CardLicence | undefined }
  | { type: 'progress'; doneBytes: number; totalBytes: number; file: string }
  | { type: 'file'; path: string; result: DownloadResult };

export interface PullResult {
  readonly repo: string;
  readonly revision: string;
  readonly sha: string;
  readonly dir: string;
  readonly files: number;
  readonly totalBytes: number;
  /** Bytes fetched by this run (0 when everything was already there). */
  readonly downloadedBytes: number;
  readonly licence: CardLicence | undefined;
}

export function checkpointDir(modelsDir: string, repo: string, sha: string): string {
  return join(modelsDir, '_checkpoints', repo.replace('/', '--'), sha);
}

/** Size of the bundle a checkpoint of `weightBytes` turns into: what the free-space check reserves. */
export function bundleEstimate(precision: Precision, weightBytes: number): number {
  return Math.ceil(weightBytes * BUNDLE_RATIO[precision]);
}

/** Free bytes on the disk that holds `dir` (or would hold it: the nearest existing parent). */
export async function statfsFree(dir: string): Promise<number> {
  let p = dir;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  const s = await statfs(p);
  return s.bavail * s.bsize;
}

/** Sizes for people: 17.80 GB, 41.2 MB, 3.0 kB (shared with the app's Get Magma-8B flow). */
export const formatBytes = formatSize;
const gb = formatBytes;

function sizeOnDisk(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
}

/** What a pull of `o.repo` would fetch now, from the Hub's file list and the disk; nothing is downloaded or written. */
export interface PullPlan {
  readonly listing: RepoListing;
  /** The files to fetch, in download order (small files first), other weight formats left out. */
  readonly files: RepoFile[];
  readonly skipped: string[];
  readonly dir: string;
  readonly totalBytes: number;
  readonly presentBytes: number;
  readonly needBytes: number;
  readonly freeBytes: number;
  readonly weightBytes: number;
  /** Part of it is on disk from an earlier pull that stopped. */
  readonly resumed: boolean;
}

export async function pullCheckpoint(o: PullOptions): Promise<PullResult> {
  const revision = o.revision ?? 'main';
  const { listing, files, skipped, dir, totalBytes, presentBytes, needBytes, freeBytes: free, weightBytes, resumed } = await planPull(o);
  const target = (f: RepoFile) => join(dir, ...f.path.split('/'));
  o.onEvent?.({ type: 'plan', sha: listing.sha, dir, files: files.length, totalBytes, presentBytes, needBytes, freeBytes: free, resumed, skipped });
  if (free < needBytes) {
    throw new HubError(
      `not enough free disk space: ${o.repo} needs ${gb(needBytes)} (${gb(totalBytes - presentBytes)} still to download and about ${gb(bundleEstimate(o.precision, weightBytes))} for the ${o.precision} model made from it), and ${gb(free)} is free where it would go (${dir}); free up space, or choose a models folder on a bigger disk`,
      'disk');
  }

  await mkdir(dir, { recursive: true });
  const unlock = await lockFolder(dir);
  try {
    return await fetchAll();
  } finally {
    await unlock();
  }

  async function fetchAll(): Promise<PullResult> {
    const state = { repo: o.repo, revision, sha: listing.sha, endpoint: o.cfg.endpoint, startedAt: new Date().toISOString(), files: files.map((f) => ({ path: f.path, size: f.size, ...(f.sha256 ? { sha256: f.sha256 } : { blobId: f.blobId }) })) };
    const prior = await readState(dir);
    await writeState(dir, { ...state, startedAt: prior?.startedAt ?? state.startedAt });

    let done = presentBytes;
    let downloaded = 0;
    let licence: CardLicence | undefined;
    let licenceShown = false;
    for (const f of files) {
      const result = await downloadFile({
        cfg: o.cfg, repo: o.repo, sha: listing.sha, file: f, dest: target(f),
        ...(o.signal ? { signal: o.signal } : {}),
        ...o.download,
        onBytes: (d) => {
          done += d;
          downloaded += Math.max(0, d);
          o.onEvent?.({ type: 'progress', doneBytes: done, totalBytes, file: f.path });
        },
      });
      o.onEvent?.({ type: 'file', path: f.path, result });
      if (f.path === 'README.md') {
        licence = licenceFromModelCard(await readFile(target(f), 'utf8'));
        licenceShown = true;
        o.onEvent?.({ type: 'licence', licence });
      }
    }
    if (!licenceShown) o.onEvent?.({ type: 'licence', licence: undefined });
    await writeState(dir, { ...state, startedAt: prior?.startedAt ?? state.startedAt, completedAt: new Date().toISOString() });
    return { repo: o.repo, revision, sha: listing.sha, dir, files: files.length, totalBytes, downloadedBytes: downloaded, licence };
  }
}

export async function planPull(o: Omit<PullOptions, 'onEvent' | 'download'>): Promise<PullPlan> {
  const listing = await listRepoFiles(o.cfg, o.repo, o.revision ?? 'main', o.signal);
  if (listing.gated && !o.cfg.token) {
    throw new HubError(`This model is gated: accept its terms at ${repoPage(o.cfg, o.repo)} while signed in, then set HF_TOKEN to one of your access tokens (${o.cfg.endpoint}/settings/tokens) and try again`, 'gated');
  }
  const hasSafetensors = listing.files.some((f) => f.path.endsWith('.safetensors'));
  const skipped = hasSafetensors ? listing.files.filter((f) => OTHER_WEIGHT_FORMATS.test(f.path)).map((f) => f.path) : [];
  const files = listing.files.filter((f) => !skipped.includes(f.path));
  // Small files first (the model card and configs answer quickly and show the licence), then weights in name order.
  files.sort((a, b) => Number(a.lfs) - Number(b.lfs) || (a.lfs ? a.path.localeCompare(b.path) : a.size - b.size));
  const dir = checkpointDir(o.modelsDir, o.repo, listing.sha);
  const target = (f: RepoFile) => join(dir, ...f.path.split('/'));

  const totalBytes = files.reduce((s, f) => s + f.size, 0);
  let presentBytes = 0;
  let partial = false;
  for (const f of files) {
    if (existsSync(target(f)) && sizeOnDisk(target(f)) === f.size) presentBytes += f.size;
    else {
      const part = Math.min(sizeOnDisk(`${target(f)}.part`), f.size);
      if (part > 0) partial = true;
      presentBytes += part;
    }
  }
  const weightBytes = files.filter((f) => f.path.endsWith('.safetensors')).reduce((s, f) => s + f.size, 0);
  const needBytes = totalBytes - presentBytes + bundleEstimate(o.precision, weightBytes);
  const free = await (o.freeBytes ?? statfsFree)(dir);
  const resumed = partial || existsSync(join(dir, STATE_FILE));
  return { listing, files, skipped, dir, totalBytes, presentBytes, needBytes, freeBytes: free, weightBytes, resumed };
}

/**
 * One pull per checkpoint folder: two appending to the same `.part` would waste the download (the hash would catch
 * it). The lock file holds the pid; a lock whose process is gone (killed, power cut) is taken over.
 */
async function lockFolder(dir: string): Promise<() => Promise<void>> {
  const p = join(dir, LOCK_FILE);
  for (let tries = 0; tries < 2; tries++) {
    try {
      await writeFile(p, String(process.pid), { flag: 'wx' });
      return () => rm(p, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(await readFile(p, 'utf8').catch(() => ''));
      if (pid > 0 && pid !== process.pid && alive(pid)) {
        throw new HubError(`another download of this model is running (process ${pid}) into ${dir}; wait for it to finish or stop it, then try again`, 'disk');
      }
      await rm(p, { force: true });
    }
  }
  throw new HubError(`could not lock ${dir} for the download; try again`, 'disk');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface PullState {
  repo: string;
  revision: string;
  sha: string;
  startedAt: string;
  completedAt?: string;
}

async function readState(dir: string): Promise<PullState | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as PullState;
  } catch {
    return undefined;
  }
}

/** Written to a temporary name and renamed, so a stop mid-write never leaves half a state file. */
async function writeState(dir: string, s: object): Promise<void> {
  const p = join(dir, STATE_FILE);
  await writeFile(`${p}.tmp`, `${JSON.stringify(s, null, 1)}\n`);
  await rename(`${p}.tmp`, p);
}
