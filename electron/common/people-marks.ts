/**
 * Marks for people: where the overlay and the approval view put each mark's number, so a person can read both
 * the number and the control it numbers (issue #12). Not the model's image: the model keeps MAGMA's drawing
 * (marks.ts + agent/perception/som-draw.ts), the one it was trained on, with its own 0..n-1 numbering.
 *
 * The rule a label meets (checkMarks reports the share that do):
 * - its digits are at least MIN_DIGIT_PX high in the overlay's display px;
 * - it covers no element's text: no text element's box, no control's ink (its label glyphs or icon, element.ink;
 *   a control whose ink is unknown is taken as all ink);
 * - it touches only its own box: attached to it (inside it or sharing an edge) and at least CLEARANCE_PX display
 *   px away from every other element's box, so it never sits between two boxes;
 * - it overlaps no other label.
 * Pure (imports only common), so the renderer and the reports compute the very same layout.
 */
import type { Element } from './elements.js';
import { intersectionArea, type ImageBox } from './geometry.js';
import { SPOTS, spotRect, type LabelRect } from './marks.js';

/** Smallest digit height a person reads at a glance, display px. */
export const MIN_DIGIT_PX = 9;
/** Digit height used where there is room, display px. */
export const ROOMY_DIGIT_PX = 12;
/** Distance a label keeps from other elements' boxes, display px. */
export const CLEARANCE_PX = 3;

export type PeopleSpot = (typeof SPOTS)[number] | 'inside-top-left' | 'inside-top-right' | 'inside-bottom-left' | 'inside-bottom-right';

export interface PeopleMark {
  /** The person's number (element.mark, or the id outside a run). */
  readonly number: number;
  /** The element's model index (element.id). */
  readonly id: number;
  readonly box: ImageBox;
  readonly label: LabelRect;
  /** Digit height, image px. */
  readonly digitH: number;
  readonly spot: PeopleSpot;
  readonly interactive: boolean;
}

export interface PeopleLayout {
  readonly width: number;
  readonly height: number;
  /** Display px per image px the layout was made for. */
  readonly scale: number;
  readonly marks: PeopleMark[];
}

type MarkElement = Pick<Element, 'id' | 'bbox' | 'kind' | 'text' | 'interactive'> & Partial<Pick<Element, 'mark' | 'ink'>>;

/** Label size (image px) for `digits` digits of height dh (image px): monospace digits ~0.83 of their height wide. */
export function peopleLabelSize(digits: number, dh: number): { w: number; h: number } {
  // Tight pads at the smallest sizes: white digits on red read without a margin, and 2 px decide a corner fits.
  const padX = Math.max(1, Math.round(dh / 8));
  const padY = Math.floor(dh / 10);
  return { w: Math.ceil(digits * dh * 0.83) + 2 * padX, h: dh + 2 * padY };
}

/** Where an element's text or icon is drawn: a text element's whole box, a control's ink, else its whole box. */
export function inkOf(e: MarkElement): ImageBox | undefined {
  if (e.kind === 'text' || e.kind === 'link') return e.bbox;
  if (e.ink) return e.ink;
  // A control with no text and no ink found (an empty field) has nothing a label could hide.
  return e.text.trim() ? e.bbox : undefined;
}

function rectBox(r: LabelRect): ImageBox {
  return [r.x, r.y, r.x + r.w, r.y + r.h];
}

function grow(b: ImageBox, by: number): ImageBox {
  return [b[0] - by, b[1] - by, b[2] + by, b[3] + by];
}

function insideRect(spot: PeopleSpot, b: ImageBox, w: number, h: number, inset: number): LabelRect {
  const left = spot.endsWith('left');
  const top = spot.includes('top');
  return { x: left ? b[0] + inset : b[2] - inset - w, y: top ? b[1] + inset : b[3] - inset - h, w, h };
}

const INSIDE: PeopleSpot[] = ['inside-top-left', 'inside-top-right', 'inside-bottom-left', 'inside-bottom-right'];

interface Problems {
  ink: number;
  others: number;
  labels: number;
  detached: boolean;
  outside: boolean;
}

/** `near`: indices of the elements that may meet the label (all of them when not given). */
function problems(r: LabelRect, i: number, els: readonly MarkElement[], inks: readonly (ImageBox | undefined)[], placed: readonly ImageBox[], clearance: number, W: number, H: number, near?: readonly number[]): Problems {
  const lb = rectBox(r);
  const own = els[i]!.bbox;
  let ink = 0;
  let others = 0;
  let labels = 0;
  for (const k of near ?? els.keys()) {
    const inkK = inks[k];
    if (inkK) ink += intersectionArea(lb, inkK);
    if (k !== i) others += intersectionArea(lb, grow(els[k]!.bbox, clearance));
  }
  for (const p of placed) labels += intersectionArea(lb, p);
  // Attached: inside its box or sharing an edge with it (within 1 px).
  const detached = intersectionArea(lb, grow(own, 1)) === 0;
  const outside = r.x < 0 || r.y < 0 || r.x + r.w > W || r.y + r.h > H;
  return { ink, others, labels, detached, outside };
}

function meets(p: Problems): boolean {
  return p.ink === 0 && p.others === 0 && p.labels === 0 && !p.detached && !p.outside;
}

