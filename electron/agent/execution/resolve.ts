/**
 * Resolves an action's targets on one frame: mark -> centre of that mark's box (image px) -> screen px through
 * the frame geometry. Unknown marks, non-finite points and points off the captured display are errors, never
 * clamped (S5, S6). A {mark} target is the person's number (element.mark, set by the run; the id where none is):
 * the loop maps a model's numbers before it resolves.
 */
import { actionTargets, type Action, type Target } from '../../common/actions.js';
import type { Element } from '../../common/elements.js';
import { boxCenter, insideDisplay, insideImage, toImage, toScreen, type ImageBox } from '../../common/geometry.js';
import type { Frame } from '../ports.js';
import type { ResolvedAction, ResolvedTarget } from '../resolved.js';

export type ResolveResult = { ok: true; value: ResolvedAction } | { ok: false; error: string };

const personOf = (e: Element) => e.mark ?? e.id;

function resolveTarget(t: Target, frame: Frame, elements: readonly Element[], missingMark?: (n: number) => string): ResolvedTarget | string {
  const g = frame.geometry;
  if ('mark' in t) {
    const e = elements.find((x) => personOf(x) === t.mark);
    if (!e) return missingMark?.(t.mark) ?? `there is no mark #${t.mark} on this screen (marks are #0..#${elements.length - 1})`;
    const imagePoint = boxCenter(e.bbox);
    return { markId: personOf(e), text: e.text, ...(e.shown === undefined ? {} : { shown: e.shown }), source: e.source, kind: e.kind, box: e.bbox, imagePoint, screenPoint: toScreen(imagePoint, g) };
  }
  const p = t.point;
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return 'the point is not a number';
  const imagePoint = toImage(p, g);
  if (!insideImage(imagePoint, g)) {
    return `the point (${p.x}, ${p.y}) in ${p.space} space is outside the ${g.imageWidth}x${g.imageHeight} screenshot`;
  }
  const screenPoint = toScreen(imagePoint, g);
  if (!insideDisplay(screenPoint, g.display)) return `the point falls outside display ${g.display.id}`;
  // A bare point binds approval to the 32 px around it; the containing mark, if any, names it.
  const around: ImageBox = [imagePoint.x - 32, imagePoint.y - 32, imagePoint.x + 32, imagePoint.y + 32];
  const inside = elements
    .filter((e) => imagePoint.x >= e.bbox[0] && imagePoint.x <= e.bbox[2] && imagePoint.y >= e.bbox[1] && imagePoint.y <= e.bbox[3])
    .sort((a, b) => (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]) - (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]))[0];
  return { markId: inside && personOf(inside), text: inside?.text ?? '', ...(inside ? { source: inside.source, ...(inside.shown === undefined ? {} : { shown: inside.shown }) } : {}), kind: inside?.kind, box: around, imagePoint, screenPoint };
}

/** `missingMark`: why a person's number is not on this frame (the run's MarkBook), for the refusal. */
export function resolveAction(action: Action, frame: Frame, elements: readonly Element[], missingMark?: (n: number) => string): ResolveResult {
  const targets: ResolvedTarget[] = [];
  for (const t of actionTargets(action)) {
    const r = resolveTarget(t, frame, elements, missingMark);
    if (typeof r === 'string') return { ok: false, error: r };
    targets.push(r);
  }
  return { ok: true, value: { action, frameId: frame.id, targets } };
}
