/**
 * The InputDriver: on Linux/X11 through the platform addon (input-x11.ts: XTest, no process spawned, any Unicode
 * typed as keys), on Windows and macOS through nut-js (input events there are not yet wired to the addon).
 * Points are logical screen pixels. The pointer jumps instead of
 * gliding: the user already saw and approved the target, and a glide only widens the window in which a stop
 * could land mid-gesture. Everything pressed is tracked so releaseAll() can undo it at any moment (S4); releaseAll()
 * also ends the action in progress at its next event, and before every event the pointer is checked against the
 * screen corners (PyAutoGUI's fail-safe: push the mouse into a corner to stop).
 */
import type { ScreenPoint } from '../common/geometry.js';
import type { InputDriver, MouseButton } from '../agent/ports.js';
import { loadNut } from './capture-nut.js';
import type { InputDevice } from './input-device.js';
import { X11InputDevice } from './input-x11.js';

type Nut = Awaited<ReturnType<typeof loadNut>>;
type KeyT = Nut['Key'][keyof Nut['Key']];

const CHAR_KEYS: Record<string, string> = {
  '`': 'Grave', '-': 'Minus', '=': 'Equal', '[': 'LeftBracket', ']': 'RightBracket', '\\': 'Backslash',
  ';': 'Semicolon', "'": 'Quote', ',': 'Comma', '.': 'Period', '/': 'Slash', '*': 'Multiply', '+': 'Add',
};
const NAMED: Record<string, string> = {
  ctrl: 'LeftControl', alt: 'LeftAlt', shift: 'LeftShift', enter: 'Enter', tab: 'Tab', escape: 'Escape',
  backspace: 'Backspace', delete: 'Delete', space: 'Space', up: 'Up', down: 'Down', left: 'Left', right: 'Right',
  home: 'Home', end: 'End', pageup: 'PageUp', pagedown: 'PageDown', insert: 'Insert', capslock: 'CapsLock',
  printscreen: 'Print', menu: 'Menu',
};

/** Maps our key names (electron/common/actions.ts KeySchema) to nut-js keys; "meta" is Cmd on macOS, Super elsewhere. */
export function nutKeyName(k: string, platform = process.platform): string {
  if (k === 'meta') return platform === 'darwin' ? 'LeftCmd' : 'LeftSuper';
  if (NAMED[k]) return NAMED[k]!;
  if (/^f([1-9]|1[0-2])$/.test(k)) return k.toUpperCase();
  if (/^[a-z]$/.test(k)) return k.toUpperCase();
  if (/^[0-9]$/.test(k)) return `Num${k}`;
  if (CHAR_KEYS[k]) return CHAR_KEYS[k]!;
  throw new Error(`no key named "${k}"`);
}

/** Text that libnut's typeString reproduces exactly on any layout: printable ASCII, tab and newline. */
export function typesDirectly(text: string): boolean {
  return /^[\x20-\x7e\t\n]*$/.test(text);
}

/** Thrown when the pointer was pushed into a screen corner (PyAutoGUI's fail-safe): the run stops. */
export class FailSafeError extends Error {
  readonly code = 'MAGMA_FAILSAFE';
}
/** Thrown by an event that would start after releaseAll() (a stop): the step ends where it is. */
export class InputInterrupted extends Error {
  readonly code = 'MAGMA_INTERRUPTED';
}

export interface NutInputOptions {
  /** Stop when the pointer sits in a screen corner the driver did not put it in (default on; MAGMA_DESK_NO_FAILSAFE=1 turns it off). */
  failSafe?: boolean;
  /** How close to a corner counts (px). */
  cornerPx?: number;
  /** The backend (default: the X11 addon on Linux, nut-js elsewhere). */
  device?: InputDevice;
}

/** Whether p is within `px` of a corner of a w x h screen. */
export function inCorner(p: { x: number; y: number }, w: number, h: number, px = 2): boolean {
  const nearX = p.x <= px || p.x >= w - 1 - px;
  const nearY = p.y <= px || p.y >= h - 1 - px;
  return nearX && nearY;
}

