/**
 * Stage "tree" (issue #15): fuses the accessibility tree read for this frame (ctx.tree, image px) with what the
 * vision stages found (ctx.merged). Runs after merge and before number, so the marks and the model's image are
 * drawn from the fused list. Without a tree (ctx.tree undefined or empty) it does nothing: vision-only results
 * stay exactly what they were.
 *
 * Rules, and why:
 * - Kinds come from roles (ROLE_KINDS); containers (frames, panels, tool bars, paragraphs) are not elements.
 * - Off the frame: a node with less than half of its box inside the image is dropped; the rest is clipped.
 * - Not drawn: a node whose box is one flat colour, the same as the band just around it, shows nothing there
 *   (a hidden page, a node under a flat popup): dropped, unless it has the keyboard focus. A field with a border
 *   or its own fill is drawn.
 *   The toolkit's SHOWING state is not used: GTK 4 never sets it, so the pixels decide for every toolkit.
 * - Covered: a named node whose box is at least half filled by text vision read that reaches past its edges
 *   (a popup's or another window's lines lying over it), none of which contains its name: dropped. Text lying
 *   wholly inside a node is the node's own content instead (its label, or what it shows; see `shown`). A line OCR
 *   could not read (a few letters over a long box) covers nothing: it says nothing about what lies there.
 * - Inside the tree: a label or icon inside a control is that control's content (the control takes its name
 *   when it has none); a text or list-like node holding other nodes is a container, its children speak for it.
 * - Agreement: a vision element overlapping a node (IoU >= 0.5), or lying inside it, is that node: one element
 *   with the tree's box, name and interactivity, source 'a11y+vision'; so is one that reads the node's name over
 *   half of the smaller box (OCR's box reached past the node). A node lying inside a vision text line
 *   whose text contains its name splits that line: the line goes when the tree's names account for all its text.
 *   A tree text node over several vision lines keeps the lines (a mark per line) and is dropped itself.
 * - Wrapped: a link or text node over vision pieces on two or more lines whose text together is its name gives
 *   one element per piece (the piece's box fitted to the node's lines, line-pieces.ts; the tree's role), never one
 *   box across the lines. Where the node's box also holds other text, the pieces vision coloured as links are
 *   enough. A link that starts or ends mid-line is cut out of its first and last lines by words (cutWrapped); the
 *   rest stays vision text.
 * - Composite: a control holding two or more separate vision controls (spin button, entry with an icon) keeps
 *   vision's controls as the marks; see the loop below for why.
 * - Disabled controls stay, not interactive. Vision elements no node claims stay, source 'vision'.
 * - `shown`: where the tree's name is not what vision read there, element.shown is what vision read ('' when it
 *   read no text at all), so the risk policy and the approval prompt see both. With vision off nothing was read,
 *   so nothing is claimed about the pixels.
 */
import type { ElementKind } from '../../../common/elements.js';
import type { ImageBox } from '../../../common/geometry.js';
import { foldConfusions, normalizeLabel, similarity } from '../../../common/text-similarity.js';
import type { RgbaImage } from '../../ports.js';
import { insideFraction, intersection, iou, type Merged } from '../merge.js';
import { boxArea } from '../widgets.js';
import { pieceBoxes } from './line-pieces.js';
import { readingOrder } from './number.js';
import type { Stage, TreeItem } from './frame.js';
import { ownValue } from '../../../common/own-key.js';

/** AT-SPI role names (lower case, as the adapters give them) to element kinds; a role not listed is no element. */
const ROLE_KINDS: Readonly<Record<string, ElementKind>> = {
  'push button': 'button',
  'toggle button': 'button',
  button: 'button',
  'menu button': 'button',
  'combo box': 'button',
  menu: 'button',
  'menu item': 'button',
  'check box': 'checkbox',
  'check menu item': 'checkbox',
  switch: 'checkbox',
  'radio button': 'radio',
  'radio menu item': 'radio',
  entry: 'field',
  'password text': 'field',
  'spin button': 'field',
  text: 'field',
  link: 'link',
  'page tab': 'tab',
  slider: 'slider',
  'scroll bar': 'slider',
  'list item': 'other',
  'tree item': 'other',
  'table cell': 'other',
  label: 'text',
  static: 'text',
  heading: 'text',
  icon: 'icon',
  image: 'icon',
};

