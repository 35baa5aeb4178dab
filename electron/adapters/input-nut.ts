/**
 * InputDriver over nut-js. Points are logical screen pixels (what libnut takes). The pointer jumps instead of
 * gliding: the user already saw and approved the target, and a glide only widens the window in which a stop
 * could land mid-gesture. Everything pressed is tracked so releaseAll() can undo it at any moment (S4); releaseAll()
 * also ends the action in progress at its next event, and before every event the pointer is checked against the
 * screen corners (PyAutoGUI's fail-safe: push the mouse into a corner to stop).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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

const run = promisify(execFile);

/** X keysym names of printable ASCII (what `xmodmap -pke` prints); letters and digits are their own names. */
const ASCII_KEYSYMS: Record<string, string> = {
  ' ': 'space', '!': 'exclam', '"': 'quotedbl', '#': 'numbersign', '$': 'dollar', '%': 'percent', '&': 'ampersand',
  "'": 'apostrophe', '(': 'parenleft', ')': 'parenright', '*': 'asterisk', '+': 'plus', ',': 'comma', '-': 'minus',
  '.': 'period', '/': 'slash', ':': 'colon', ';': 'semicolon', '<': 'less', '=': 'equal', '>': 'greater',
  '?': 'question', '@': 'at', '[': 'bracketleft', '\\': 'backslash', ']': 'bracketright', '^': 'asciicircum',
  '_': 'underscore', '`': 'grave', '{': 'braceleft', '|': 'bar', '}': 'braceright', '~': 'asciitilde',
};
export function asciiKeysym(ch: string): string | undefined {
  if (/^[A-Za-z0-9]$/.test(ch)) return ch;
  if (ch === '\n') return 'Return';
  if (ch === '\t') return 'Tab';
  return ASCII_KEYSYMS[ch];
}

/**
 * Keysyms the current X layout produces with at most Shift and AltGr (levels 1-4 of group 1), from
 * `xmodmap -pke` ("keycode  24 = q Q q Q at Greek_OMEGA at": columns 1-2 are levels 1-2, 3-4 repeat them for a
 * second group, 5-6 are levels 3-4). Dead keys have their own names (dead_circumflex), so "^" on a German layout
 * is correctly absent.
 */
export function parseXmodmapKeysyms(out: string): Set<string> {
  const syms = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^keycode\s+\d+\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const cols = m[1]!.trim().split(/\s+/);
    for (const i of [0, 1, 4, 5]) if (cols[i] && cols[i] !== 'NoSymbol') syms.add(cols[i]!);
  }
  return syms;
}

export type TypingSegment = { how: 'keys' | 'paste'; text: string };

/**
 * How text is typed on X11: characters the layout has (ASCII only) as key events, everything else pasted.
 * libnut's typeString is not used on X11: it presses the keycode of a keysym without the Shift or AltGr the
 * layout needs ("!" came out as "1" on a US layout, every digit as "&é\"..." on French), resolves keysyms through
 * a keymap it does not refresh after a layout switch, and a keysym missing from the layout ("^" on German) sends
 * keycode 0, an X error that ends the process (found by tests/safety/s17-typing.test.ts).
 */
export function planX11Typing(text: string, layout: Set<string> | undefined): TypingSegment[] {
  const out: TypingSegment[] = [];
  for (const ch of text) {
    const sym = asciiKeysym(ch);
    const how = sym && layout && (layout.has(sym) || ch === '\n' || ch === '\t') ? 'keys' : 'paste';
    const last = out.at(-1);
    if (last && last.how === how) last.text += ch;
    else out.push({ how, text: ch });
  }
  return out;
}

/** The current layout's keysyms, or undefined when xmodmap or xdotool is missing (then everything is pasted). */
async function x11Layout(): Promise<Set<string> | undefined> {
  try {
    await run('xdotool', ['version'], { timeout: 3000 });
    const { stdout } = await run('xmodmap', ['-pke'], { timeout: 3000, maxBuffer: 1 << 22 });
    return parseXmodmapKeysyms(stdout);
  } catch {
    return undefined;
  }
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
}

/** Whether p is within `px` of a corner of a w x h screen. */
export function inCorner(p: { x: number; y: number }, w: number, h: number, px = 2): boolean {
  const nearX = p.x <= px || p.x >= w - 1 - px;
  const nearY = p.y <= px || p.y >= h - 1 - px;
  return nearX && nearY;
}

export class NutInputDriver implements InputDriver {
  private readonly heldKeys = new Set<KeyT>();
  private readonly heldButtons = new Set<MouseButton>();
  /** Bumped by releaseAll(): an action that started under an older epoch sends no further event. */
  private epoch = 0;
  /** Where this driver last put the pointer: a corner we chose ourselves is not the user's fail-safe. */
  private placed: { x: number; y: number } | undefined;
  private screenSize: { w: number; h: number } | undefined;
  private readonly failSafe: boolean;
  private readonly cornerPx: number;

  constructor(opts: NutInputOptions = {}) {
    this.failSafe = opts.failSafe ?? process.env.MAGMA_DESK_NO_FAILSAFE !== '1';
    this.cornerPx = opts.cornerPx ?? 2;
  }

  private async nut(): Promise<Nut> {
    const n = await loadNut();
    n.mouse.config.autoDelayMs = 20;
    n.keyboard.config.autoDelayMs = 10;
    return n;
  }

  /** What this driver holds right now (tests, the stop measurement). */
  held(): { keys: number; buttons: MouseButton[] } {
    return { keys: this.heldKeys.size, buttons: [...this.heldButtons] };
  }

