/**
 * Turns OCR text, classical rectangles and (optionally) detector boxes into elements.
 *
 * 1. Controls from rectangles (widgets.ts): a text enclosed by a box-shaped interior that is not much taller than
 *    the text (or at most 64 px tall) becomes that control: kind button/field (by where the label sits),
 *    interactive, bbox = the box with its wall (so a click lands on the control's centre), text = the label(s) in reading order. Empty small
 *    squares are checkboxes, empty wide boxes are fields, small boxes with only non-text ink are icon buttons,
 *    and so are boxes of any size with ink standing in a row or column of their like (key-rows.ts: keys OCR left unread).
 *    Table cells (walls shared on both axes) and boxes holding several lines are containers, not controls.
 * 2. Detector icons (OmniParser's rule, ../shared/OMNIPARSER.md): overlap = max(IoU, inter/a1, inter/a2) > 0.7
 *    between icons: the smaller wins; OCR text more than 80% inside a kept icon is folded into it; an icon more
 *    than 80% inside an OCR text box is dropped. Improvement: a detector box that overlaps a control found in
 *    step 1 (overlap > 0.7) is the same element: the control keeps its label and kind, the detector's confidence
 *    raises its own.
 */
import type { ImageBox } from '../../common/geometry.js';
import type { ElementKind } from '../../common/elements.js';
import { repeatedBoxes } from './key-rows.js';
import { boxArea, type RectRegion } from './widgets.js';

export interface TextItem {
  readonly text: string;
  readonly box: ImageBox;
  readonly confidence: number;
  /** Set when the text's ink is coloured differently from body text (a link), see links.ts. */
  readonly link?: boolean;
}

export interface DetectorBox {
  readonly box: ImageBox;
  readonly confidence: number;
}

export interface Merged {
  readonly kind: ElementKind;
  readonly box: ImageBox;
  readonly text: string;
  /** What the pixels show where `text` came from the accessibility tree and says otherwise (stages/tree.ts). */
  readonly shown?: string;
  readonly interactive: boolean;
  readonly confidence: number;
  readonly source: string;
}

export function intersection(a: ImageBox, b: ImageBox): number {
  return Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
}
export function iou(a: ImageBox, b: ImageBox): number {
  const i = intersection(a, b);
  const u = boxArea(a) + boxArea(b) - i;
  return u > 0 ? i / u : 0;
}
/** OmniParser's overlap: max(IoU, inter/area(a), inter/area(b)). */
export function overlapScore(a: ImageBox, b: ImageBox): number {
  const i = intersection(a, b);
  if (i === 0) return 0;
  return Math.max(iou(a, b), i / Math.max(1, boxArea(a)), i / Math.max(1, boxArea(b)));
}
/** Fraction of `inner`'s area inside `outer`. */
export function insideFraction(inner: ImageBox, outer: ImageBox): number {
  return intersection(inner, outer) / Math.max(1, boxArea(inner));
}

const cx = (b: ImageBox) => (b[0] + b[2]) / 2;
const cy = (b: ImageBox) => (b[1] + b[3]) / 2;
const h = (b: ImageBox) => b[3] - b[1];
const w = (b: ImageBox) => b[2] - b[0];

