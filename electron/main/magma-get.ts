/**
 * The app's "Get Magma-8B": one flow per host, driven by the person through the contract (magma:gpu-check,
 * magma:get-plan, magma:get-start, magma:get-cancel, magma:get-state) and reported on magma:get-progress.
 *
 *   idle --Start--> looking (the Hub's file list and model card) --> ready (size, licence, free space shown)
 *   ready/stopped/failed --Download/Resume--> downloading --> converting --> installing --> checking --> done
 *   any working phase --Cancel--> stopped (the download is kept: Resume continues it by range requests)
 *
 * Invariants:
 * - S14: the Hub is contacted only from plan() and start(), each called when the person presses a button; the GPU
 *   and disk check (gpuCheck) is local. HF_ENDPOINT and HF_TOKEN are read the way `models pull` reads them.
 * - The download is `models pull`'s (pullCheckpoint): the same checks, hashes, resumable `.part` files and error
 *   messages. The conversion is the TypeScript converter's (convertCheckpoint), into a hidden folder in the store
 *   that is moved in only when complete, so the store never lists half a bundle.
 * - One flow at a time; a second Start while one works is refused.
 * - The bundle becomes the active brain through the host's own settings path (select), then the one-step check of
 *   `models verify` runs on it and its result is shown; a failed check leaves the bundle installed and says so.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatSize, rateAndEta, type GetMagmaLocal, type GetMagmaPlan, type GetMagmaState } from '../common/magma-get.js';
import { convertCheckpoint, type ConvertOptions, type ConvertProgress, type ConvertResult } from '../adapters/convert/convert.js';
import { checkGpu, type GpuCheck } from '../adapters/gpu-check.js';
import { downloadFile } from '../adapters/hub/download.js';
import { hubConfigFromEnv, type HubConfig } from '../adapters/hub/hub-api.js';
import { licenceFromModelCard, type CardLicence } from '../adapters/hub/model-card.js';
import { planPull, pullCheckpoint, statfsFree, STATE_FILE, type PullOptions } from '../adapters/hub/pull.js';
import { readBundle } from '../adapters/magma-bundle.js';
import { addModel, getModel } from '../adapters/model-store.js';
import { oneStepCheck } from './one-step-check.js';

export const MAGMA_REPO = 'microsoft/Magma-8B';
export const MAGMA_BUNDLE = 'magma-8b-int4';
const PRECISION = 'int4' as const;
/** Progress is pushed at most this often (the renderer redraws on each); phase changes always go out at once. */
const PROGRESS_EVERY_MS = 200;
const STAGES: readonly ConvertProgress['stage'][] = ['read', 'vision', 'embed', 'decoder', 'tokenizer', 'manifest'];
const STAGE_WORDS: Record<ConvertProgress['stage'], string> = {
  read: 'reading the checkpoint', vision: 'writing the vision part', embed: 'writing the word table', decoder: 'writing the language part',
  tokenizer: 'copying the tokenizer', manifest: 'writing the manifest',
};

export interface MagmaGetOptions {
  /** The model store (the checkpoint goes to its _checkpoints folder, the bundle into it). */
  modelsDir: string;
  /** HF_ENDPOINT (a mirror; tests: the fake Hub) and HF_TOKEN, as `models pull` reads them. */
  env?: NodeJS.ProcessEnv;
  emit(s: GetMagmaState): void;
  /** Makes the bundle the active brain (planner magma, modelBundle dir) through the host's settings path. */
  select(dir: string): Promise<unknown> | unknown;
  /** Execution providers for the one-step check (the settings' choice); undefined: the runtime's default order. */
  providers?: () => readonly string[] | undefined;
  repo?: string;
  freeBytes?: (dir: string) => Promise<number>;
  download?: PullOptions['download'];
  convert?: (o: ConvertOptions) => Promise<ConvertResult>;
  gpu?: () => Promise<GpuCheck>;
  now?: () => number;
  fetch?: HubConfig['fetch'];
}

