/**
 * The accessibility fusion eval (issue #15): each case scored three ways, with the same perceiver and the same
 * ground truth that the tree cannot grade itself on (hand-checked GTK boxes, Chromium's DOM):
 *   vision  the screen parser alone (what every other set measures),
 *   tree    the tree alone (perceive with {tree, vision: false}: still checked against the pixels),
 *   fused   both (perceive with {tree}: the tree stage after merge).
 * Scoring is scoring.ts's (recall / precision at IoU >= 0.5, grounding through the command planner's resolver),
 * with two rules for application windows, said here because they change what the numbers mean:
 *   - a greyed-out control (`disabled` in the ground truth) is neither to be found nor a false find: a prediction
 *     on it is left out of precision, and it is not in recall;
 *   - grounding counts only names shown once on the frame: "click checkbutton" on a page with three of them is
 *     ambiguous for a person too, and the resolver is right to ask (each still counts for recall and precision).
 */
import type { A11yRead } from '../../electron/common/a11y.js';
import type { DisplayInfo } from '../../electron/common/geometry.js';
import type { Element } from '../../electron/common/elements.js';
import { treeInImage } from '../../electron/agent/loop/tree-read.js';
import type { Perceiver } from '../../electron/agent/perception/perceiver.js';
import type { RgbaImage } from '../../electron/agent/ports.js';
import { iou, score, type Box, type CaseScore, type EvalCase, type GtElement } from './scoring.js';

export const A11Y_MODES = ['vision', 'tree', 'fused'] as const;
export type A11yMode = (typeof A11Y_MODES)[number];
/** gtk-live: committed GTK screenshots + saved tree reads (a11y-frames.ts); web-tree: Chromium, live (a11y-web.ts). */
export const A11Y_SETS = ['gtk-live', 'web-tree'] as const;
export type A11ySet = (typeof A11Y_SETS)[number];

export interface TreeCase {
  readonly name: string;
  readonly set: A11ySet;
  readonly image: RgbaImage;
  /** Enabled controls: what recall, precision and grounding count. */
  readonly gt: readonly GtElement[];
  /** Greyed-out controls: a prediction on one is neither a hit nor a false positive. */
  readonly ignore: readonly Box[];
  /** Text shown on the frame that is no control but reads as a control's name: that name is ambiguous to ask for. */
  readonly textsShown?: readonly string[];
  /** The tree read with the frame (logical screen px), or undefined where none could be read. */
  readonly tree?: A11yRead;
  /** The screen the tree's coordinates live on, mapped onto the frame's bitmap (geometry.ts toImage). */
  readonly display: DisplayInfo;
}

export type TreeCaseScore = Omit<CaseScore, 'set'> & { readonly set: A11ySet; readonly mode: A11yMode };

/**
 * The elements one mode gives for a case. Without a tree, tree mode has nothing (no element) and fused mode is
 * vision (the perceiver gets no tree: exactly the vision-only path).
 */
export async function perceiveIn(perceiver: Perceiver, mode: A11yMode, image: RgbaImage, tree: A11yRead | undefined, display: DisplayInfo): Promise<{ elements: Element[]; ms: number }> {
  const items = tree ? treeInImage(tree.nodes, { display, imageWidth: image.width, imageHeight: image.height }) : undefined;
  if (mode === 'tree' && !items) return { elements: [], ms: 0 };
  const r = await perceiver.perceive(image, undefined, mode === 'vision' ? {} : { tree: items, ...(mode === 'tree' ? { vision: false } : {}) });
  return { elements: r.elements, ms: r.timings_ms.total ?? 0 };
}

/** Names that appear once on the frame (case and spacing aside); the others are ambiguous to ask for. */
function uniqueNames(gt: readonly GtElement[], textsShown: readonly string[] = []): GtElement[] {
  const key = (n: string) => n.toLowerCase().replace(/\s+/g, ' ').trim();
  const count = new Map<string, number>();
  for (const n of [...gt.map((g) => g.name), ...textsShown]) if (n) count.set(key(n), (count.get(key(n)) ?? 0) + 1);
  return gt.map((g) => (g.name && count.get(key(g.name))! > 1 ? { ...g, name: '' } : g));
}