  /** Checked before every single event: a stop since the action began, or the pointer in a corner, ends it. */
  private async gate(n: Nut, epoch: number): Promise<void> {
    if (epoch !== this.epoch) throw new InputInterrupted('input stopped');
    if (!this.failSafe) return;
    this.screenSize ??= { w: await n.screen.width(), h: await n.screen.height() };
    const p = await n.mouse.getPosition();
    const ours = this.placed && Math.abs(this.placed.x - p.x) <= 1 && Math.abs(this.placed.y - p.y) <= 1;
    if (!ours && inCorner(p, this.screenSize.w, this.screenSize.h, this.cornerPx)) {
      await this.releaseAll();
      throw new FailSafeError(`fail-safe: the mouse was pushed into a screen corner (${p.x}, ${p.y}); stopped`);
    }
    if (epoch !== this.epoch) throw new InputInterrupted('input stopped');
  }

  private button(n: Nut, b: MouseButton) {
    return b === 'left' ? n.Button.LEFT : b === 'right' ? n.Button.RIGHT : n.Button.MIDDLE;
  }

  private async moveRaw(n: Nut, p: ScreenPoint, epoch: number): Promise<void> {
    await this.gate(n, epoch);
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    this.placed = { x, y };
    await n.mouse.setPosition(new n.Point(x, y));
  }

  async move(p: ScreenPoint): Promise<void> {
    const epoch = this.epoch;
    await this.moveRaw(await this.nut(), p, epoch);
  }

  async click(p: ScreenPoint, button: MouseButton, count: 1 | 2): Promise<void> {
    const epoch = this.epoch;
    const n = await this.nut();
    await this.moveRaw(n, p, epoch);
    await this.gate(n, epoch);
    if (count === 2) await n.mouse.doubleClick(this.button(n, button));
    else await n.mouse.click(this.button(n, button));
  }

  /**
   * One character at a time, checking for a stop and the fail-safe before each: a stop leaves at most one key in
   * flight. On X11 each character the layout has goes through xdotool (a fresh keymap per call, with the Shift or
   * AltGr it needs); elsewhere libnut types printable ASCII (Unicode key events on Windows and macOS). The rest
   * (accents, CJK, emoji, characters the X layout lacks) is pasted through the clipboard, and the user's clipboard
   * text is put back afterwards (S17).
   */
  async type(text: string): Promise<void> {
    const epoch = this.epoch;
    const n = await this.nut();
    const segments: TypingSegment[] = process.platform === 'linux'
      ? planX11Typing(text, await x11Layout())
      : typesDirectly(text) ? [{ how: 'keys', text }] : [{ how: 'paste', text }];
    let previous: string | undefined;
    try {
      for (const seg of segments) {
        if (seg.how === 'keys') {
          for (const ch of seg.text) {
            await this.gate(n, epoch);
            if (process.platform === 'linux') await run('xdotool', ['type', '--delay', '0', '--', ch], { timeout: 5000 });
            else await n.keyboard.type(ch);
          }
          continue;
        }
        await this.gate(n, epoch);
        previous ??= await n.clipboard.getContent().catch(() => '');
        await n.clipboard.setContent(seg.text);
        await this.pressWith(n, [process.platform === 'darwin' ? 'meta' : 'ctrl', 'v'], epoch);
        // The application reads the clipboard after it sees the key: give it time before the next change.
        await new Promise((r) => setTimeout(r, 150));
      }
    } finally {
      if (previous !== undefined) await n.clipboard.setContent(previous).catch(() => undefined);
    }
  }

  async press(keys: readonly string[]): Promise<void> {
    const epoch = this.epoch;
    await this.pressWith(await this.nut(), keys, epoch);
  }

  private async pressWith(n: Nut, keys: readonly string[], epoch: number): Promise<void> {
    const ks = keys.map((k) => n.Key[nutKeyName(k) as keyof typeof n.Key] as KeyT);
    const pressed: KeyT[] = [];
    try {
      for (const k of ks) {
        await this.gate(n, epoch);
        this.heldKeys.add(k);
        pressed.push(k);
        await n.keyboard.pressKey(k as never);
      }
    } finally {
      // Always release what was pressed, in reverse order, even when stopped half-way through the combo.
      for (const k of pressed.reverse()) {
        if (!this.heldKeys.has(k)) continue;
        await n.keyboard.releaseKey(k as never).catch(() => undefined);
        this.heldKeys.delete(k);
      }
    }
  }

  async scroll(direction: 'up' | 'down' | 'left' | 'right', amount: number): Promise<void> {
    const epoch = this.epoch;
    const n = await this.nut();
    for (let i = 0; i < amount; i++) {
      await this.gate(n, epoch);
      if (direction === 'up') await n.mouse.scrollUp(1);
      else if (direction === 'down') await n.mouse.scrollDown(1);
      else if (direction === 'left') await n.mouse.scrollLeft(1);
      else await n.mouse.scrollRight(1);
    }
  }

  async drag(from: ScreenPoint, to: ScreenPoint): Promise<void> {
    const epoch = this.epoch;
    const n = await this.nut();
    await this.moveRaw(n, from, epoch);
    await this.gate(n, epoch);
    this.heldButtons.add('left');
    try {
      await n.mouse.pressButton(n.Button.LEFT);
      // A few intermediate points so toolkits see a drag, not a jump.
      for (let i = 1; i <= 5; i++) {
        await this.moveRaw(n, { space: 'screen', x: from.x + ((to.x - from.x) * i) / 5, y: from.y + ((to.y - from.y) * i) / 5 }, epoch);
      }
    } finally {
      if (this.heldButtons.has('left')) {
        await n.mouse.releaseButton(n.Button.LEFT).catch(() => undefined);
        this.heldButtons.delete('left');
      }
    }
  }

  /** Releases everything held and ends any action in progress at its next event (a stop). */
  async releaseAll(): Promise<void> {
    this.epoch++;
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
