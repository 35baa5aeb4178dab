/**
 * Run limits (SAFETY.md S9): steps, wall time, input events per second, characters per second, text length, and
 * the repetition rule: the same action proposed a third time on a screen that did not change since the earlier
 * two pauses the run and asks (the step goes to the person even under "approve the rest").
 */
import { ACTION_LIMITS, type Action } from '../../common/actions.js';
import type { RgbaImage } from '../ports.js';

export interface RunLimits {
  /** Steps the planner may take (input actions, waits and skips count). */
  readonly maxSteps: number;
  /** Wall-clock time of the whole run, approvals included (ms). */
  readonly maxWallMs: number;
  /** Input events (click, key combo, scroll, move, drag) in any 1 s window. */
  readonly maxActionsPerSecond: number;
  /** Typed characters in any 1 s window. */
  readonly maxCharsPerSecond: number;
  /** Characters in one type action. */
  readonly maxTextLength: number;
  /** The n-th identical action on an unchanged screen pauses the run and asks. */
  readonly repeatLimit: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  maxSteps: 25,
  maxWallMs: 30 * 60_000,
  maxActionsPerSecond: 10,
  maxCharsPerSecond: 100,
  maxTextLength: ACTION_LIMITS.maxTextLength,
  repeatLimit: 3,
};

/** Merges caller limits over the defaults; a limit can be made stricter or looser but never NaN, zero or negative. */
export function resolveLimits(partial: Partial<RunLimits> = {}, maxSteps?: number): RunLimits {
  const merged: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries({ ...partial, ...(maxSteps !== undefined ? { maxSteps } : {}) })) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v > 0)) throw new RangeError(`limit ${k} must be a positive number, not ${String(v)}`);
    merged[k] = v;
  }
  merged.maxTextLength = Math.min(merged.maxTextLength!, ACTION_LIMITS.maxTextLength);
  merged.repeatLimit = Math.max(2, Math.floor(merged.repeatLimit!));
  return merged as unknown as RunLimits;
}

/** Why an action breaks a per-action limit, or undefined. */
export function actionLimitProblem(a: Action, limits: RunLimits): string | undefined {
  if (a.kind === 'type' && a.text.length > limits.maxTextLength) {
    return `the text to type is ${a.text.length} characters, over the limit of ${limits.maxTextLength}`;
  }
  return undefined;
}

const FP = 48;
/**
 * A whole-screen fingerprint: mean luma of every pixel in a 48x48 grid. Every pixel counts (no sampling), so a
 * changed digit on a calculator moves its cell; two fingerprints are "the same screen" when no cell moved by more
 * than 1 level.
 */
export function screenFingerprint(img: RgbaImage): Uint8Array {
  const sums = new Float64Array(FP * FP);
  const counts = new Uint32Array(FP * FP);
  const { width: w, height: h, data } = img;
  for (let y = 0; y < h; y++) {
    const gy = Math.min(FP - 1, Math.floor((y * FP) / h)) * FP;
    let o = y * w * 4;
    for (let x = 0; x < w; x++, o += 4) {
      const c = gy + Math.min(FP - 1, Math.floor((x * FP) / w));
      sums[c]! += data[o]! * 0.299 + data[o + 1]! * 0.587 + data[o + 2]! * 0.114;
      counts[c]!++;
    }
  }
  const out = new Uint8Array(FP * FP);
  for (let i = 0; i < out.length; i++) out[i] = counts[i] ? Math.round(sums[i]! / counts[i]!) : 0;
  return out;
}

export function sameScreen(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1) return false;
  return true;
}

/** Identity of an action for the repetition rule: its kind, arguments and where it lands (screen px, rounded). */
export function actionKey(a: Action, screenPoints: readonly { x: number; y: number }[]): string {
  return JSON.stringify([a, screenPoints.map((p) => [Math.round(p.x), Math.round(p.y)])]);
}

/** Remembers the screen each executed action ran on; says how often an action already ran on this same screen. */
export class RepetitionGuard {
  private readonly seen: { key: string; fp: Uint8Array }[] = [];
  constructor(private readonly limit: number, private readonly memory = 50) {}

  /** How many times this action already ran on a screen like this one. */
  count(key: string, fp: Uint8Array): number {
    return this.seen.filter((s) => s.key === key && sameScreen(s.fp, fp)).length;
  }

  /** Whether proposing this action now must pause the run and ask. */
  mustAsk(key: string, fp: Uint8Array): boolean {
    return this.count(key, fp) >= this.limit - 1;
  }

  record(key: string, fp: Uint8Array): void {
    this.seen.push({ key, fp });
    if (this.seen.length > this.memory) this.seen.shift();
  }

  /** A person confirmed the repetition: start counting again. */
  forgive(key: string): void {
    for (let i = this.seen.length - 1; i >= 0; i--) if (this.seen[i]!.key === key) this.seen.splice(i, 1);
  }
}