const CONTROL_KINDS = new Set<ElementKind>(['button', 'checkbox', 'radio', 'field', 'link', 'tab', 'slider']);
const isControl = (k: ElementKind) => CONTROL_KINDS.has(k);

/** Kind of a role, or undefined when the role is a container or unknown. A `text` node that takes no typing is text. */
export function kindOfRole(role: string, editable: boolean): ElementKind | undefined {
  const r = role.toLowerCase();
  if (r === 'text' && !editable) return 'text';
  return ownValue(ROLE_KINDS, r);
}

interface Candidate {
  readonly node: TreeItem;
  readonly kind: ElementKind;
  box: ImageBox;
  name: string;
}

export interface FuseCounts {
  /** Tree nodes that became elements (alone or with vision). */
  readonly kept: number;
  readonly offFrame: number;
  readonly notDrawn: number;
  readonly covered: number;
}

export interface FuseResult {
  readonly merged: Merged[];
  readonly counts: FuseCounts;
}

/** A pixel differs from the box's main colour when a channel differs by more than this. */
const INK_DIFF = 24;

/**
 * Fuses one frame's tree with its vision elements. `vision: false` when the vision stages did not run (the
 * person turned them off): the pixels are still checked, but nothing is said about what they read.
 */
export function fuseTree(vision: readonly Merged[], tree: readonly TreeItem[], image: RgbaImage, opts: { vision?: boolean } = {}): FuseResult {
  const visionRan = opts.vision !== false;
  let offFrame = 0;
  let notDrawn = 0;
  let covered = 0;

  // 1. Candidates: a kind, a box mostly on the frame (clipped to it), and something drawn there.
  const cands: Candidate[] = [];
  for (const node of tree) {
    const kind = kindOfRole(node.role, node.states.editable);
    if (!kind) continue;
    const b = node.box;
    if (!(b[2] > b[0] && b[3] > b[1])) continue;
    const clipped: ImageBox = [Math.max(0, b[0]), Math.max(0, b[1]), Math.min(image.width, b[2]), Math.min(image.height, b[3])];
    if (boxArea(clipped) < 0.5 * boxArea(b)) {
      offFrame++;
      continue;
    }
    // The focused node stays although flat: typing goes there, and an empty field's caret may blink off in the capture.
    if (!node.states.focused && !drawn(image, clipped)) {
      notDrawn++;
      continue;
    }
    // A field's name is its label; its text is what was typed, not a name.
    const name = clean(node.name) || (kind === 'field' ? '' : clean(node.text ?? ''));
    cands.push({ node, kind, box: clipped, name });
  }

  // 2. Inside the tree: controls first, small before large, so a label finds the control it belongs to.
  const ordered = [...cands].sort((a, b) => Number(isControl(b.kind)) - Number(isControl(a.kind)) || boxArea(a.box) - boxArea(b.box));
  const nodes: Candidate[] = [];
  for (const c of ordered) {
    const same = (k: Candidate) => iou(k.box, c.box) >= 0.8 && (k.name === c.name || !k.name || !c.name);
    if (isControl(c.kind)) {
      const dup = nodes.find((k) => isControl(k.kind) && same(k));
      if (dup) {
        dup.name ||= c.name;
        continue;
      }
      // An unnamed control around exactly one named one is that control with its outer, clickable box (GTK 4's
      // menu button around its toggle button): one mark, not two.
      const inner = c.name ? [] : nodes.filter((k) => isControl(k.kind) && insideFraction(k.box, c.box) >= 0.8);
      if (inner.length === 1 && inner[0]!.name) {
        inner[0]!.box = c.box;
        continue;
      }
    } else {
      const host = nodes.find((k) => isControl(k.kind) && insideFraction(c.box, k.box) >= 0.8);
      if (host) {
        host.name ||= c.name;
        continue;
      }
      if (nodes.some((k) => k.kind === c.kind && same(k))) continue;
    }
    nodes.push(c);
  }
  // Containers: a text or list-like node holding other nodes is drawn by them (a list item around its link).
  const kept = nodes.filter((c) => isControl(c.kind) || !nodes.some((o) => o !== c && boxArea(o.box) < boxArea(c.box) && insideFraction(o.box, c.box) >= 0.9));

  // 3. Vision elements each go to the one node they are: the best overlap, else the smallest node holding them.
  const owner = new Map<number, Candidate>();
  vision.forEach((v, i) => {
    let best: Candidate | undefined;
    let bestIou = 0.5;
    for (const c of kept) {
      const o = iou(c.box, v.box);
      if (o >= bestIou) [best, bestIou] = [c, o];
    }
    if (!best) {
      const holders = kept.filter((c) => insideFraction(v.box, c.box) >= 0.8).sort((a, b) => boxArea(a.box) - boxArea(b.box));
      best = holders[0];
    }
    // A piece that reads the node's name, over half of the smaller box, is that node though OCR's box reaches past
    // it (took in a bullet, or the next line's top): "Report aBug" on 32,282,127,316 is the link on 36,284,123,300.
    // Without this the piece would count as text covering the node, and the node would go as covered.
    best ??= kept.find((c) => !!c.name && !!v.text && agree(c.name, v.text) && intersection(c.box, v.box) >= 0.5 * Math.min(boxArea(c.box), boxArea(v.box)));
    if (best) owner.set(i, best);
  });

  const out: Merged[] = [];
  const used = new Set<number>();
  /** Vision text lines split by tree nodes inside them: the line's index -> the names found in it. */
  const splits = new Map<number, string[]>();
  for (const c of kept) {
    let mine = vision.map((v, i) => ({ v, i })).filter(({ i }) => owner.get(i) === c);
    const multiRow = mine.length >= 2 && rowsOf(mine.map(({ v }) => v)) > 1;
    const enabled = c.node.states.enabled;
    // A wrapped link (or text) the tree gives as one box over its lines: one element per line piece, on that
    // piece's own box (cut to fit the node's lines, line-pieces.ts), so each mark's centre lies on the node's text
    // (the big box's centre can fall outside it). Only when the pieces' text together is the node's name: then no
    // piece holds text that is not the node's. The pieces are all the node holds, or else only the pieces vision
    // found to be links (by colour): a link whose box also covers other text on its rows ("magic" at the end of one
    // line, "methods" at the start of the next, the box over both lines whole) keeps that text as vision's.
    const wrapped = (c.kind === 'link' || c.kind === 'text') && c.name ? wrappedPieces(c, mine) ?? (c.kind === 'link' ? wrappedPieces(c, mine.filter(({ v }) => v.kind === 'link')) : undefined) : undefined;
    if (wrapped) {
      for (const { v, i, box } of wrapped) {
        used.add(i);
        out.push({ kind: c.kind, box, text: v.text || c.name, interactive: isControl(c.kind) && enabled, confidence: 0.95, source: 'a11y+vision' });
      }
      continue;
    }
    // A wrapped link that starts or ends mid-line: the vision lines it crosses also hold words that are not its
    // own, so the rule above does not match. Each line is cut where the link's words begin (first line) or end
    // (last line), middle lines whole, when the pieces' text together agrees with the name; one mark per piece,
    // the rest of each line stays vision text.
    if (c.kind === 'link' && c.name) {
      const cut = cutWrapped(c, vision, owner, used);
      if (cut) {
        for (const p of cut) {
          used.add(p.i);
          for (const rest of p.rest) out.push({ ...vision[p.i]!, box: rest.box, text: rest.text, source: 'vision' });
          out.push({ kind: 'link', box: p.box, text: p.text, interactive: enabled, confidence: 0.95, source: 'a11y+vision' });
        }
        continue;
      }
    }
    // A composite control (GTK's spin button: entry, - and +; an entry with an icon; a row of toggle cells): the
    // node holds two or more separate controls vision sees, none inside another. One mark on the node's box would
    // put its centre on one of them (the spin button's -), so vision's controls stay the marks; the one the node's
    // name matches takes the name (a11y+vision). Text inside (a label, the shown value) is not a control and does
    // not count, so a button with an icon and its label stays one element.
    const parts = mine.filter(({ v }) => isControl(v.kind) || v.kind === 'icon');
    if (isControl(c.kind) && c.kind !== 'link' && parts.length >= 2 && parts.every(({ v }) => parts.every(({ v: w }) => v === w || (insideFraction(v.box, w.box) < 0.5 && insideFraction(w.box, v.box) < 0.5)))) {
      const match = c.name ? parts.find(({ v }) => agree(c.name, v.text)) : undefined;
      mine.forEach(({ i }) => owner.delete(i));
      if (match) {
        used.add(match.i);
        out.push({ ...match.v, text: c.name, interactive: match.v.interactive && enabled, confidence: 0.95, source: 'a11y+vision' });
      }
      continue;
    }
    if (c.kind === 'text' && multiRow) {
      // A paragraph the tree gives as one node: the lines keep their own marks.
      mine.forEach(({ i }) => owner.delete(i));
      mine = [];
      continue;
    }
    // A node inside a longer vision line that shows its name: the line is split (below), the node is seen.
    const line = mine.length ? undefined : vision.findIndex((v, i) => !owner.has(i) && insideFraction(c.box, v.box) >= 0.8 && !!c.name && contains(v.text, c.name));
    if (line !== undefined && line >= 0) splits.set(line, [...(splits.get(line) ?? []), c.name]);
    if (visionRan && !mine.length && (line === undefined || line < 0) && isCovered(c, vision)) {
      covered++;
      continue;
    }
    const read = readingOrder(mine.map(({ v }) => v)).map((v) => v.text).filter(Boolean).join(' ');
    mine.forEach(({ i }) => used.add(i));
    const seen = mine.length > 0 || (line !== undefined && line >= 0);
    // A label the tree knows only as text, over a control vision found: the control's kind and interactivity stay.
    const control = !isControl(c.kind) ? mine.find(({ v }) => isControl(v.kind) && iou(v.box, c.box) >= 0.5)?.v : undefined;
    const kind = control?.kind ?? c.kind;
    const text = c.name || read;
    if (!text && !isControl(kind)) continue;
    const showsOther = visionRan && !!c.name && !(line !== undefined && line >= 0) && !agree(c.name, read);
    out.push({
      kind,
      box: c.box,
      text,
      ...(showsOther ? { shown: read } : {}),
      // List items, tree items and table cells are rows a person selects; labels and images are not controls.
      interactive: (control ? control.interactive : isControl(kind) || kind === 'other') && c.node.states.enabled,
      confidence: seen ? 0.95 : 0.9,
      source: seen ? 'a11y+vision' : 'a11y',
    });
  }

  // 4. Vision elements no node took; a line the tree's names account for wholly is gone (its nodes replace it).
  vision.forEach((v, i) => {
    if (used.has(i)) return;
    const names = splits.get(i);
    if (names && leftOver(v.text, names).replace(/[^\p{L}\p{N}]/gu, '').length < 2) return;
    out.push({ ...v, source: 'vision' });
  });
  return { merged: out, counts: { kept: out.filter((m) => m.source !== 'vision').length, offFrame, notDrawn, covered } };
}