/** InputDevice over nut-js (Windows, macOS): libnut types printable ASCII; anything else is pasted by the driver. */
export class NutInputDevice implements InputDevice {
  private async nut(): Promise<Nut> {
    const n = await loadNut();
    n.mouse.config.autoDelayMs = 20;
    n.keyboard.config.autoDelayMs = 10;
    return n;
  }
  private nutButton(n: Nut, b: MouseButton) {
    return b === 'left' ? n.Button.LEFT : b === 'right' ? n.Button.RIGHT : n.Button.MIDDLE;
  }
  async position() { return (await this.nut()).mouse.getPosition(); }
  async screenSize() {
    const n = await this.nut();
    return { w: await n.screen.width(), h: await n.screen.height() };
  }
  async move(x: number, y: number) {
    const n = await this.nut();
    await n.mouse.setPosition(new n.Point(x, y));
  }
  async button(b: MouseButton, down: boolean) {
    const n = await this.nut();
    if (down) await n.mouse.pressButton(this.nutButton(n, b));
    else await n.mouse.releaseButton(this.nutButton(n, b));
  }
  async scroll(direction: 'up' | 'down' | 'left' | 'right') {
    const n = await this.nut();
    if (direction === 'up') await n.mouse.scrollUp(1);
    else if (direction === 'down') await n.mouse.scrollDown(1);
    else if (direction === 'left') await n.mouse.scrollLeft(1);
    else await n.mouse.scrollRight(1);
  }
  async key(name: string, down: boolean) {
    const n = await this.nut();
    const k = n.Key[nutKeyName(name) as keyof typeof n.Key] as KeyT;
    if (down) await n.keyboard.pressKey(k as never);
    else await n.keyboard.releaseKey(k as never);
  }
  async typeChar(ch: string) {
    if (!typesDirectly(ch)) return false;
    await (await this.nut()).keyboard.type(ch);
    return true;
  }
  async clipboardGet() { return (await this.nut()).clipboard.getContent(); }
  async clipboardSet(text: string) { await (await this.nut()).clipboard.setContent(text); }
}

export class NutInputDriver implements InputDriver {
  private readonly heldKeys = new Set<string>();
  private readonly heldButtons = new Set<MouseButton>();
  /** Bumped by releaseAll(): an action that started under an older epoch sends no further event. */
  private epoch = 0;
  /** Where this driver last put the pointer: a corner we chose ourselves is not the user's fail-safe. */
  private placed: { x: number; y: number } | undefined;
  private screenSize: { w: number; h: number } | undefined;
  private readonly failSafe: boolean;
  private readonly cornerPx: number;
  private readonly dev: InputDevice;

  constructor(opts: NutInputOptions = {}) {
    this.failSafe = opts.failSafe ?? process.env.MAGMA_DESK_NO_FAILSAFE !== '1';
    this.cornerPx = opts.cornerPx ?? 2;
    this.dev = opts.device ?? (process.platform === 'linux' ? new X11InputDevice() : new NutInputDevice());
  }

  /** What this driver holds right now (tests, the stop measurement). */
  held(): { keys: number; buttons: MouseButton[] } {
    return { keys: this.heldKeys.size, buttons: [...this.heldButtons] };
  }

  /** Checked before every single event: a stop since the action began, or the pointer in a corner, ends it. */
  private async gate(epoch: number): Promise<void> {
    if (epoch !== this.epoch) throw new InputInterrupted('input stopped');
    if (!this.failSafe) return;
    this.screenSize ??= await this.dev.screenSize();
    const p = await this.dev.position();
    const ours = this.placed && Math.abs(this.placed.x - p.x) <= 1 && Math.abs(this.placed.y - p.y) <= 1;
    if (!ours && inCorner(p, this.screenSize.w, this.screenSize.h, this.cornerPx)) {
      await this.releaseAll();
      throw new FailSafeError(`fail-safe: the mouse was pushed into a screen corner (${p.x}, ${p.y}); stopped`);
    }
    if (epoch !== this.epoch) throw new InputInterrupted('input stopped');
  }

