/** Test doubles for the engine's ports: a screen whose pixels change when the recorded input says so. */
import type { Element } from '../../electron/common/elements.js';
import type { DisplayInfo } from '../../electron/common/geometry.js';
import type { Clock, Frame, RgbaImage, ScreenSource } from '../../electron/agent/ports.js';
import type { Perceiver } from '../../electron/agent/loop/run-agent.js';
import { RecordingInputDriver } from '../../electron/adapters/input-recording.js';

export const testDisplay: DisplayInfo = { id: 'test', name: 'test', bounds: { x: 0, y: 0, width: 200, height: 100 }, scaleFactor: 1, primary: true };

export function blankImage(w = 200, h = 100, v = 255): RgbaImage {
  return { width: w, height: h, data: new Uint8Array(w * h * 4).fill(v) };
}

/** A screen that draws a dark block for every recorded click, so actions visibly change it. */
export class FakeScreen implements ScreenSource {
  captures = 0;
  /** Called before each capture: lets a test change the screen between approval and execution. */
  beforeCapture?: (n: number, img: RgbaImage) => void;
  constructor(private readonly input: RecordingInputDriver, private readonly display: DisplayInfo = testDisplay) {}
  async displays() { return [this.display]; }
  async capture(): Promise<Frame> {
    const { width, height } = this.display.bounds;
    const img = blankImage(width, height);
    for (const e of this.input.events) {
      if (e.kind !== 'click') continue;
      for (let y = Math.max(0, Math.round(e.p.y) - 2); y < Math.min(height, Math.round(e.p.y) + 2); y++)
        for (let x = Math.max(0, Math.round(e.p.x) - 2); x < Math.min(width, Math.round(e.p.x) + 2); x++) img.data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
    this.beforeCapture?.(this.captures, img);
    this.captures++;
    return { id: `f${this.captures}`, capturedAt: this.captures, image: img, geometry: { display: this.display, imageWidth: width, imageHeight: height } };
  }
}

export function fixedPerceiver(elements: Element[]): Perceiver {
  return { perceive: async () => ({ elements, timings_ms: {} }) };
}

export function textElement(id: number, text: string, bbox: [number, number, number, number]): Element {
  return { id, kind: 'text', bbox, text, interactive: false, confidence: 0.9, source: 'test' };
}

export const instantClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((res, rej) => {
    if (signal?.aborted) return rej(new Error('aborted'));
    const t = setTimeout(res, Math.min(ms, 5));
    signal?.addEventListener('abort', () => { clearTimeout(t); rej(new Error('aborted')); }, { once: true });
  }),
};
