/**
 * Magma preprocessing (screenshot -> crops -> normalized tensor) on worker threads: one, or with `threads` > 1 one
 * crop per thread side by side (#16: the resize of a 1920x1080 screen took 36-48 ms on one core of the H200's host,
 * the step's whole preprocess stage 27-52 ms; each crop alone is a quarter of it, byte-identical, preprocessCrop).
 *
 * Why: onnxruntime-node runs sessions on the calling thread, and the main thread also carries the Electron/IPC
 * loop; preprocessing a screenshot is tens of milliseconds of pure JS that would block both. The thread runs the
 * same preprocessImage (preprocess-protocol.ts), so its bytes equal the in-thread path's.
 *
 * Invariants:
 * - Buffers move, they are not cloned: the caller's RGBA bytes are copied once into a staging buffer (the caller
 *   keeps its frame: the loop still draws marks and checks the approval region on it) and that buffer is
 *   transferred; the pixel tensor comes back transferred, and so does the staging buffer, which the next image
 *   reuses. Reuse matters: a fresh 8 MB buffer per screenshot costs the main thread its page faults (35-40 ms
 *   on the 2-core test VM, against about 1 ms to copy into memory already mapped). The same holds for the pixel
 *   tensor (12.6 MB for four crops, 40-50 ms of page faults when fresh): a caller done with one hands it back with
 *   recycle(), and the next job sends it to the thread to be filled again.
 * - Every job settles: with the thread's answer, with a clear error when the thread crashes or is stopped, or
 *   when its signal aborts. A step is never lost silently. The next job after a crash starts a fresh thread.
 * - An idle thread does not keep the process alive (unref); a thread with work does (ref), so a script awaiting
 *   only a preprocess does not exit under it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RgbaImage } from '../ports.js';
import { selectGrid, type PreprocessConfig, type PreprocessedImage } from './preprocess.js';
import type { PreprocessJob, PreprocessReply } from './preprocess-protocol.js';

/** The thread ended (crash, out of memory, terminated) or was stopped while a job waited on it. */
export class PreprocessWorkerError extends Error {
  override name = 'PreprocessWorkerError';
}

interface Pending {
  /** The thread the job was posted to. */
  readonly worker: Worker;
  resolve(p: PreprocessedImage): void;
  reject(e: Error): void;
  cleanup(): void;
}

/** Running from source (.ts under tsx) the thread goes through ts-worker-entry.mjs; built, it is plain JS beside main.js. */
function defaultEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./preprocess-worker.ts', import.meta.url) : new URL('./preprocess-worker.js', import.meta.url);
}

export interface PreprocessWorkerOptions {
  /** The thread's module (default: preprocess-worker next to this file); a .ts entry is started through tsx. */
  readonly entry?: URL;
  /**
   * Threads an image's crops are spread over (default defaultPreprocessThreads(): one per crop up to 4, leaving a
   * core for the main thread). 1: the whole image on one thread.
   */
  readonly threads?: number;
}

