/**
 * A fake PP-OCR pair for perception unit tests: the detector marks dark pixels as text, the recognizer reads the
 * dictionary's first character ("A") in the first time step of every row and blanks after it.
 */
import type { RgbaImage, TensorLike, TensorRuntime, TensorSession } from '../../electron/agent/ports.js';

export interface FakeOcr extends TensorRuntime {
  loads: number;
  recRuns: number;
  /** Input height of every recognizer batch, in run order. */
  recHeights: number[];
}

/** `classes`: the recognizer's output classes (blank + dictionary lines + space: 4 for the dictionary "A\nB"). */
export function fakeOcrRuntime(classes: number): FakeOcr {
  const rt: FakeOcr = {
    loads: 0,
    recRuns: 0,
    recHeights: [],
    async load(path: string): Promise<TensorSession> {
      rt.loads++;
      const det = path.includes('det');
      return {
        inputNames: ['x'],
        outputNames: ['y'],
        provider: 'fake',
        async run(feeds: Record<string, TensorLike>) {
          const x = feeds.x!;
          const [n, , h, w] = x.dims as [number, number, number, number];
          const data = x.data as Float32Array;
          if (det) {
            // Dark pixel (normalized blue < -1.5) -> text probability 0.9.
            const p = new Float32Array(h * w);
            for (let i = 0; i < h * w; i++) p[i] = data[i]! < -1.5 ? 0.9 : 0;
            return { y: { type: 'float32', dims: [1, 1, h, w], data: p } };
          }
          rt.recRuns++;
          rt.recHeights.push(h);
          const steps = w / 8;
          const out = new Float32Array(n * steps * classes);
          for (let b = 0; b < n; b++) for (let t = 0; t < steps; t++) out[(b * steps + t) * classes + (t === 0 ? 1 : 0)] = 0.95;
          return { y: { type: 'float32', dims: [n, steps, classes], data: out } };
        },
        async release() {},
      };
    },
  };
  return rt;
}

/** A white frame with black rectangles [x0, y0, x1, y1) (exclusive ends). */
export function white(w: number, h: number, dark: [number, number, number, number][] = []): RgbaImage {
  const data = new Uint8Array(w * h * 4).fill(255);
  for (const [x0, y0, x1, y1] of dark) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set([0, 0, 0, 255], (y * w + x) * 4);
  return { width: w, height: h, data };
}
