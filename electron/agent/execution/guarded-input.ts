/**
 * The InputDriver the executor actually talks to. Between the executor and the real driver it
 * - refuses every event outside an approved step (no active approval id: S1 at the level of single events),
 * - checks the stop signal before every event and splits typing into small chunks, so a stop leaves at most the
 *   chunk in flight (S4),
 * - holds events to the per-second caps, waiting rather than dropping (S9),
 * - reports each event before it is sent, so the audit log has the record even if the process dies mid-event (S15).
 */
import type { ScreenPoint } from '../../common/geometry.js';
import type { Clock, InputDriver, MouseButton } from '../ports.js';
import { ExecutionRefused } from './executor.js';

export type InputRecord =
  | { kind: 'move'; p: ScreenPoint }
  | { kind: 'click'; p: ScreenPoint; button: MouseButton; count: 1 | 2 }
  | { kind: 'type'; text: string }
  | { kind: 'press'; keys: readonly string[] }
  | { kind: 'scroll'; direction: string; amount: number }
  | { kind: 'drag'; from: ScreenPoint; to: ScreenPoint };

export interface GuardContext {
  readonly approvalId: string;
  readonly step: number;
}

export interface GuardedInputOptions {
  clock: Clock;
  signal: AbortSignal;
  maxActionsPerSecond: number;
  maxCharsPerSecond: number;
  /** Called right before an event goes to the driver, with the approval it runs under. Throwing blocks the event. */
  beforeEvent?: (e: InputRecord, ctx: GuardContext) => void;
}

const WINDOW_MS = 1000;

export class GuardedInput implements InputDriver {
  private ctx: GuardContext | undefined;
  private readonly actions: number[] = [];
  private readonly chars: { at: number; n: number }[] = [];

  constructor(
    private readonly inner: InputDriver,
    private readonly opts: GuardedInputOptions,
  ) {}

  /** Runs fn with events allowed under this approval; outside it every event is refused. */
  async within<T>(ctx: GuardContext, fn: () => Promise<T>): Promise<T> {
    this.ctx = ctx;
    try {
      return await fn();
    } finally {
      this.ctx = undefined;
    }
  }

  private live(): GuardContext {
    if (this.opts.signal.aborted) throw new ExecutionRefused('stopped');
    if (!this.ctx) throw new ExecutionRefused('refusing input outside an approved step');
    return this.ctx;
  }

  private async waitFor(fits: () => boolean, oldest: () => number | undefined): Promise<void> {
    for (;;) {
      this.live();
      const now = this.opts.clock.now();
      while (this.actions.length && this.actions[0]! <= now - WINDOW_MS) this.actions.shift();
      while (this.chars.length && this.chars[0]!.at <= now - WINDOW_MS) this.chars.shift();
      if (fits()) return;
      const o = oldest()!;
      await this.opts.clock.sleep(Math.max(1, o + WINDOW_MS - now + 1), this.opts.signal).catch(() => undefined);
    }
  }

  private async admitAction(e: InputRecord): Promise<void> {
    await this.waitFor(() => this.actions.length < this.opts.maxActionsPerSecond, () => this.actions[0]);
    const ctx = this.live();
    this.opts.beforeEvent?.(e, ctx);
    this.actions.push(this.opts.clock.now());
  }

  async move(p: ScreenPoint): Promise<void> {
    await this.admitAction({ kind: 'move', p });
    await this.inner.move(p);
  }

  async click(p: ScreenPoint, button: MouseButton, count: 1 | 2): Promise<void> {
    await this.admitAction({ kind: 'click', p, button, count });
    await this.inner.click(p, button, count);
  }

  async press(keys: readonly string[]): Promise<void> {
    await this.admitAction({ kind: 'press', keys: [...keys] });
    await this.inner.press(keys);
  }

  async scroll(direction: 'up' | 'down' | 'left' | 'right', amount: number): Promise<void> {
    await this.admitAction({ kind: 'scroll', direction, amount });
    await this.inner.scroll(direction, amount);
  }

  async drag(from: ScreenPoint, to: ScreenPoint): Promise<void> {
    await this.admitAction({ kind: 'drag', from, to });
    await this.inner.drag(from, to);
  }

  /** Types in chunks of at most a tenth of the per-second cap (code points, never a split surrogate pair). */
  async type(text: string): Promise<void> {
    const cps = Array.from(text);
    const chunk = Math.max(1, Math.floor(this.opts.maxCharsPerSecond / 10));
    for (let i = 0; i < cps.length; i += chunk) {
      const part = cps.slice(i, i + chunk).join('');
      const n = Math.min(chunk, cps.length - i);
      const used = () => this.chars.reduce((s, c) => s + c.n, 0);
      await this.waitFor(() => used() + n <= this.opts.maxCharsPerSecond, () => this.chars[0]?.at);
      const ctx = this.live();
      this.opts.beforeEvent?.({ kind: 'type', text: part }, ctx);
      this.chars.push({ at: this.opts.clock.now(), n });
      await this.inner.type(part);
    }
  }

  /** Always allowed: releasing can only make things safer. */
  releaseAll(): Promise<void> {
    return this.inner.releaseAll();
  }
}
