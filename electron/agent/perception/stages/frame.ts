/**
 * One frame's run through perception, as data: the context every stage reads from and writes into, what a stage
 * is, and the loop that runs a list of them (perceiver.ts holds the list: detect -> widgets -> recognise ->
 * symbols -> merge -> number).
 *
 * Invariant: a stage writes only its own fields and its own timing keys; it never removes what an earlier stage
 * wrote, except the tree stage (issue #15), whose job is to fuse: it replaces `merged` with the fused list. A new
 * element source is one more stage: before merge when it adds to `segments` (text with boxes) or `rects`, after
 * merge when it adds finished controls to `merged`; number stays last.
 */
import type { A11yNode } from '../../../common/a11y.js';
import type { Element } from '../../../common/elements.js';
import type { ImageBox } from '../../../common/geometry.js';
import type { RgbaImage } from '../../ports.js';
import type { Merged } from '../merge.js';
import type { Rect } from '../resize.js';
import type { LineSegment } from '../split-line.js';
import type { RectRegion } from '../widgets.js';

/** A recognized piece of a text line (image px), and whether the link rules took it for a link. */
export type Segment = LineSegment & { link?: boolean };

/**
 * One accessibility-tree node of this frame with its box already in image px (the loop maps A11yNode.screen
 * through geometry.ts toImage, the one coordinate pipeline). Read by the tree stage (stages/tree.ts).
 */
export type TreeItem = Omit<A11yNode, 'screen'> & { readonly box: ImageBox };

export interface FrameContext {
  readonly image: RgbaImage;
  readonly signal?: AbortSignal;
  /**
   * The accessibility tree read for this frame (image px), when a source gave one; the tree stage fuses it with
   * `merged`. Undefined: vision only, exactly as without a tree.
   */
  readonly tree?: readonly TreeItem[];
  /** Milliseconds: one key per stage (its name, set by runStages) plus the steps a stage times inside itself. */
  readonly timings: Record<string, number>;
  /** detect: text line boxes (image px), in the detector's order. */
  lines: Rect[];
  /** widgets: rectangles around controls, fields and checkboxes (empty when widget analysis is off). */
  rects: RectRegion[];
  /** recognise: text segments (image px) scoring at least minScore, with the link rules applied. */
  segments: Segment[];
  /** recognise: how many of `lines` the recognition cache answered. */
  recCached: number;
  /** merge: controls, links and plain text, not yet ordered. */
  merged: Merged[];
  /** merge: icon detections, when an icon detector ran on this frame. */
  icons?: number;
  /** tree: how many tree nodes came in, became elements, and were dropped (off the frame, not drawn, covered). */
  treeCounts?: { nodes: number; kept: number; offFrame: number; notDrawn: number; covered: number };
  /** Things the user should be told (a model that could not be loaded). */
  notes: string[];
  /** number: the elements in reading order; their ids are the mark numbers 0..n-1. */
  elements: Element[];
}

export interface Stage {
  /** Also its timing key. */
  readonly name: string;
  run(ctx: FrameContext): void | Promise<void>;
  /** Frees what the stage loaded itself (a model session); the perceiver calls it on release. */
  release?(): Promise<void>;
}

export function newFrame(image: RgbaImage, timings: Record<string, number>, signal?: AbortSignal, tree?: readonly TreeItem[]): FrameContext {
  return { image, signal, ...(tree ? { tree } : {}), timings, lines: [], rects: [], segments: [], recCached: 0, merged: [], notes: [], elements: [] };
}

/** Runs the stages in order, each timed under its name; an aborted signal stops the run between stages. */
export async function runStages(ctx: FrameContext, stages: readonly Stage[]): Promise<void> {
  for (const stage of stages) {
    ctx.signal?.throwIfAborted();
    const t = performance.now();
    await stage.run(ctx);
    ctx.timings[stage.name] = round1(performance.now() - t);
  }
}

/**
 * Times the steps inside a stage: each call adds the time since the previous call (or since the stopwatch was
 * made) to `timings[name]`, so repeated steps (one per recognizer batch) sum.
 */
export function stopwatch(timings: Record<string, number>): (name: string) => void {
  let mark = performance.now();
  return (name) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + round1(now - mark);
    mark = now;
  };
}

export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
