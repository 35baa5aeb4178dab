/**
 * `xwininfo -root -tree` as a tree of windows, so the eval can take an application's buttons from the X server
 * (each Xaw button is an X window) at any window size, not only where they are 40x26 px.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Box } from './scoring.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface XWindow {
  readonly name: string;
  readonly w: number;
  readonly h: number;
  /** Absolute position of the inside (xwininfo's "+ax+ay"; a 1 px border lies outside it). */
  readonly ax: number;
  readonly ay: number;
  readonly children: XWindow[];
}

/** Parses `xwininfo -root -tree`: the window lines, nested by their indentation. Returns the root's children. */
export function parseXTree(text: string): XWindow[] {
  const top: XWindow[] = [];
  const stack: { indent: number; win: XWindow }[] = [];
  for (const line of text.split('\n')) {
    // e.g. `     0x200014 "Calculator": ("xcalc" "XCalc")  300x400+60+60  +60+60`
    const m = /^(\s*)0x[0-9a-f]+ (?:"(.*?)"|\(has no name\)).*?\s(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+?(-?\d+)\+?(-?\d+)\s*$/.exec(line);
    if (!m) continue;
    const win: XWindow = { name: m[2] ?? '', w: +m[3]!, h: +m[4]!, ax: +m[5]!, ay: +m[6]!, children: [] };
    const indent = m[1]!.length;
    while (stack.length && stack.at(-1)!.indent >= indent) stack.pop();
    (stack.length ? stack.at(-1)!.win.children : top).push(win);
    stack.push({ indent, win });
  }
  return top;
}

/** Every window of the tree, depth first. */
export function allWindows(ws: readonly XWindow[]): XWindow[] {
  return ws.flatMap((w) => [w, ...allWindows(w.children)]);
}

/** Outer box of an X window with a 1 px border (xwininfo gives the inside), image px of a root-window grab. */
export const outerBox = (w: Pick<XWindow, 'w' | 'h' | 'ax' | 'ay'>): Box => [w.ax - 1, w.ay - 1, w.ax + w.w + 1, w.ay + w.h + 1];

/**
 * xcalc's 55 keys at any size: the toplevel "Calculator" holds one form, whose leaf children are the keys (the
 * one child with children of its own is the LCD bevel). Sorted row by row (rows: same top within 3 px), left to
 * right, which is the order of xcalc's layout (button1..button55 in /etc/X11/app-defaults/XCalc).
 */
export function xcalcKeys(tree: readonly XWindow[]): XWindow[] {
  const calc = allWindows(tree).find((w) => w.name === 'Calculator');
  const form = calc?.children[0];
  if (!form) return [];
  const keys = form.children.filter((w) => w.children.length === 0);
  return keys.sort((a, b) => (Math.abs(a.ay - b.ay) <= 3 ? a.ax - b.ax : a.ay - b.ay));
}

/** Every window on the display (`xwininfo -root -tree`), flattened. */
export function readXTree(env: NodeJS.ProcessEnv): XWindow[] {
  return allWindows(parseXTree(spawnSync('xwininfo', ['-root', '-tree'], { env, encoding: 'utf8' }).stdout));
}

/** xcalc's key labels in its layout's row-major order (button1..button55 of the TI layout; the fixture lists them). */
export function xcalcLabels(): string[] {
  return JSON.parse(readFileSync(`${root}tests/fixtures/perception/xcalc-1280x800.buttons.json`, 'utf8')).buttons.map((b: { label: string }) => b.label);
}

/** The xcalc window sizes of the eval (issue #12): its default size and two `-geometry` sizes. */
export const XCALC_SIZES = ['default', '300x400', '600x800'] as const;

/** The running xcalc's 55 keys with their labels and outer boxes (root-window image px); throws unless all 55 are found. */
export function labelledXcalcKeys(env: NodeJS.ProcessEnv): { label: string; box: Box }[] {
  const keys = xcalcKeys(readXTree(env));
  const labels = xcalcLabels();
  if (keys.length !== labels.length) throw new Error(`xcalc: ${keys.length} keys found in the X tree, expected ${labels.length}`);
  return keys.map((w, i) => ({ label: labels[i]!, box: outerBox(w) }));
}