/** The fusion stage; `vision: false` for the stage list that runs without the vision stages. */
export function treeStage(opts: { vision?: boolean } = {}): Stage {
  return {
    name: 'tree',
    run(ctx) {
      if (!ctx.tree?.length) return;
      const r = fuseTree(ctx.merged, ctx.tree, ctx.image, opts);
      ctx.merged = r.merged;
      ctx.treeCounts = { nodes: ctx.tree.length, ...r.counts };
    },
  };
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * One name, as OCR reads it: equal once normalized (case, spacing, fullwidth forms) and OCR's look-alikes folded
 * (0/O, 1/l, x/×, -/−), or close for 3+ characters (an edge letter lost: "Undo" read "ndo", 0.75), or the name
 * with one more glyph read beside it (galculator's "MS" key with its drop-down arrow, read "MSv").
 */
export function agree(name: string, read: string): boolean {
  const a = foldConfusions(normalizeLabel(name)).replace(/ /g, '');
  const b = foldConfusions(normalizeLabel(read)).replace(/ /g, '');
  if (a === b) return true;
  if (a.length >= 2 && b.length === a.length + 1 && (b.startsWith(a) || b.endsWith(a))) return true;
  return a.length >= 3 && b.length >= 3 && similarity(a, b) >= 0.75;
}

function contains(text: string, name: string): boolean {
  return normalizeLabel(text).includes(normalizeLabel(name));
}

/** What of `text` the names do not account for (each name taken out once). */
function leftOver(text: string, names: readonly string[]): string {
  let rest = normalizeLabel(text);
  for (const n of names) rest = rest.replace(normalizeLabel(n), ' ');
  return rest;
}

/** Vision pieces with their boxes fitted to the node (line-pieces.ts), in reading order of the fitted boxes. */
function fitted<T extends { readonly v: Merged }>(c: Candidate, set: readonly T[]): (T & { box: ImageBox })[] {
  const boxes = pieceBoxes(set.map(({ v }) => v.box), c.box);
  return readingOrder(set.map((p, j) => ({ ...p, box: boxes[j]! })));
}

/** The pieces, fitted, when they are the node's wrapped lines: two or more, on two or more rows, reading its name together. */
function wrappedPieces(c: Candidate, set: readonly { v: Merged; i: number }[]): { v: Merged; i: number; box: ImageBox }[] | undefined {
  if (set.length < 2) return undefined;
  const order = fitted(c, set);
  return rowsOf(order) > 1 && agree(c.name, order.map(({ v }) => v.text).join(' ')) ? order : undefined;
}

interface Cut {
  readonly i: number;
  readonly box: ImageBox;
  readonly text: string;
  readonly rest: { box: ImageBox; text: string }[];
}

/**
 * The pieces of a link wrapped over 2+ vision text lines that also hold other words, or undefined. The tree's box
 * is one rectangle over all the lines, so where the link begins on its first line and ends on its last is not in
 * it: the cut is found by words (the first line's last words and the last line's first words that, with the
 * middle lines, read as the name) and placed by character share of the line's width. Only lines no other node
 * owns, each overlapping the node's box over at least half its height. Whole lines are a cut too: a line OCR boxed
 * past the node (a stray box over two lines) is not the node's by ownership, but it is one of its lines here.
 * The link's pieces are fitted to the node (line-pieces.ts); the rest of a line keeps the line's own box.
 */
function cutWrapped(c: Candidate, vision: readonly Merged[], owner: ReadonlyMap<number, Candidate>, used: ReadonlySet<number>): Cut[] | undefined {
  const lines = vision
    .map((v, i) => ({ v, i }))
    .filter(({ v, i }) => (v.kind === 'text' || v.kind === 'link') && !!v.text.trim() && !used.has(i) && (owner.get(i) ?? c) === c)
    .filter(({ v }) => intersection(v.box, c.box) > 0 && Math.min(v.box[3], c.box[3]) - Math.max(v.box[1], c.box[1]) >= 0.5 * (v.box[3] - v.box[1]));
  if (lines.length < 2) return undefined;
  const rows = fitted(c, lines);
  if (rowsOf(rows) !== lines.length) return undefined;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const fw = first.v.text.trim().split(/\s+/);
  const lw = last.v.text.trim().split(/\s+/);
  const middle = rows.slice(1, -1).map(({ v }) => v.text.trim());
  const target = foldConfusions(normalizeLabel(c.name)).replace(/ /g, '');
  let best: { k: number; m: number; score: number } | undefined;
  for (let k = 0; k < fw.length; k++) {
    for (let m = 1; m <= lw.length; m++) {
      const joined = [fw.slice(k).join(' '), ...middle, lw.slice(0, m).join(' ')].join(' ');
      if (!agree(c.name, joined)) continue;
      const score = similarity(target, foldConfusions(normalizeLabel(joined)).replace(/ /g, ''));
      if (!best || score > best.score) best = { k, m, score };
    }
  }
  if (!best) return undefined;
  // x of the character boundary at `chars` of the line's text, by share of its length.
  const at = (v: Merged, chars: number) => Math.round(v.box[0] + ((v.box[2] - v.box[0]) * chars) / v.text.trim().length);
  const firstRest = fw.slice(0, best.k).join(' ');
  const fx = best.k ? at(first.v, firstRest.length + 1) : first.v.box[0];
  const lastPiece = lw.slice(0, best.m).join(' ');
  const lastRest = lw.slice(best.m).join(' ');
  const lx = lastRest ? at(last.v, lastPiece.length) : last.v.box[2];
  const [x0, y0, x1, y1] = first.v.box;
  // A piece's box within its line's fitted box (empty: the cut box as it is).
  const fit = (b: ImageBox, f: ImageBox): ImageBox => {
    const r: ImageBox = [Math.max(b[0], f[0]), Math.max(b[1], f[1]), Math.min(b[2], f[2]), Math.min(b[3], f[3])];
    return r[2] > r[0] && r[3] > r[1] ? r : b;
  };
  const cuts: Cut[] = [
    { i: first.i, box: fit([fx, y0, x1, y1], first.box), text: fw.slice(best.k).join(' '), rest: firstRest ? [{ box: [x0, y0, fx, y1], text: firstRest }] : [] },
    ...rows.slice(1, -1).map(({ v, i, box }) => ({ i, box, text: v.text.trim(), rest: [] })),
    { i: last.i, box: fit([last.v.box[0], last.v.box[1], lx, last.v.box[3]], last.box), text: lastPiece, rest: lastRest ? [{ box: [lx, last.v.box[1], last.v.box[2], last.v.box[3]], text: lastRest }] : [] },
  ];
  return cuts;
}

/**
 * How many rows the items lie on. Two items share a row when they overlap over half the shorter one's height:
 * OCR pads its line boxes, so a wrapped link's consecutive lines overlap by a few pixels and are still two rows.
 */
function rowsOf(items: readonly { readonly box: ImageBox }[]): number {
  const rows = readingOrder(items);
  let n = 0;
  let last: ImageBox | undefined;
  for (const it of rows) {
    const overlap = last ? Math.min(it.box[3], last[3]) - Math.max(it.box[1], last[1]) : 0;
    if (!last || overlap < 0.5 * Math.min(it.box[3] - it.box[1], last[3] - last[1])) n++;
    last = it.box;
  }
  return n;
}

/**
 * A read that can be the text of its box: at least one glyph per two line heights of width (a glyph is about half
 * a line height wide in Latin text, a whole one in CJK). "stt" read over a 579 px line 21 px tall is not: OCR lost
 * that line, and a lost line says nothing about what lies there, so it covers nothing.
 */
function legible(v: Merged): boolean {
  const glyphs = v.text.replace(/\s/g, '').length;
  return glyphs > 0 && glyphs * 2 * (v.box[3] - v.box[1]) >= v.box[2] - v.box[0];
}

/**
 * Legible text vision read that reaches past the node's edges fills half of it or more, and none of it is the
 * node's name.
 */
function isCovered(c: Candidate, vision: readonly Merged[]): boolean {
  if (!c.name) return false;
  const over = vision.filter((v) => (v.kind === 'text' || v.kind === 'link') && legible(v) && intersection(v.box, c.box) > 0 && insideFraction(v.box, c.box) < 0.8);
  if (!over.length || over.some((v) => contains(v.text, c.name))) return false;
  const filled = over.reduce((s, v) => s + intersection(v.box, c.box), 0);
  return filled >= 0.5 * boxArea(c.box);
}

/**
 * Something is drawn in the box: pixels of another colour than its main one, or a main colour that differs from
 * the band 3 px around the box (a filled or bordered empty field). Large boxes are sampled on a grid (about
 * 20,000 points), which still meets one-pixel strokes of text 1/3 of the time per stroke.
 */
export function drawn(image: RgbaImage, box: ImageBox): boolean {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(image.width, Math.ceil(box[2]));
  const y1 = Math.min(image.height, Math.ceil(box[3]));
  if (x1 <= x0 || y1 <= y0) return false;
  const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 20_000)));
  const d = image.data;
  const counts = new Map<number, number>();
  const key = (o: number) => ((d[o]! >> 3) << 10) | ((d[o + 1]! >> 3) << 5) | (d[o + 2]! >> 3);
  for (let y = y0; y < y1; y += step) for (let x = x0; x < x1; x += step) {
    const k = key((y * image.width + x) * 4);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let mode = 0;
  let most = -1;
  for (const [k, n] of counts) if (n > most) [mode, most] = [k, n];
  const main = [((mode >> 10) & 31) * 8 + 4, ((mode >> 5) & 31) * 8 + 4, (mode & 31) * 8 + 4];
  const differs = (o: number) => Math.abs(d[o]! - main[0]!) > INK_DIFF || Math.abs(d[o + 1]! - main[1]!) > INK_DIFF || Math.abs(d[o + 2]! - main[2]!) > INK_DIFF;
  let ink = 0;
  for (let y = y0; y < y1; y += step) for (let x = x0; x < x1; x += step) if (differs((y * image.width + x) * 4)) ink++;
  if (ink >= 2) return true;
  // One flat colour: drawn only when it stands out from the band around it (only the band is visited).
  const band = 3;
  let ring = 0;
  let other = 0;
  const visit = (xa: number, xb: number, ya: number, yb: number) => {
    for (let y = Math.max(0, ya); y < Math.min(image.height, yb); y++) {
      for (let x = Math.max(0, xa); x < Math.min(image.width, xb); x++) {
        ring++;
        if (differs((y * image.width + x) * 4)) other++;
      }
    }
  };
  visit(x0 - band, x1 + band, y0 - band, y0);
  visit(x0 - band, x1 + band, y1, y1 + band);
  visit(x0 - band, x0, y0, y1);
  visit(x1, x1 + band, y0, y1);
  return ring > 0 && other >= 0.15 * ring;
}
