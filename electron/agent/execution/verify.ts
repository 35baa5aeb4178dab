/**
 * Verification (SAFETY.md S16): did an action do anything where it should? The screen is compared in 16x16 px
 * cells. Cells that changed between the two captures taken before the action (the frame the step was proposed on
 * and the re-check right before acting) are volatile - a caret, a clock, an animation - and do not count as an
 * effect. What remains must change: anywhere on the display for clicks, keys and drags, and near the target for
 * typing into a field or scrolling at a point. The control the pointer just left (the previous target) may lose
 * its hover highlight; that is not an effect either.
 */
import type { Action } from '../../common/actions.js';
import type { ImageBox } from '../../common/geometry.js';
import type { RgbaImage } from '../ports.js';
import type { ResolvedAction } from '../resolved.js';

export const CELL = 16;
/** Pixels that must differ inside a cell for the cell to count as changed. */
const CELL_PIXELS = 3;

/** Cells (row-major, ceil(w/CELL) x ceil(h/CELL)) in which more than CELL_PIXELS pixels differ. */
export function changedCells(a: RgbaImage, b: RgbaImage): Uint8Array | undefined {
  if (a.width !== b.width || a.height !== b.height) return undefined;
  const cw = Math.ceil(a.width / CELL);
  const ch = Math.ceil(a.height / CELL);
  const counts = new Uint16Array(cw * ch);
  const da = a.data;
  const db = b.data;
  for (let y = 0; y < a.height; y++) {
    const row = Math.floor(y / CELL) * cw;
    let o = y * a.width * 4;
    for (let x = 0; x < a.width; x++, o += 4) {
      if (da[o] !== db[o] || da[o + 1] !== db[o + 1] || da[o + 2] !== db[o + 2]) counts[row + ((x / CELL) | 0)]!++;
    }
  }
  const out = new Uint8Array(cw * ch);
  for (let i = 0; i < out.length; i++) out[i] = counts[i]! > CELL_PIXELS ? 1 : 0;
  return out;
}

/** Actions whose effect is invisible by design (copying): never called a no-op. */
function invisibleByDesign(a: Action): boolean {
  if (a.kind !== 'press') return false;
  const k = [...a.keys].sort().join('+');
  return k === 'c+ctrl' || k === 'c+meta' || k === 'ctrl+insert';
}

/** The image-px region where an action's effect must show, or undefined for "anywhere on the display". */
export function expectedRegion(r: ResolvedAction, img: { width: number; height: number }): ImageBox | undefined {
  const a = r.action;
  const t = r.targets[0];
  if (!t || (a.kind !== 'type' && a.kind !== 'scroll')) return undefined;
  // Typed text lands in the field, which may sit beside its label: a band around the target, wide to the right.
  const [x1, y1, x2, y2] = t.box;
  const h = Math.max(16, y2 - y1);
  return a.kind === 'type'
    ? [Math.max(0, x1 - 64), Math.max(0, y1 - 2 * h), Math.min(img.width, x2 + Math.max(400, 4 * (x2 - x1))), Math.min(img.height, y2 + 2 * h)]
    : [Math.max(0, x1 - 400), Math.max(0, y1 - 400), Math.min(img.width, x2 + 400), Math.min(img.height, y2 + 400)];
}

export interface Effect {
  /** True when something changed where the action should have an effect (or it is invisible by design). */
  readonly effective: boolean;
  /** Non-volatile cells that changed, anywhere. */
  readonly changedCells: number;
  /** Of those, inside the expected region. */
  readonly changedInRegion: number;
  readonly volatileCells: number;
}

/**
 * proposed: the frame the step was proposed on; before: the re-check right before acting; after: the capture
 * after the UI settled.
 */
export interface EffectOptions {
  /**
   * Image-px boxes whose change is not an effect of this action: the control the pointer leaves (the previous
   * step's target loses its hover highlight when the pointer jumps to this one).
   */
  readonly ignore?: readonly ImageBox[];
}

export function detectEffect(r: ResolvedAction, proposed: RgbaImage, before: RgbaImage, after: RgbaImage, o: EffectOptions = {}): Effect {
  const change = changedCells(before, after);
  if (!change) return { effective: true, changedCells: Infinity, changedInRegion: Infinity, volatileCells: 0 };
  const volatile = changedCells(proposed, before) ?? new Uint8Array(change.length);
  const cw = Math.ceil(after.width / CELL);
  const region = expectedRegion(r, after);
  let changed = 0;
  let inRegion = 0;
  let vol = 0;
  for (let i = 0; i < change.length; i++) {
    if (volatile[i]) {
      vol++;
      continue;
    }
    if (!change[i]) continue;
    const cx = (i % cw) * CELL + CELL / 2;
    const cy = Math.floor(i / cw) * CELL + CELL / 2;
    if (o.ignore?.some((b) => cx >= b[0] - CELL / 2 && cx <= b[2] + CELL / 2 && cy >= b[1] - CELL / 2 && cy <= b[3] + CELL / 2)) continue;
    changed++;
    if (region) {
      if (cx >= region[0] - CELL / 2 && cx <= region[2] + CELL / 2 && cy >= region[1] - CELL / 2 && cy <= region[3] + CELL / 2) inRegion++;
    } else inRegion++;
  }
  return { effective: inRegion > 0 || invisibleByDesign(r.action), changedCells: changed, changedInRegion: inRegion, volatileCells: vol };
}
