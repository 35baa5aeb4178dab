/**
 * InputDevice on X11 through the platform addon (native/src/x11): XTest events on one X connection, no process
 * spawned. Typing: the layout's own keys with the right Shift/AltGr level, any other character through a spare
 * keycode remapped for the moment (native/src/x11/keyboard.h), so "héllo Wörld ß" reaches a US-layout xedit as keys.
 * The clipboard, the last resort (a control character, or a keymap with no spare keycode), is owned by the addon too.
 */
import type { MouseButton } from '../agent/ports.js';
import type { InputDevice } from './input-device.js';
import { x11, x11InputProblem, type X11Addon } from './native-addon.js';
import { sessionKind, sessionProblem } from './session-kind.js';

/** X keysym names of printable ASCII; letters and digits are their own names. */
const ASCII_KEYSYMS: Record<string, string> = {
  ' ': 'space', '!': 'exclam', '"': 'quotedbl', '#': 'numbersign', '$': 'dollar', '%': 'percent', '&': 'ampersand',
  "'": 'apostrophe', '(': 'parenleft', ')': 'parenright', '*': 'asterisk', '+': 'plus', ',': 'comma', '-': 'minus',
  '.': 'period', '/': 'slash', ':': 'colon', ';': 'semicolon', '<': 'less', '=': 'equal', '>': 'greater',
  '?': 'question', '@': 'at', '[': 'bracketleft', '\\': 'backslash', ']': 'bracketright', '^': 'asciicircum',
  '_': 'underscore', '`': 'grave', '{': 'braceleft', '|': 'bar', '}': 'braceright', '~': 'asciitilde',
};
const NAMED: Record<string, string> = {
  ctrl: 'Control_L', alt: 'Alt_L', shift: 'Shift_L', meta: 'Super_L', enter: 'Return', tab: 'Tab', escape: 'Escape',
  backspace: 'BackSpace', delete: 'Delete', space: 'space', up: 'Up', down: 'Down', left: 'Left', right: 'Right',
  home: 'Home', end: 'End', pageup: 'Prior', pagedown: 'Next', insert: 'Insert', capslock: 'Caps_Lock',
  printscreen: 'Print', menu: 'Menu',
};

/** Our key name (KeySchema) -> X keysym name. */
export function x11KeysymName(k: string): string {
  if (NAMED[k]) return NAMED[k]!;
  if (/^f([1-9]|1[0-2])$/.test(k)) return k.toUpperCase();
  if (/^[a-z0-9]$/.test(k)) return k;
  if (ASCII_KEYSYMS[k]) return ASCII_KEYSYMS[k]!;
  throw new Error(`no key named "${k}"`);
}

const BUTTONS: Record<MouseButton, number> = { left: 1, middle: 2, right: 3 };
const WHEEL = { up: 4, down: 5, left: 6, right: 7 } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class X11InputDevice implements InputDevice {
  private addon(): X11Addon {
    const { addon, server } = x11();
    // The server itself may say XWayland where the environment did not (variables lost through sudo or ssh).
    const problem = sessionProblem(sessionKind(process.env, process.platform, server)) ?? x11InputProblem(server);
    if (problem) throw new Error(`cannot send input: ${problem}`);
    return addon;
  }

  async position() { return this.addon().pointer(); }
  async screenSize() {
    const s = this.addon().screenSize();
    return { w: s.width, h: s.height };
  }
  async move(x: number, y: number) { this.addon().moveTo(x, y); }
  async button(b: MouseButton, down: boolean) { this.addon().button(BUTTONS[b], down); }
  async scroll(direction: keyof typeof WHEEL) {
    const a = this.addon();
    a.button(WHEEL[direction], true);
    a.button(WHEEL[direction], false);
  }
  async key(name: string, down: boolean) {
    const sym = x11KeysymName(name);
    if (!this.addon().key(sym, down) && down) throw new Error(`the key "${name}" cannot be pressed: the keyboard layout has no key for it and no spare key is free`);
  }
  async prepare(text: string) {
    const wait = this.addon().prepareText([...text].map((c) => c.codePointAt(0)!));
    if (wait > 0) await sleep(wait); // clients read a changed keymap late: one wait for the whole text
  }
  async typeChar(ch: string): Promise<boolean> {
    const a = this.addon();
    for (;;) {
      const r = a.typeCodepoint(ch.codePointAt(0)!);
      if (r === 0) return true;
      if (r < 0) return false;
      await sleep(r); // a spare keycode was just remapped, or all were used moments ago: clients read keymaps late
    }
  }
  async clipboardGet() { return this.addon().clipboardGet(); }
  async clipboardSet(text: string) { this.addon().clipboardSet(text); }
}
