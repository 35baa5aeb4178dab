/**
 * An action with every target resolved to a point on this frame, ready for the gate and then the executor.
 * Shared by safety/ (which approves it) and execution/ (which runs it), so it lives beside ports.ts.
 */
import type { Action } from '../common/actions.js';
import type { ImageBox, ImagePoint, ScreenPoint } from '../common/geometry.js';

export interface ResolvedTarget {
  readonly markId?: number;
  /** Text of the mark aimed at ('' for a bare point). Used by the risk policy. */
  readonly text: string;
  /** What the pixels show where that differs from `text` (element.shown): the risk policy reads both. */
  readonly shown?: string;
  /** Where the mark came from (element.source): the approval prompt says it (issue #15). */
  readonly source?: string;
  readonly kind?: string;
  /** The region approval is bound to, in image px of the frame. */
  readonly box: ImageBox;
  readonly imagePoint: ImagePoint;
  readonly screenPoint: ScreenPoint;
}

export interface ResolvedAction {
  readonly action: Action;
  readonly frameId: string;
  readonly targets: readonly ResolvedTarget[];
}
