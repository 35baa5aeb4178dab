/**
 * One read of the accessibility tree for one frame (issue #15), as the loop needs it: started right after the
 * capture, bounded in time, its boxes mapped from logical screen px into the frame's image px through
 * geometry.ts toImage (the one coordinate pipeline), and never an error for the run: a read that fails or takes
 * too long leaves the step to vision alone and says why.
 */
import type { A11yNode } from '../../common/a11y.js';
import { screenPoint, toImage, type FrameGeometry } from '../../common/geometry.js';
import type { TreeItem } from '../perception/stages/frame.js';
import type { AccessibilitySource, Clock } from '../ports.js';

/** The tree's answer for a frame; `failed` when there is none (vision only), `note` when the source explained a gap. */
export interface TreeRead {
  readonly items?: readonly TreeItem[];
  readonly app?: string;
  readonly ms: number;
  /** The source's own note ("Chromium exposes no tree: ..."), for Settings. */
  readonly note?: string;
  /** Why this frame has no tree, in words for the person. */
  readonly failed?: string;
}

/**
 * A read should take well under 150 ms (issue #15); a source that has not answered in this time is given up for
 * this frame, so a hung application on the accessibility bus cannot stall the run.
 */
export const TREE_READ_TIMEOUT_MS = 1500;

/** Node boxes into image px of the frame (toImage maps both corners; scale and display origin included). */
export function treeInImage(nodes: readonly A11yNode[], g: FrameGeometry): TreeItem[] {
  return nodes.map(({ screen, ...rest }) => {
    const a = toImage(screenPoint(screen[0], screen[1]), g);
    const b = toImage(screenPoint(screen[2], screen[3]), g);
    return { ...rest, box: [a.x, a.y, b.x, b.y] as const };
  });
}

export async function readTree(source: AccessibilitySource, g: FrameGeometry, clock: Clock, signal: AbortSignal, timeoutMs = TREE_READ_TIMEOUT_MS): Promise<TreeRead> {
  const t0 = clock.now();
  const own = new AbortController();
  const stop = () => own.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const timer = new AbortController();
  try {
    const timedOut = clock.sleep(timeoutMs, timer.signal).then(
      () => 'timeout' as const,
      () => 'cancelled' as const,
    );
    const read = source.read(own.signal).then(
      (r) => ({ r }),
      (e: unknown) => ({ e }),
    );
    const first = await Promise.race([read, timedOut]);
    const ms = clock.now() - t0;
    if (first === 'timeout' || first === 'cancelled') {
      own.abort(new Error('the accessibility tree took too long'));
      return { ms, failed: `the accessibility tree did not answer within ${(timeoutMs / 1000).toFixed(1)} s` };
    }
    if ('e' in first) {
      const why = (first.e instanceof Error ? first.e.message : String(first.e)).split('\n')[0]!;
      // A source's own sentence for the person (the adapters say what is missing and what to do) is kept as is.
      return { ms, failed: /accessibility/i.test(why) ? why : `the accessibility tree could not be read (${why})` };
    }
    const r = first.r;
    return { items: treeInImage(r.nodes, g), ms: r.ms, ...(r.app ? { app: r.app } : {}), ...(r.note ? { note: r.note } : {}) };
  } finally {
    timer.abort();
    signal.removeEventListener('abort', stop);
  }
}
