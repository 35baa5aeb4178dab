/**
 * A dry-run InputDriver that records every call instead of injecting it. Tests use it to count input events
 * against approval records (S1); `--dry-run` in the CLI uses it to show what would happen.
 */
import type { ScreenPoint } from '../common/geometry.js';
import type { InputDriver, MouseButton } from '../agent/ports.js';

export type InputEvent =
  | { kind: 'move'; p: ScreenPoint; at: number }
  | { kind: 'click'; p: ScreenPoint; button: MouseButton; count: 1 | 2; at: number }
  | { kind: 'type'; text: string; at: number }
  | { kind: 'press'; keys: readonly string[]; at: number }
  | { kind: 'scroll'; direction: string; amount: number; at: number }
  | { kind: 'drag'; from: ScreenPoint; to: ScreenPoint; at: number }
  | { kind: 'releaseAll'; at: number };

export class RecordingInputDriver implements InputDriver {
  readonly events: InputEvent[] = [];
  constructor(private readonly now: () => number = Date.now) {}
  async move(p: ScreenPoint) { this.events.push({ kind: 'move', p, at: this.now() }); }
  async click(p: ScreenPoint, button: MouseButton, count: 1 | 2) { this.events.push({ kind: 'click', p, button, count, at: this.now() }); }
  async type(text: string) { this.events.push({ kind: 'type', text, at: this.now() }); }
  async press(keys: readonly string[]) { this.events.push({ kind: 'press', keys: [...keys], at: this.now() }); }
  async scroll(direction: 'up' | 'down' | 'left' | 'right', amount: number) { this.events.push({ kind: 'scroll', direction, amount, at: this.now() }); }
  async drag(from: ScreenPoint, to: ScreenPoint) { this.events.push({ kind: 'drag', from, to, at: this.now() }); }
  async releaseAll() { this.events.push({ kind: 'releaseAll', at: this.now() }); }
  /** Events that inject input (everything but releaseAll). */
  get injected(): InputEvent[] { return this.events.filter((e) => e.kind !== 'releaseAll'); }
}
