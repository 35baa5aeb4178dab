/**
 * Stage "widgets": classical widget analysis (../widgets.ts) finds the rectangles around labels, empty fields and
 * checkboxes, then flat buttons (../flat-buttons.ts: fills a few levels off the window, checked against the text
 * lines of stage detect). Writes ctx.rects; off (no rectangles) when the perceiver is made with widgets: false.
 *
 * It runs on this thread after the detector: onnxruntime-node runs a session synchronously on this thread (with
 * its own pool) too, so the two would not overlap, and on 2 cores a worker would compete with onnxruntime's threads.
 */
import { findFlatButtons } from '../flat-buttons.js';
import { findRectRegions } from '../widgets.js';
import type { Stage } from './frame.js';

export function widgetsStage(enabled = true): Stage {
  return {
    name: 'widgets',
    run(ctx) {
      if (!enabled) {
        ctx.rects = [];
        return;
      }
      const rects = findRectRegions(ctx.image);
      // Flat buttons (a fill a few levels off the window, no border) need a fainter pass and the detector's lines.
      ctx.rects = [...rects, ...findFlatButtons(ctx.image, rects, ctx.lines)];
    },
  };
}
