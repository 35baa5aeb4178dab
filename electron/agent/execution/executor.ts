/**
 * Executes approved actions through the InputDriver. It accepts only Approved<ResolvedAction> minted by the gate
 * (checked at run time too), refuses points on the app's own windows (S3), and checks the stop signal between
 * every input event so a stop leaves at most the event in flight.
 */
import { wasMinted, type Approved } from '../approved.js';
import type { ScreenPoint } from '../../common/geometry.js';
import type { InputDriver } from '../ports.js';
import type { ResolvedAction } from '../resolved.js';

export class ExecutionRefused extends Error {}

export interface ExecutorOptions {
  /** Screen rectangles (logical px) of the app's own windows: never clicked (S3). */
  ownWindows?: () => readonly { x: number; y: number; width: number; height: number }[];
}

export class Executor {
  constructor(
    private readonly input: InputDriver,
    private readonly opts: ExecutorOptions = {},
  ) {}

  async execute(approved: Approved<ResolvedAction>, signal: AbortSignal): Promise<void> {
    if (!wasMinted(approved)) throw new ExecutionRefused('refusing to act: this action did not come from the approval gate');
    const { action, targets } = approved.value;
    for (const t of targets) this.checkNotOwnWindow(t.screenPoint);
    const gate = () => {
      if (signal.aborted) throw new ExecutionRefused('stopped');
    };
    gate();
    const p = targets[0]?.screenPoint;
    switch (action.kind) {
      case 'click':
        return this.input.click(p!, 'left', 1);
      case 'double_click':
        return this.input.click(p!, 'left', 2);
      case 'right_click':
        return this.input.click(p!, 'right', 1);
      case 'type':
        if (p) {
          await this.input.click(p, 'left', 1);
          gate();
        }
        return this.input.type(action.text);
      case 'press':
        return this.input.press(action.keys);
      case 'scroll':
        if (p) {
          await this.input.move(p);
          gate();
        }
        return this.input.scroll(action.direction, action.amount);
      case 'drag':
        return this.input.drag(p!, targets[1]!.screenPoint);
      default:
        throw new ExecutionRefused(`"${action.kind}" injects no input and is not executed`);
    }
  }

  private checkNotOwnWindow(p: ScreenPoint): void {
    for (const r of this.opts.ownWindows?.() ?? []) {
      if (p.x >= r.x && p.y >= r.y && p.x < r.x + r.width && p.y < r.y + r.height) {
        throw new ExecutionRefused("refusing to act: the target is on Magma Desk's own window");
      }
    }
  }
}