export function scoreTreeCase(c: TreeCase, mode: A11yMode, elements: readonly Element[], ms: number): TreeCaseScore {
  // A prediction on a greyed-out control is dropped unless it fits an enabled one at least as well.
  const kept = elements.filter((e) => {
    if (!e.interactive) return true;
    const b = e.bbox as Box;
    const onIgnored = Math.max(0, ...c.ignore.map((x) => iou(x, b)));
    return onIgnored < 0.5 || Math.max(0, ...c.gt.map((g) => iou(g.box, b))) >= onIgnored;
  });
  // The case as scoring.ts takes it; its `set` is only copied into the score, and replaced below.
  const asEval: EvalCase = { name: c.name, set: 'gtk', image: c.image, gt: uniqueNames(c.gt, c.textsShown) };
  const s = score(asEval, kept, ms);
  // Recall counts every enabled control, named twice or not (uniqueNames only blanked names for grounding).
  return { ...s, set: c.set, mode, missed: s.missed.map((m) => c.gt.find((g) => g.box === m.box) ?? m) };
}

/**
 * Where `inner` lies in `outer` (top-left, px), by comparing a sparse grid of pixels; undefined when no place or
 * more than one fits. The viewport's offset in the Chromium window is the toolbar's height, a few dozen px.
 */
export function findInside(outer: RgbaImage, inner: RgbaImage, maxX = 64, maxY = 256): { x: number; y: number } | undefined {
  const samples: [number, number][] = [];
  for (let y = 3; y < inner.height; y += 37) for (let x = 5; x < inner.width; x += 41) samples.push([x, y]);
  const fits: { x: number; y: number }[] = [];
  for (let oy = 0; oy <= Math.min(maxY, outer.height - inner.height); oy++) {
    for (let ox = 0; ox <= Math.min(maxX, outer.width - inner.width); ox++) {
      const ok = samples.every(([x, y]) => {
        const i = (y * inner.width + x) * 4;
        const o = ((y + oy) * outer.width + x + ox) * 4;
        return Math.abs(inner.data[i]! - outer.data[o]!) <= 2 && Math.abs(inner.data[i + 1]! - outer.data[o + 1]!) <= 2 && Math.abs(inner.data[i + 2]! - outer.data[o + 2]!) <= 2;
      });
      if (ok) fits.push({ x: ox, y: oy });
    }
  }
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * The DOM ground truth with one box per link per line. collectGt gives a link one box per client rect, and a link
 * holding a <code> has one rect per inline box even on one line ("4.1. " + "if" + " Statements", each touching the
 * next): one target for a person, one mark to click. Fragments of one line that touch (gap <= 1 px, same top and
 * bottom) are joined; fragments on different lines stay apart, as in the web set. Names stay '' (a fragmented link
 * counts for recall and precision, not grounding, as in the web set).
 */
export function joinLinkFragments(gt: readonly GtElement[]): GtElement[] {
  const out: GtElement[] = [];
  for (const g of gt) {
    const last = out[out.length - 1];
    const fragment = (e: GtElement) => e.role === 'a' && e.name === '';
    if (last && fragment(last) && fragment(g) && Math.abs(last.box[1] - g.box[1]) <= 1 && Math.abs(last.box[3] - g.box[3]) <= 1 && g.box[0] - last.box[2] <= 1 && g.box[0] >= last.box[0]) {
      out[out.length - 1] = { ...last, box: [last.box[0], Math.min(last.box[1], g.box[1]), Math.max(last.box[2], g.box[2]), Math.max(last.box[3], g.box[3])] };
    } else out.push(g);
  }
  return out;
}