  private async moveRaw(p: ScreenPoint, epoch: number): Promise<void> {
    await this.gate(epoch);
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    this.placed = { x, y };
    await this.dev.move(x, y);
  }

  async move(p: ScreenPoint): Promise<void> {
    await this.moveRaw(p, this.epoch);
  }

  async click(p: ScreenPoint, button: MouseButton, count: 1 | 2): Promise<void> {
    const epoch = this.epoch;
    await this.moveRaw(p, epoch);
    for (let i = 0; i < count; i++) {
      await this.gate(epoch);
      this.heldButtons.add(button);
      try {
        await this.dev.button(button, true);
      } finally {
        await this.dev.button(button, false).catch(() => undefined);
        this.heldButtons.delete(button);
      }
    }
  }

  /**
   * One character at a time, checking for a stop and the fail-safe before each: a stop leaves at most one key in
   * flight. Each character goes as key events when the device can make it (on X11: any character, through the
   * layout or a spare keycode); only what no key can make is pasted through the clipboard, and the user's
   * clipboard text is put back afterwards (S17).
   */
  async type(text: string): Promise<void> {
    const epoch = this.epoch;
    let previous: string | undefined;
    await this.gate(epoch);
    await this.dev.prepare?.(text);
    try {
      for (const ch of text) {
        await this.gate(epoch);
        if (await this.dev.typeChar(ch)) continue;
        previous ??= await this.dev.clipboardGet().catch(() => '');
        await this.dev.clipboardSet(ch);
        await this.pressWith([process.platform === 'darwin' ? 'meta' : 'ctrl', 'v'], epoch);
        // The application reads the clipboard after it sees the key: give it time before the next change.
        await new Promise((r) => setTimeout(r, 150));
      }
    } finally {
      if (previous !== undefined) await this.dev.clipboardSet(previous).catch(() => undefined);
    }
  }

  async press(keys: readonly string[]): Promise<void> {
    await this.pressWith(keys, this.epoch);
  }

  private async pressWith(keys: readonly string[], epoch: number): Promise<void> {
    const pressed: string[] = [];
    try {
      for (const k of keys) {
        await this.gate(epoch);
        this.heldKeys.add(k);
        pressed.push(k);
        await this.dev.key(k, true);
      }
    } finally {
      // Always release what was pressed, in reverse order, even when stopped half-way through the combo.
      for (const k of pressed.reverse()) {
        if (!this.heldKeys.has(k)) continue;
        await this.dev.key(k, false).catch(() => undefined);
        this.heldKeys.delete(k);
      }
    }
  }

  async scroll(direction: 'up' | 'down' | 'left' | 'right', amount: number): Promise<void> {
    const epoch = this.epoch;
    for (let i = 0; i < amount; i++) {
      await this.gate(epoch);
      await this.dev.scroll(direction);
    }
  }

  async drag(from: ScreenPoint, to: ScreenPoint): Promise<void> {
    const epoch = this.epoch;
    await this.moveRaw(from, epoch);
    await this.gate(epoch);
    this.heldButtons.add('left');
    try {
      await this.dev.button('left', true);
      // A few intermediate points so toolkits see a drag, not a jump.
      for (let i = 1; i <= 5; i++) {
        await this.moveRaw({ space: 'screen', x: from.x + ((to.x - from.x) * i) / 5, y: from.y + ((to.y - from.y) * i) / 5 }, epoch);
      }
    } finally {
      if (this.heldButtons.has('left')) {
        await this.dev.button('left', false).catch(() => undefined);
        this.heldButtons.delete('left');
      }
    }
  }

  /** Releases everything held and ends any action in progress at its next event (a stop). */
  async releaseAll(): Promise<void> {
    this.epoch++;
    for (const k of [...this.heldKeys]) {
      await this.dev.key(k, false).catch(() => undefined);
      this.heldKeys.delete(k);
    }
    for (const b of [...this.heldButtons]) {
      await this.dev.button(b, false).catch(() => undefined);
      this.heldButtons.delete(b);
    }
  }
}
