/**
 * The `gtk-live` set of the accessibility fusion eval (issue #15): committed screenshots of three GTK applications
 * (tests/fixtures/perception/gtk-live/), each with
 *   <name>.png        the whole 1280x800 screen (a11y-capture.ts made it),
 *   <name>.tree.json  the AT-SPI read taken with it (SavedTreeRead: replayed, so CI needs neither the apps nor a bus),
 *   <name>.json       the ground truth, made and checked by hand against the pixels (gtk-live/README.md).
 * Ground truth that the tree cannot grade itself on: boxes are what is drawn, names what is shown.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { A11yRead } from '../../electron/common/a11y.js';
import type { DisplayInfo } from '../../electron/common/geometry.js';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import type { TreeCase } from './a11y-eval.js';
import type { GtElement } from './scoring.js';

export const GTK_LIVE_DIR = fileURLToPath(new URL('../fixtures/perception/gtk-live/', import.meta.url));

export interface GtkLiveApp {
  readonly name: string;
  readonly command: string;
  /** xdotool --name pattern of its window. */
  readonly title: string;
  readonly at: readonly [number, number];
  readonly size?: readonly [number, number];
  readonly rest: readonly [number, number];
  readonly toolkit: string;
}

/**
 * The applications of the set: window title, where the window is put (and its size, where it must fit the screen),
 * and where the pointer rests: inside the window (the reader takes the window under the pointer as the focused
 * one) on a spot that is no control (no hover highlight, no tooltip).
 */
export const GTK_LIVE_APPS: readonly GtkLiveApp[] = [
  { name: 'galculator', command: 'galculator', title: '^galculator$', at: [150, 80], rest: [200, 190], toolkit: 'GTK 3' },
  { name: 'gnome-calculator', command: 'gnome-calculator', title: '^Calculator$', at: [420, 120], rest: [600, 230], toolkit: 'GTK 4' },
  // Its default width (1366) is wider than the screen: resized so that every control of the first page shows.
  { name: 'gtk3-widget-factory', command: 'gtk3-widget-factory', title: '^gtk3-widget-factory$', at: [0, 0], size: [1270, 740], rest: [640, 577], toolkit: 'GTK 3' },
];

/** A tree read as the live source gave it, with the screen it was read on (logical px; the frame is that screen). */
export interface SavedTreeRead {
  readonly display: { x: number; y: number; width: number; height: number };
  readonly read: A11yRead;
}

/** One hand-checked ground-truth element; `disabled`: drawn greyed out (neither to be found nor a false find). */
export interface LiveGtElement extends GtElement {
  readonly disabled?: boolean;
  /** What an icon-only control is (its name is '' because it shows no text). */
  readonly note?: string;
}

export function displayOf(d: SavedTreeRead['display']): DisplayInfo {
  return { id: 'eval', name: 'the captured screen', bounds: d, scaleFactor: 1, primary: true };
}

export async function gtkLiveCases(dir = GTK_LIVE_DIR): Promise<TreeCase[]> {
  const cases: TreeCase[] = [];
  for (const app of GTK_LIVE_APPS) {
    // textsShown: text on the screen that is no control but reads like one's name (a tree view row "Andrea" beside
    // the "Andrea" combo box): such a name is ambiguous to ask for, as if it were shown twice.
    const truth = JSON.parse(readFileSync(`${dir}/${app.name}.json`, 'utf8')) as { elements: LiveGtElement[]; textsShown?: string[] };
    const saved = JSON.parse(readFileSync(`${dir}/${app.name}.tree.json`, 'utf8')) as SavedTreeRead;
    const image = await decodeImage(`${dir}/${app.name}.png`);
    cases.push({
      name: `gtk-live:${app.name}`,
      set: 'gtk-live',
      image,
      gt: truth.elements.filter((e) => !e.disabled).map((e) => ({ box: e.box, name: e.name, role: e.role })),
      ignore: truth.elements.filter((e) => e.disabled).map((e) => e.box),
      textsShown: truth.textsShown ?? [],
      tree: saved.read,
      display: displayOf(saved.display),
    });
  }
  return cases;
}