export interface MagmaGetter {
  state(): GetMagmaState;
  gpuCheck(): Promise<GetMagmaLocal>;
  plan(): Promise<GetMagmaState>;
  start(): Promise<GetMagmaState>;
  cancel(): boolean;
  /** Resolves when the current flow (if any) has ended. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const WORKING = new Set<GetMagmaState['phase']>(['looking', 'downloading', 'converting', 'installing', 'checking']);

/** The first letter up: the pull's messages are written to follow "magma-desk models pull: ". */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function createMagmaGetter(o: MagmaGetOptions): MagmaGetter {
  const repo = o.repo ?? MAGMA_REPO;
  const now = o.now ?? Date.now;
  const repoDir = join(o.modelsDir, '_checkpoints', repo.replace('/', '--'));
  let st: GetMagmaState = initialState();
  let controller: AbortController | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastPush = 0;

  let trailing: ReturnType<typeof setTimeout> | undefined;
  /** Progress-only updates are pushed at most every PROGRESS_EVERY_MS, the latest one always (a stalled download shows where it stalled). */
  function set(next: GetMagmaState, progressOnly = false) {
    st = next;
    if (progressOnly && now() - lastPush < PROGRESS_EVERY_MS) {
      trailing ??= setTimeout(push, PROGRESS_EVERY_MS);
      return;
    }
    push();
  }
  function push() {
    clearTimeout(trailing);
    trailing = undefined;
    lastPush = now();
    o.emit(st);
  }

  /** A stopped download from an earlier session of the app reads as stopped, so the button says Resume. */
  function initialState(): GetMagmaState {
    const installed = getModel(o.modelsDir, MAGMA_BUNDLE);
    if (installed?.kind === 'magma' && !installed.problem) return { phase: 'idle' };
    let shas: string[] = [];
    try {
      shas = readdirSync(repoDir).filter((d) => existsSync(join(repoDir, d, STATE_FILE)));
    } catch {
      return { phase: 'idle' };
    }
    for (const sha of shas) {
      try {
        const s = JSON.parse(readFileSync(join(repoDir, sha, STATE_FILE), 'utf8')) as { completedAt?: string };
        return {
          phase: 'stopped',
          message: s.completedAt
            ? 'Magma-8B was downloaded but not yet converted. Press Resume to convert it (it is not downloaded again).'
            : 'A download of Magma-8B stopped before it finished. What was downloaded is kept: press Resume to continue where it stopped.',
        };
      } catch {
        /* an unreadable state file: the pull rewrites it */
      }
    }
    return { phase: 'idle' };
  }

  function hub(): HubConfig {
    return { ...hubConfigFromEnv(o.env ?? process.env), ...(o.fetch ? { fetch: o.fetch } : {}) };
  }

  function begin(): AbortController {
    if (WORKING.has(st.phase)) throw new Error('Getting Magma-8B is already under way: wait for it, or press Cancel first.');
    controller = new AbortController();
    return controller;
  }

  function failed(e: unknown, signal: AbortSignal, during: string): GetMagmaState {
    if (signal.aborted) {
      return {
        ...st, phase: 'stopped',
        message: during === 'convert'
          ? 'Stopped while converting. The download is complete and kept; press Resume to convert it again.'
          : 'Stopped. What was downloaded is kept; press Resume to continue where it stopped.',
      };
    }
    const msg = e instanceof Error ? e.message : String(e);
    return { ...st, phase: 'failed', message: `${sentence(msg)}${/[.!?]$/.test(msg) ? '' : '.'} What was downloaded is kept; press Try again when this is fixed.` };
  }

  async function gpuCheck(): Promise<GetMagmaLocal> {
    const [gpu, freeBytes] = await Promise.all([(o.gpu ?? checkGpu)(), (o.freeBytes ?? statfsFree)(o.modelsDir)]);
    return {
      gpu: { ok: gpu.ok, message: gpu.message, ...(gpu.install ? { install: gpu.install } : {}), ...(gpu.cards ? { cards: gpu.cards } : {}) },
      modelsDir: o.modelsDir,
      freeBytes,
      need: `Magma-8B is downloaded from Hugging Face (about 18 GB) and converted on this computer (about 8 GB more). ${formatSize(freeBytes)} is free in ${o.modelsDir}. Nothing is contacted until you press Start.`,
    };
  }

  /** Start: the Hub's file list (size, pinned commit) and its model card (licence); nothing big is downloaded. */
  async function plan(): Promise<GetMagmaState> {
    const c = begin();
    set({ phase: 'looking', message: 'Asking Hugging Face for the size and the licence of Magma-8B…' });
    try {
      const cfg = hub();
      const p = await planPull({ cfg, repo, precision: PRECISION, modelsDir: o.modelsDir, signal: c.signal, ...(o.freeBytes ? { freeBytes: o.freeBytes } : {}) });
      const card = p.files.find((f) => f.path === 'README.md');
      let licence: CardLicence | undefined;
      if (card) {
        // Downloaded to its place in the checkpoint, verified: the pull then finds it there.
        const dest = join(p.dir, 'README.md');
        await downloadFile({ cfg, repo, sha: p.listing.sha, file: card, dest, signal: c.signal, ...o.download });
        licence = licenceFromModelCard(readFileSync(dest, 'utf8'));
      }
      const shown: GetMagmaPlan = {
        repo, sha: p.listing.sha, files: p.files.length, totalBytes: p.totalBytes, presentBytes: p.presentBytes, needBytes: p.needBytes, freeBytes: p.freeBytes,
        licence: licence ? (licence.name ? `${licence.id} (${licence.name})` : licence.id) : 'not stated in the model card',
        ...(licence?.link ? { licenceLink: licence.link } : {}),
      };
      const space = p.freeBytes >= p.needBytes
        ? 'Read the licence, then press Download and convert.'
        : `Not enough free space: ${formatSize(p.needBytes)} is needed and only ${formatSize(p.freeBytes)} is free in ${o.modelsDir}. Free up space first, then press Download and convert.`;
      set({ phase: 'ready', plan: shown, message: `${p.presentBytes > 0 ? `${formatSize(p.presentBytes)} of it is already downloaded and is kept. ` : ''}${space}` });
    } catch (e) {
      set(c.signal.aborted ? { phase: 'idle', message: 'Stopped before anything was downloaded. Press Start to ask again.' } : failed(e, c.signal, 'plan'));
    } finally {
      controller = undefined;
    }
    return st;
  }

  /** Download (or resume), convert, install, select, check. Returns at once; progress goes out as events. */
  async function start(): Promise<GetMagmaState> {
    const c = begin();
    const work = async () => {
      let during = 'download';
      const tmp = join(o.modelsDir, `.${MAGMA_BUNDLE}.converting`);
      try {
        let m = getModel(o.modelsDir, MAGMA_BUNDLE);
        if (!(m?.kind === 'magma' && !m.problem)) {
          set({ ...st, phase: 'downloading', message: 'Downloading Magma-8B from Hugging Face…' });
          const t0 = now();
          let base = 0;
          const r = await pullCheckpoint({
            cfg: hub(), repo, precision: PRECISION, modelsDir: o.modelsDir, signal: c.signal,
            ...(o.freeBytes ? { freeBytes: o.freeBytes } : {}),
            ...(o.download ? { download: o.download } : {}),
            onEvent: (e) => {
              if (e.type === 'plan') {
                base = e.presentBytes;
                set({ ...st, progress: { what: 'download', done: e.presentBytes, total: e.totalBytes } });
              } else if (e.type === 'progress') {
                const re = rateAndEta(e.doneBytes - base, now() - t0, e.totalBytes - e.doneBytes);
                set({ ...st, progress: { what: 'download', done: e.doneBytes, total: e.totalBytes, item: e.file, ...re } }, e.doneBytes < e.totalBytes);
              }
            },
          });
          during = 'convert';
          set({ ...st, phase: 'converting', progress: { what: 'convert', done: 0, total: 100 }, message: 'Converting the checkpoint into a model Magma Desk can run (no Python needed)…' });
          rmSync(tmp, { recursive: true, force: true });
          const c0 = now();
          await (o.convert ?? convertCheckpoint)({
            from: r.dir, to: tmp, precision: PRECISION, signal: c.signal,
            onProgress: (p) => {
              const i = Math.max(0, STAGES.indexOf(p.stage));
              const pct = Math.min(100, ((i + (p.total > 0 ? Math.min(1, p.done / p.total) : 0)) / STAGES.length) * 100);
              const elapsed = now() - c0;
              set({ ...st, progress: { what: 'convert', done: pct, total: 100, item: STAGE_WORDS[p.stage], ...(pct > 0 && elapsed > 500 ? { etaS: (elapsed / 1000) * ((100 - pct) / pct) } : {}) } }, pct < 100);
            },
          });
          during = 'install';
          set({ ...st, phase: 'installing', message: 'Checking the converted files and adding them to your models…' });
          m = await addModel(o.modelsDir, tmp, { name: MAGMA_BUNDLE, move: true, licence: r.licence?.id ?? 'not stated in the model card', source: `${repo} at commit ${r.sha} (${hub().endpoint})` });
        }
        during = 'check';
        await o.select(m.dir);
        set({ ...st, phase: 'checking', progress: undefined, message: 'Magma-8B is installed and selected. Running a one-step check…' });
        const result = await oneStepCheckText(m.dir);
        const kept = existsSync(repoDir) ? ` The downloaded checkpoint is kept in ${repoDir}; you can delete that folder to free space.` : '';
        set({
          phase: 'done', ...(st.plan ? { plan: st.plan } : {}),
          message: `Magma-8B is installed as ${MAGMA_BUNDLE} and selected as the brain.${kept}`,
          result: { name: MAGMA_BUNDLE, dir: m.dir, ...result },
        });
      } catch (e) {
        rmSync(tmp, { recursive: true, force: true });
        set(failed(e, c.signal, during === 'download' ? 'download' : 'convert'));
      } finally {
        controller = undefined;
      }
    };
    running = work();
    return st;
  }

  async function oneStepCheckText(dir: string): Promise<{ checkOk: boolean; check: string }> {
    try {
      const t0 = now();
      const p = o.providers?.();
      const r = await oneStepCheck(readBundle(dir), p ? { providers: p } : {});
      const where = r.provider === 'cpu' ? 'on the processor (no graphics card was used, so runs will be slow)' : `on the graphics card (${r.provider})`;
      return { checkOk: true, check: `One-step check passed: Magma-8B looked at a test picture and answered ${where} in ${((now() - t0) / 1000).toFixed(1)} s.` };
    } catch (e) {
      return { checkOk: false, check: `The one-step check failed: ${(e as Error).message}. The model is installed and selected, but runs will fail the same way; see "Magma-8B on your GPU" in the README.` };
    }
  }

  return {
    state: () => st,
    gpuCheck,
    plan,
    start,
    cancel() {
      if (!controller || !WORKING.has(st.phase)) return false;
      controller.abort(new DOMException('stopped by the user', 'AbortError'));
      return true;
    },
    idle: () => running,
    async close() {
      controller?.abort(new DOMException('the app is closing', 'AbortError'));
      await running;
      clearTimeout(trailing);
    },
  };
}