/**
 * The people's layout: for each element (in box order), the first spot that meets the rule, trying roomy digits
 * around and inside the box, then the smallest legible digits; where none does, the spot that breaks it least
 * (text covered counts most) at the smallest legible size. `scale`: display px per image px of the overlay.
 */
export function layoutPeopleMarks(elements: readonly MarkElement[], width: number, height: number, scale = 1): PeopleLayout {
  const s = scale > 0 && Number.isFinite(scale) ? scale : 1;
  const sizes = [...new Set([Math.ceil(ROOMY_DIGIT_PX / s), Math.ceil(MIN_DIGIT_PX / s)])];
  const clearance = CLEARANCE_PX / s;
  const inks = elements.map(inkOf);
  const placed: ImageBox[] = [];
  const marks: PeopleMark[] = elements.map((e, i) => {
    const number = e.mark ?? e.id;
    const digits = String(number).length;
    // Only elements within reach of a label around this box can meet it (a label is at most reach px from the box).
    const biggest = peopleLabelSize(digits, sizes[0]!);
    const reach = grow(e.bbox, Math.max(biggest.w, biggest.h) + clearance + 1);
    const near = elements.flatMap((o, k) => (intersectionArea(reach, o.bbox) > 0 ? [k] : []));
    const nearPlaced = placed.filter((b) => intersectionArea(reach, b) > 0);
    let chosen: { rect: LabelRect; spot: PeopleSpot; dh: number } | undefined;
    let fallback: { rect: LabelRect; spot: PeopleSpot; dh: number; cost: number } | undefined;
    for (const dh of sizes) {
      const { w, h } = peopleLabelSize(digits, dh);
      const spots: [PeopleSpot, LabelRect][] = [
        ...SPOTS.map((sp) => [sp, spotRect(sp, e.bbox, w, h)] as [PeopleSpot, LabelRect]),
        // Inside corners clear of a 1 px outline.
        ...INSIDE.map((sp) => [sp, insideRect(sp, e.bbox, w, h, 1)] as [PeopleSpot, LabelRect]),
      ];
      for (const [spot, rect] of spots) {
        const p = problems(rect, i, elements, inks, nearPlaced, clearance, width, height, near);
        if (meets(p)) {
          chosen = { rect, spot, dh };
          break;
        }
        if (p.outside || p.detached) continue;
        const cost = 8 * p.ink + 2 * p.labels + p.others;
        if (dh === sizes.at(-1) && (!fallback || cost < fallback.cost)) fallback = { rect, spot, dh, cost };
      }
      if (chosen) break;
    }
    if (!chosen) {
      const dh = sizes.at(-1)!;
      const { w, h } = peopleLabelSize(digits, dh);
      chosen = fallback ?? {
        // Nothing fits in the image around or inside the box: its top-left corner, clamped to the image.
        rect: { x: Math.min(Math.max(0, e.bbox[0]), Math.max(0, width - w)), y: Math.min(Math.max(0, e.bbox[1]), Math.max(0, height - h)), w, h },
        spot: 'inside-top-left',
        dh,
      };
    }
    placed.push(rectBox(chosen.rect));
    return { number, id: e.id, box: e.bbox, label: chosen.rect, digitH: chosen.dh, spot: chosen.spot, interactive: e.interactive };
  });
  return { width, height, scale: s, marks };
}

/** One label to check: the box it numbers, where it is, its digit height (image px). */
export interface LabelToCheck {
  readonly box: ImageBox;
  readonly label: LabelRect;
  readonly digitH: number;
}

export interface RuleReport {
  readonly total: number;
  readonly met: number;
  /** met / total (1 for no marks). */
  readonly share: number;
  /** How many labels break each part of the rule (a label may break several). */
  readonly broken: { small: number; coversText: number; touchesOther: number; detached: number; overlapsLabel: number };
}

/**
 * The share of labels that meet the rule above, for any layout (the people's, or MAGMA's: pass its marks with
 * layout.font.digitH). `labels[i]` numbers `elements[i]`; `scale` is display px per image px.
 */
export function checkMarks(labels: readonly LabelToCheck[], elements: readonly MarkElement[], width: number, height: number, scale = 1): RuleReport {
  const inks = elements.map(inkOf);
  const clearance = CLEARANCE_PX / scale;
  const boxes = labels.map((l) => rectBox(l.label));
  const broken = { small: 0, coversText: 0, touchesOther: 0, detached: 0, overlapsLabel: 0 };
  let met = 0;
  labels.forEach((l, i) => {
    const p = problems(l.label, i, elements, inks, [], clearance, width, height);
    const labelOverlap = boxes.some((b, k) => k !== i && intersectionArea(boxes[i]!, b) > 0);
    // Half a pixel of rounding slack: a 9 px digit drawn from 16.9 image px at scale 0.53 is 9 px.
    const small = l.digitH * scale < MIN_DIGIT_PX - 0.5;
    if (small) broken.small++;
    if (p.ink > 0) broken.coversText++;
    if (p.others > 0) broken.touchesOther++;
    if (p.detached || p.outside) broken.detached++;
    if (labelOverlap) broken.overlapsLabel++;
    if (!small && p.ink === 0 && p.others === 0 && !p.detached && !p.outside && !labelOverlap) met++;
  });
  return { total: labels.length, met, share: labels.length ? met / labels.length : 1, broken };
}
