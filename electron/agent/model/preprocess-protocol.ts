/**
 * The messages between PreprocessWorker (preprocess-in-worker.ts) and its thread (preprocess-worker.ts), and the
 * one function the thread runs per message. The thread calls the same preprocessImage as the in-thread path, so
 * its bytes are the in-thread bytes; only the buffers move (transferred, never copied, in both directions).
 */
import type { PreprocessConfig, PreprocessedImage } from './preprocess.js';
import { preprocessCrop, preprocessImage } from './preprocess.js';

export interface PreprocessJob {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  /**
   * RGBA bytes: a buffer of their own (the sender transfers it, and gets it back in the reply), or a view of a
   * SharedArrayBuffer that every thread of a crop-parallel image reads (not transferred, not sent back).
   */
  readonly data: Uint8Array;
  readonly cfg: PreprocessConfig;
  /** Only this crop (preprocessCrop: [1, 3, S, S]); absent: the whole image. */
  readonly crop?: number;
  /** A pixel tensor the sender is done with (transferred): filled again when the new tensor has its length. */
  readonly out?: Float32Array;
}

/** `input` is the job's RGBA buffer handed back (absent when it was shared), so the sender can reuse it. */
export type PreprocessReply =
  | { readonly id: number; readonly ok: true; readonly image: PreprocessedImage; readonly input?: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string; readonly input?: Uint8Array };

/**
 * Runs one job; the reply's pixel buffer and the job's input buffer are listed for transfer. A bad image is an
 * answer, not a crash.
 */
export function answerJob(job: PreprocessJob): { reply: PreprocessReply; transfer: ArrayBuffer[] } {
  const input = job.data;
  const shared = input.buffer instanceof SharedArrayBuffer;
  const back = shared ? {} : { input };
  const backList = shared ? [] : [input.buffer as ArrayBuffer];
  try {
    const img = { width: job.width, height: job.height, data: input };
    const image = job.crop === undefined ? preprocessImage(img, job.cfg, job.out) : preprocessCrop(img, job.cfg, job.crop, job.out);
    return { reply: { id: job.id, ok: true, image, ...back }, transfer: [image.pixels.buffer as ArrayBuffer, ...backList] };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { reply: { id: job.id, ok: false, name: err.name, message: err.message, ...back }, transfer: backList };
  }
}
