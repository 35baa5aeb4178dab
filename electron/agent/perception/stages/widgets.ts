/**
 * Stage "widgets": classical widget analysis (../widgets.ts) finds the rectangles around labels, empty fields and
 * checkboxes. Writes ctx.rects; off (no rectangles) when the perceiver is made with widgets: false.
 *
 * It runs on this thread after the detector: onnxruntime-node runs a session synchronously on this thread (with
 * its own pool) too, so the two would not overlap, and on 2 cores a worker would compete with onnxruntime's threads.
 */
import { findRectRegions } from '../widgets.js';
import type { Stage } from './frame.js';

export function widgetsStage(enabled = true): Stage {
  return {
    name: 'widgets',
    run(ctx) {
      ctx.rects = enabled ? findRectRegions(ctx.image) : [];
    },
  };
}
