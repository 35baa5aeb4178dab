/**
 * InputDriver over nut-js. Points are logical screen pixels (what libnut takes). The pointer jumps instead of
 * gliding: the user already saw and approved the target, and a glide only widens the window in which a stop
 * could land mid-gesture. Everything pressed is tracked so releaseAll() can undo it at any moment (S4).
 */
import type { ScreenPoint } from '../common/geometry.js';
import type { InputDriver, MouseButton } from '../agent/ports.js';
import { loadNut } from './capture-nut.js';

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

export class NutInputDriver implements InputDriver {
  private readonly heldKeys = new Set<KeyT>();
  private readonly heldButtons = new Set<MouseButton>();

  private async nut(): Promise<Nut> {
    const n = await loadNut();
    n.mouse.config.autoDelayMs = 20;
    n.keyboard.config.autoDelayMs = 10;
    return n;
  }

  private button(n: Nut, b: MouseButton) {
    return b === 'left' ? n.Button.LEFT : b === 'right' ? n.Button.RIGHT : n.Button.MIDDLE;
  }

  async move(p: ScreenPoint): Promise<void> {
    const n = await this.nut();
    await n.mouse.setPosition(new n.Point(Math.round(p.x), Math.round(p.y)));
  }

  async click(p: ScreenPoint, button: MouseButton, count: 1 | 2): Promise<void> {
    const n = await this.nut();
    await this.move(p);
    if (count === 2) await n.mouse.doubleClick(this.button(n, button));
    else await n.mouse.click(this.button(n, button));
  }

  async type(text: string): Promise<void> {
    const n = await this.nut();
    if (typesDirectly(text)) {
      await n.keyboard.type(text);
      return;
    }
    // Non-ASCII (accents, CJK, emoji): paste through the clipboard, then put the user's clipboard back (S17).
    const previous = await n.clipboard.getContent().catch(() => '');
    try {
      await n.clipboard.setContent(text);
      await this.press([process.platform === 'darwin' ? 'meta' : 'ctrl', 'v']);
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await n.clipboard.setContent(previous).catch(() => undefined);
    }
  }

  async press(keys: readonly string[]): Promise<void> {
    const n = await this.nut();
    const ks = keys.map((k) => n.Key[nutKeyName(k) as keyof typeof n.Key] as KeyT);
    try {
      for (const k of ks) {
        this.heldKeys.add(k);
        await n.keyboard.pressKey(k as never);
      }
    } finally {
      for (const k of ks.slice().reverse()) {
        await n.keyboard.releaseKey(k as never);
        this.heldKeys.delete(k);
      }
    }
  }

  async scroll(direction: 'up' | 'down' | 'left' | 'right', amount: number): Promise<void> {
    const n = await this.nut();
    if (direction === 'up') await n.mouse.scrollUp(amount);
    else if (direction === 'down') await n.mouse.scrollDown(amount);
    else if (direction === 'left') await n.mouse.scrollLeft(amount);
    else await n.mouse.scrollRight(amount);
  }

  async drag(from: ScreenPoint, to: ScreenPoint): Promise<void> {
    const n = await this.nut();
    await this.move(from);
    this.heldButtons.add('left');
    try {
      await n.mouse.pressButton(n.Button.LEFT);
      // A few intermediate points so toolkits see a drag, not a jump.
      for (let i = 1; i <= 5; i++) {
        await this.move({ space: 'screen', x: from.x + ((to.x - from.x) * i) / 5, y: from.y + ((to.y - from.y) * i) / 5 });
      }
    } finally {
      await n.mouse.releaseButton(n.Button.LEFT);
      this.heldButtons.delete('left');
    }
  }

  async releaseAll(): Promise<void> {
    const n = await this.nut();
    for (const k of [...this.heldKeys]) {
      await n.keyboard.releaseKey(k as never).catch(() => undefined);
      this.heldKeys.delete(k);
    }
    for (const b of [...this.heldButtons]) {
      await n.mouse.releaseButton(this.button(n, b)).catch(() => undefined);
      this.heldButtons.delete(b);
    }
  }
}
