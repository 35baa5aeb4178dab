/** Test doubles for the safety suite: a virtual clock, screens with scripted behaviour, a scripted planner. */
import type { Action } from '../../electron/common/actions.js';
import type { DisplayInfo } from '../../electron/common/geometry.js';
import type { Clock, Frame, RgbaImage, RunLog, ScreenSource } from '../../electron/agent/ports.js';
import type { PlanContext, Planner, Proposal } from '../../electron/agent/planner/planner.js';
import type { RecordingInputDriver } from '../../electron/adapters/input-recording.js';
import { blankImage, testDisplay } from '../support/fakes.js';

/**
 * Discrete-event time: sleep() registers a timer; when nothing else is runnable (after the microtask queue and
 * the current macrotask drain), time jumps to the earliest timer. Runs that would take minutes take milliseconds,
 * and rate limits are checked against the same clock the recorder stamps events with.
 */
export class VirtualClock implements Clock {
  t = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;
  private scheduled = false;

  now = (): number => this.t;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const onAbort = () => {
        const i = this.timers.indexOf(timer);
        if (i >= 0) this.timers.splice(i, 1);
        reject(new Error('aborted'));
      };
      const timer = { at: this.t + Math.max(0, Number.isFinite(ms) ? ms : 0), seq: this.seq++, resolve: () => { signal?.removeEventListener('abort', onAbort); resolve(); } };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.schedule();
    });

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.fire());
  }

  private fire(): void {
    this.scheduled = false;
    if (!this.timers.length) return;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = this.timers.shift()!;
    this.t = Math.max(this.t, next.at);
    next.resolve();
    if (this.timers.length) this.schedule();
  }
}

/** A screen that never changes, whatever the input does (a disabled control, focus elsewhere). */
export class StaticScreen implements ScreenSource {
  captures = 0;
  /** Called on every capture: lets a test draw on the screen (volatile regions, late effects). */
  paint?: (n: number, img: RgbaImage) => void;
  constructor(private readonly display: DisplayInfo = testDisplay) {}
  async displays() { return [this.display]; }
  async capture(): Promise<Frame> {
    const { width, height } = this.display.bounds;
    const img = blankImage(width, height);
    this.paint?.(this.captures, img);
    this.captures++;
    return { id: `s${this.captures}`, capturedAt: this.captures, image: img, geometry: { display: this.display, imageWidth: width, imageHeight: height } };
  }
}

/** A screen where every click toggles a block at the top-left: the screen alternates between two states. */
export class ToggleScreen extends StaticScreen {
  constructor(input: RecordingInputDriver) {
    super();
    this.paint = (_n, img) => {
      const clicks = input.events.filter((e) => e.kind === 'click').length;
      if (clicks % 2 === 1) fillRect(img, 150, 60, 190, 90, 0);
    };
  }
}

export function fillRect(img: RgbaImage, x1: number, y1: number, x2: number, y2: number, v: number): void {
  for (let y = y1; y < y2; y++) img.data.fill(v, (y * img.width + x1) * 4, (y * img.width + x2) * 4);
}

/** Proposes the given actions in order, then done. */
export class ScriptedPlanner implements Planner {
  readonly name = 'scripted';
  readonly needsElements = true;
  private i = 0;
  constructor(private readonly actions: readonly (Action | Proposal | (() => Proposal))[]) {}
  async next(_ctx: PlanContext): Promise<Proposal> {
    const a = this.actions[this.i++];
    if (a === undefined) return { ok: true, action: { kind: 'done' }, reasoning: '' };
    if (typeof a === 'function') return a();
    if ('ok' in a) return a;
    return { ok: true, action: a, reasoning: 'scripted' };
  }
}

/** An in-memory RunLog. */
export class MemoryLog implements RunLog {
  readonly records: Record<string, unknown>[] = [];
  write(r: Record<string, unknown>): void { this.records.push(JSON.parse(JSON.stringify(r)) as Record<string, unknown>); }
  async close(): Promise<void> {}
}

/** Max events (or summed weights) in any window of `windowMs` ending at an event. */
export function maxInWindow(points: readonly { at: number; n?: number }[], windowMs = 1000): number {
  let best = 0;
  for (let i = 0; i < points.length; i++) {
    let s = 0;
    for (let j = 0; j <= i; j++) if (points[j]!.at > points[i]!.at - windowMs) s += points[j]!.n ?? 1;
    best = Math.max(best, s);
  }
  return best;
}

/**
 * libnut keeps the process's X connection open until exit, and Xlib ends the process when that server goes away:
 * stop a test display only as the process exits.
 */
export function stopDisplayOnExit(x: { stop(): Promise<void> }): void {
  process.once('exit', () => void x.stop());
}