/** Step 1: controls from rectangles; returns the controls and the texts left over. */
export function controlsFromRects(texts: readonly TextItem[], rects: readonly RectRegion[]): { controls: Merged[]; rest: TextItem[] } {
  const candidates = rects.filter((r) => !r.gridCell);
  // Each text goes to the smallest box whose interior holds its centre and which holds 80% of it.
  const owner = new Map<RectRegion, TextItem[]>();
  const rest: TextItem[] = [];
  for (const t of texts) {
    let best: RectRegion | undefined;
    for (const r of candidates) {
      const [x0, y0, x1, y1] = r.inner;
      const c = [cx(t.box), cy(t.box)] as const;
      if (c[0] < x0 || c[0] > x1 || c[1] < y0 || c[1] > y1) continue;
      // Grown by 4 px: a label's ink box may take in a round outline (Xaw's pill buttons).
      const o = r.outer;
      if (insideFraction(t.box, [o[0] - 4, o[1] - 4, o[2] + 4, o[3] + 4]) < 0.8) continue;
      if (!best || boxArea(r.inner) < boxArea(best.inner)) best = r;
    }
    if (best) owner.set(best, [...(owner.get(best) ?? []), t]);
    else rest.push(t);
  }
  const controls: Merged[] = [];
  const claimed = new Set<RectRegion>();
  for (const [r, ts] of owner) {
    const th = median(ts.map((t) => h(t.box)));
    const oneRow = ts.every((t) => ts.every((u) => Math.min(t.box[3], u.box[3]) - Math.max(t.box[1], u.box[1]) >= 0.4 * Math.min(h(t.box), h(u.box))));
    const rh = h(r.inner);
    // Up to 64 px tall whatever the label: a large window's keys (xcalc at 600x800: ~56 px around 13 px labels)
    // are still keys; a box taller than that around one line of text is a panel or a note.
    if (!oneRow || rh > Math.max(3 * th + 8, 64) || rh < 0.5 * th) {
      rest.push(...ts);
      continue;
    }
    const sorted = [...ts].sort((a, b) => a.box[0] - b.box[0]);
    // Words of one label sit close together; texts far apart in one box (a display's "DEG ... DEC") are not one label.
    if (sorted.some((t, i) => i > 0 && t.box[0] - sorted[i - 1]!.box[2] > 1.5 * th)) {
      rest.push(...ts);
      continue;
    }
    const tx0 = sorted[0]!.box[0];
    const tx1 = Math.max(...sorted.map((t) => t.box[2]));
    const rw = w(r.inner);
    // Centred label: a button; a label hugging the left of a wide box: a field (or a drop-down showing its value).
    const leftGap = tx0 - r.inner[0];
    const rightGap = r.inner[2] - tx1;
    const kind: ElementKind = rw >= 3 * rh && rightGap > 2.5 * Math.max(4, leftGap) ? 'field' : 'button';
    // A short label centred in a very wide box is a title or status bar, not a button.
    if (kind === 'button' && rw > 8 * rh && tx1 - tx0 < 0.5 * rw) {
      rest.push(...ts);
      continue;
    }
    claimed.add(r);
    controls.push({
      kind,
      box: r.outer,
      text: sorted.map((t) => t.text).join(' '),
      interactive: true,
      confidence: round3(0.9 * mean(sorted.map((t) => t.confidence))),
      source: 'ocr+widget',
    });
  }
  const keys = repeatedBoxes(candidates);
  const empty: { r: RectRegion; kind: ElementKind; conf: number }[] = [];
  for (const r of candidates) {
    if (claimed.has(r) || owner.has(r)) continue;
    const rw = w(r.inner);
    const rh = h(r.inner);
    const aspect = rw / rh;
    let kind: ElementKind | undefined;
    let conf = 0.5;
    if (rw <= 26 && rh <= 26 && aspect > 0.75 && aspect < 1.33 && r.holes <= 2) {
      kind = 'checkbox';
      conf = 0.6;
    } else if (aspect >= 3 && rh >= 12 && rh <= 48 && r.holes <= 2) {
      kind = 'field';
      conf = 0.5;
    } else if (r.holes >= 1 && ((rw <= 64 && rh <= 64 && aspect > 0.5 && aspect < 2.5) || keys.has(r))) {
      // Small boxes with ink, and keys of any size in a row of their like (key-rows.ts) whose label OCR missed.
      kind = 'button';
      conf = 0.45;
    }
    if (kind) empty.push({ r, kind, conf });
  }
  for (const { r, kind, conf } of empty) {
    // A box inside another control is its decoration (the arrow box of a drop-down, the hole of a key's icon).
    if (controls.some((c) => insideFraction(r.outer, c.box) > 0.8)) continue;
    if (empty.some((o) => o.r !== r && boxArea(o.r.inner) > boxArea(r.inner) && insideFraction(r.outer, o.r.outer) > 0.8)) continue;
    controls.push({ kind, box: r.outer, text: '', interactive: true, confidence: conf, source: 'widget' });
  }
  return { controls, rest };
}

/** Step 2: OmniParser's merge of detector boxes with controls and text. */
export function mergeDetections(controls: readonly Merged[], texts: readonly TextItem[], icons: readonly DetectorBox[], overlapThresh = 0.7): { controls: Merged[]; rest: TextItem[] } {
  // Among overlapping icons the smaller box wins.
  const bySize = [...icons].sort((a, b) => boxArea(a.box) - boxArea(b.box));
  const kept: DetectorBox[] = [];
  for (const ic of bySize) if (!kept.some((k) => overlapScore(k.box, ic.box) > overlapThresh)) kept.push(ic);
  const out = controls.map((c) => ({ ...c }));
  let rest = [...texts];
  for (const ic of kept) {
    // An icon mostly inside a text box is part of that text.
    if (rest.some((t) => insideFraction(ic.box, t.box) > 0.8)) continue;
    const same = out.findIndex((c) => overlapScore(c.box, ic.box) > overlapThresh);
    if (same >= 0) {
      const c = out[same]!;
      out[same] = { ...c, confidence: round3(Math.max(c.confidence, ic.confidence)), source: c.source.includes('detector') ? c.source : `${c.source}+detector` };
      continue;
    }
    const inside = rest.filter((t) => insideFraction(t.box, ic.box) > 0.8);
    rest = rest.filter((t) => !inside.includes(t));
    const sorted = inside.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
    out.push({
      kind: sorted.length ? 'button' : 'icon',
      box: ic.box,
      text: sorted.map((t) => t.text).join(' '),
      interactive: true,
      confidence: round3(ic.confidence),
      source: sorted.length ? 'detector+ocr' : 'detector',
    });
  }
  return { controls: out, rest };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}
function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
function round3(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
}