/** Up to 4 threads (Magma's crops per screenshot), at most the machine's cores less one, at least one. */
export function defaultPreprocessThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export class PreprocessWorker {
  private readonly workers: Array<Worker | undefined>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private started = 0;
  /** A staging buffer back from the thread, for the next image's bytes. */
  private spare: ArrayBuffer | undefined;
  /** The shared staging buffer of crop-parallel images (every thread reads it; never transferred). */
  private shared: SharedArrayBuffer | undefined;
  /** Crop tensors back from the threads, for the next crop-parallel image's crops to be computed into. */
  private spareCrops: Float32Array[] = [];
  /** A pixel tensor the caller is done with (recycle()), for the next job to fill. */
  private spareOut: Float32Array | undefined;
  private readonly entry: URL;
  readonly threads: number;

  constructor(opts: PreprocessWorkerOptions = {}) {
    this.entry = opts.entry ?? defaultEntry();
    this.threads = opts.threads ?? defaultPreprocessThreads();
    if (!Number.isInteger(this.threads) || this.threads < 1) throw new RangeError(`threads must be a positive whole number, got ${opts.threads}`);
    this.workers = new Array<Worker | undefined>(this.threads).fill(undefined);
  }

  /** Threads started so far (a fresh one after each crash or stop). */
  get threadsStarted(): number {
    return this.started;
  }

  /** preprocessImage(img, cfg) on the threads. Rejects with signal.reason when aborted while waiting. */
  run(img: RgbaImage, cfg: PreprocessConfig, signal?: AbortSignal): Promise<PreprocessedImage> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const need = img.width * img.height * 4;
    if (img.data.length < need) {
      return Promise.reject(new RangeError(`image data holds ${img.data.length} bytes, ${img.width}x${img.height} RGBA needs ${need}`));
    }
    const crops = this.threads > 1 && img.width > 0 && img.height > 0 ? selectGrid(img.width, img.height, cfg.maxCrops, cfg.cropSize) : undefined;
    if (crops && crops.rows * crops.cols > 1) return this.runCrops(img, cfg, crops.rows * crops.cols, signal);
    // One copy of exactly the image's bytes (a view may sit in a larger pooled buffer), then transferred.
    const data = this.staging(need);
    data.set(img.data.subarray(0, need));
    const out = this.spareOut;
    this.spareOut = undefined;
    return this.post(0, { width: img.width, height: img.height, data, cfg: plainConfig(cfg), ...(out ? { out } : {}) }, out ? [data.buffer as ArrayBuffer, out.buffer as ArrayBuffer] : [data.buffer as ArrayBuffer], signal);
  }

  /**
   * The image's crops side by side, crop k on thread k mod threads, all reading one shared copy of its bytes; the
   * crops are then copied into one tensor (onnxruntime-node takes no tensor on shared memory), the caller's
   * recycled one when it has the length. The first failure rejects the image.
   */
  private async runCrops(img: RgbaImage, cfg: PreprocessConfig, n: number, signal?: AbortSignal): Promise<PreprocessedImage> {
    const need = img.width * img.height * 4;
    if (!this.shared || this.shared.byteLength < need) this.shared = new SharedArrayBuffer(need);
    const data = new Uint8Array(this.shared, 0, need);
    data.set(img.data.subarray(0, need));
    const plain = plainConfig(cfg);
    const parts = await Promise.all(
      Array.from({ length: n }, (_, k) => {
        const i = this.spareCrops.findIndex((a) => a.length === 3 * cfg.cropSize * cfg.cropSize);
        const out = i < 0 ? undefined : this.spareCrops.splice(i, 1)[0]!;
        return this.post(k % this.threads, { width: img.width, height: img.height, data, cfg: plain, crop: k, ...(out ? { out } : {}) }, out ? [out.buffer as ArrayBuffer] : [], signal);
      }),
    );
    const per = parts[0]!.pixels.length;
    const spare = this.spareOut;
    this.spareOut = undefined;
    const pixels = spare && spare.length === n * per ? spare : new Float32Array(n * per);
    parts.forEach((p, k) => pixels.set(p.pixels, k * per));
    this.spareCrops.push(...parts.map((p) => p.pixels));
    this.spareCrops.splice(0, Math.max(0, this.spareCrops.length - n));
    return { pixels, dims: [n, 3, cfg.cropSize, cfg.cropSize], grid: parts[0]!.grid };
  }

  /** Posts one job to thread `t`; its promise settles with the thread's answer, a thread failure or the abort. */
  private post(t: number, job: Omit<PreprocessJob, 'id'>, transfer: ArrayBuffer[], signal?: AbortSignal): Promise<PreprocessedImage> {
    const id = this.nextId++;
    const worker = this.thread(t);
    return new Promise<PreprocessedImage>((resolve, reject) => {
      const onAbort = () => this.settle(id, (p) => p.reject(abortReason(signal!)));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { worker, resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort) });
      worker.ref();
      worker.postMessage({ ...job, id }, transfer);
    });
  }

  /**
   * Hands back the pixel tensor of a result the caller no longer reads (its whole buffer): the next run() transfers
   * it to the thread to fill, so `pixels` is empty from then on. A view into a larger buffer is ignored.
   */
  recycle(pixels: Float32Array): void {
    const b = pixels.buffer;
    if (b instanceof ArrayBuffer && pixels.byteOffset === 0 && pixels.byteLength === b.byteLength && pixels.length > 0) this.spareOut = pixels;
  }

  /** Stops the threads; jobs still waiting reject with a PreprocessWorkerError. The next run starts fresh ones. */
  async close(): Promise<void> {
    const all = this.workers.filter((w): w is Worker => w !== undefined);
    for (const w of all) this.detach(w, new PreprocessWorkerError(failureText('it was stopped before it finished')));
    await Promise.all(all.map((w) => w.terminate()));
  }

  private thread(t: number): Worker {
    const cur = this.workers[t];
    if (cur) return cur;
    const ts = this.entry.pathname.endsWith('.ts');
    const w = ts
      ? new Worker(new URL('./ts-worker-entry.mjs', import.meta.url), { workerData: { entry: this.entry.href } })
      : new Worker(this.entry);
    this.started++;
    w.unref();
    w.on('message', (r: PreprocessReply) => {
      if (r.input) this.keepSpare(r.input.buffer as ArrayBuffer);
      this.settle(r.id, (p) => (r.ok ? p.resolve(r.image) : p.reject(rebuildError(r.name, r.message))));
    });
    w.on('error', (e: Error) => this.detach(w, new PreprocessWorkerError(failureText(`it crashed: ${e.message}`), { cause: e })));
    w.on('messageerror', (e: Error) => this.detach(w, new PreprocessWorkerError(failureText(`its answer could not be read: ${e.message}`), { cause: e })));
    w.on('exit', (code) => this.detach(w, new PreprocessWorkerError(failureText(`it ended unexpectedly (exit code ${code})`))));
    this.workers[t] = w;
    return w;
  }

  /** `n` bytes for the next job: the spare buffer when it is large enough (it then leaves this side), else new. */
  private staging(n: number): Uint8Array {
    const s = this.spare;
    if (s && s.byteLength >= n) {
      this.spare = undefined;
      return new Uint8Array(s, 0, n);
    }
    return new Uint8Array(n);
  }

  /** Keeps the larger of a returned staging buffer and the current spare (one screen size is the usual case). */
  private keepSpare(b: ArrayBuffer): void {
    if (!this.spare || b.byteLength > this.spare.byteLength) this.spare = b;
  }

  /** Forgets thread w (if it is still a current one) and rejects every job waiting on it with `err`. */
  private detach(w: Worker, err: Error): void {
    const t = this.workers.indexOf(w);
    if (t < 0) return;
    this.workers[t] = undefined;
    for (const [id, p] of [...this.pending.entries()]) if (p.worker === w) this.settle(id, (q) => q.reject(err));
    void w.terminate(); // a no-op when it has already ended
  }

  private settle(id: number, how: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return; // answered after an abort: dropped
    this.pending.delete(id);
    p.cleanup();
    if (![...this.pending.values()].some((q) => q.worker === p.worker)) p.worker.unref();
    how(p);
  }
}

/** Plain words for the person who sees this in the app or the CLI: what happened, what to do next. */
function failureText(what: string): string {
  return `Preparing the screenshot for the model did not finish: the helper thread that prepares it stopped (${what}). This step was not run. Try the step again; a fresh helper thread starts on the next try.`;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The preprocessing was cancelled', 'AbortError');
}

/** The config as plain data (a spec object may carry extra fields; only these cross the thread boundary). */
function plainConfig(cfg: PreprocessConfig): PreprocessConfig {
  return { cropSize: cfg.cropSize, maxCrops: cfg.maxCrops, ...(cfg.mean ? { mean: [...cfg.mean] } : {}), ...(cfg.std ? { std: [...cfg.std] } : {}) };
}

function rebuildError(name: string, message: string): Error {
  const e = name === 'RangeError' ? new RangeError(message) : name === 'TypeError' ? new TypeError(message) : new Error(message);
  if (e.name !== name) e.name = name;
  return e;
}
