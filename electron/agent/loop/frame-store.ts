/**
 * Frames by id, so events carry ids and UIs fetch pixels only when they show them. Bounded: old frames drop out
 * (history on disk is a separate, opt-in store).
 */
import type { Element } from '../../common/elements.js';
import type { Frame, RgbaImage } from '../ports.js';

export interface StoredFrame {
  readonly frame: Frame;
  elements?: readonly Element[];
  marked?: RgbaImage;
}

export class FrameStore {
  private readonly frames = new Map<string, StoredFrame>();
  constructor(private readonly capacity = 32) {}

  put(frame: Frame): StoredFrame {
    const s: StoredFrame = { frame };
    this.frames.set(frame.id, s);
    while (this.frames.size > this.capacity) this.frames.delete(this.frames.keys().next().value!);
    return s;
  }

  get(id: string): StoredFrame | undefined {
    return this.frames.get(id);
  }

  clear(): void {
    this.frames.clear();
  }
}
