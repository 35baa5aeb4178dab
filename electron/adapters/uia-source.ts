/**
 * The UI Automation element source (Windows): implements AccessibilitySource (electron/agent/ports.ts) over the
 * native addon's uiaTree (native/src/win/uia.cc), which reads the foreground window's control view in one batched
 * cross-process call. Never constructed on Linux or macOS (createUiaSource says so).
 *
 *   const source = createUiaSource();           // throws in plain words off Windows or without the addon
 *   const read = await source.read(signal);      // { nodes, app, ms, note? }
 *
 * What the addon gives and what this file decides:
 *  - the addon: role names already mapped from UIA control types to AT-SPI's words, raw facts (IsEnabled,
 *    HasKeyboardFocus, ToggleState, Value.IsReadOnly, SelectionItem.IsSelected, IsPassword), boxes in PHYSICAL screen
 *    px; off-screen elements are already left out; no Value or Text content is ever read (a password field gives its
 *    name only).
 *  - here: which elements are marks, their states (checked, editable), the box in the app's screen space, clipped to
 *    the window, the application's name, and the note for the person.
 *
 * Coordinates: the addon makes the process per-monitor DPI aware (native/src/win/win.cc Init; Electron's main
 * process is too), and in such a process UI Automation, SetCursorPos/SendInput and the screen grab of nut-js all use
 * the same physical desktop px, and capture reports scaleFactor 1 (capture-nut.ts). So the app's "logical screen px"
 * on Windows ARE physical px today and `toScreen` is the identity. It is the one place the monitor's scale would be
 * applied if the app's Windows screen space became DIPs (Electron's screen API): pass a toScreen that divides by it.
 */
import type { A11yNode, A11yRead } from '../common/a11y.js';
import type { AccessibilitySource } from '../agent/ports.js';
import { loadNativeAddon } from './native-addon.js';

type Box = [number, number, number, number];

/** One element as the addon returns it (native/src/win/uia.cc). */
export interface UiaRawNode {
  role: string;
  controlType: number;
  name: string;
  helpText: string;
  framework: string;
  /** The owning process's executable ("notepad.exe"); "" when it could not be opened. */
  app: string;
  processId: number;
  /** [left, top, right, bottom], physical screen px. */
  rect: Box;
  enabled: boolean;
  focused: boolean;
  focusable: boolean;
  password: boolean;
  /** Toggle pattern: -1 none, 0 off, 1 on, 2 indeterminate. */
  toggle: number;
  /** Value pattern's IsReadOnly: -1 no Value pattern, 0 takes text, 1 read-only. */
  readOnly: number;
  /** SelectionItem pattern's IsSelected: -1 none, 0, 1. */
  selected: number;
}

/** One read as the addon returns it. */
export interface UiaRawTree {
  app: string;
  title: string;
  processId: number;
  /** The foreground window, physical screen px. */
  window: Box;
  /** Elements left out because UI Automation says they are off-screen. */
  offscreen: number;
  /** More elements than maxNodes: the first maxNodes came back. */
  truncated: boolean;
  /** Whether the connection/transaction time-outs could be set (Windows 8 and later). */
  timeouts: boolean;
  nodes: UiaRawNode[];
}

/** The part of the addon this source uses. */
export interface UiaAddon {
  platform: string;
  uiaTree(maxNodes: number, timeoutMs: number): Promise<UiaRawTree>;
}

export interface UiaSourceOptions {
  /** Default: the platform addon (native/), which must be the Windows build. */
  addon?: UiaAddon;
  /** Most elements kept from one window (default 1500); the note says when a window had more. */
  maxNodes?: number;
  /** UI Automation's connection and transaction time-out in ms (default 400): a hung window answers no later. */
  timeoutMs?: number;
  /** Physical screen px -> the app's screen px (default: the same; see the block comment). */
  toScreen?: (box: Box) => Box;
  now?: () => number;
}

const DEFAULT_MAX_NODES = 1500;
const DEFAULT_TIMEOUT_MS = 400;

/** Roles a person acts on: kept whatever their name (an icon button has none in the pixels either). */
const ACTING_ROLES = new Set([
  'push button', 'push button menu', 'check box', 'radio button', 'combo box', 'text', 'password text', 'link',
  'list item', 'menu item', 'page tab', 'tree item', 'spin button', 'slider', 'column header', 'table row',
]);
/** Roles that carry words: kept when they have a name. */
const WORD_ROLES = new Set(['label', 'status bar', 'title bar', 'tool tip', 'icon']);
/**
 * Containers: never a mark, even when they take the keyboard focus (the window, a pane, the document). 'unknown'
 * (UIA's Custom type) is not one: a focusable custom control is kept, as WinUI apps draw many of those.
 */
const CONTAINER_ROLES = new Set(['frame', 'panel', 'document frame', 'grouping', 'tool bar', 'menu bar', 'page tab list', 'list', 'tree', 'table', 'header', 'thumb', 'separator', 'progress bar', 'calendar', 'menu']);
const CHECKABLE_ROLES = new Set(['check box', 'radio button']);
const TEXT_ENTRY_ROLES = new Set(['text', 'password text', 'combo box', 'spin button']);

/** "notepad.exe" -> "notepad": the name a person knows the program by. */
export function programName(image: string): string {
  return image.replace(/\.exe$/i, '');
}

function isMark(n: UiaRawNode): boolean {
  if (CONTAINER_ROLES.has(n.role)) return false;
  if (ACTING_ROLES.has(n.role)) return true;
  if (WORD_ROLES.has(n.role)) return n.name.trim() !== '';
  return n.focusable;
}

function clip(b: Box, w: Box): Box | undefined {
  const c: Box = [Math.max(b[0], w[0]), Math.max(b[1], w[1]), Math.min(b[2], w[2]), Math.min(b[3], w[3])];
  return c[2] - c[0] >= 1 && c[3] - c[1] >= 1 ? c : undefined;
}

/** One addon element -> A11yNode in the app's screen px, clipped to the window; undefined when it is not a mark. */
export function toA11yNode(n: UiaRawNode, window: Box, toScreen: (b: Box) => Box = (b) => b): A11yNode | undefined {
  if (!isMark(n)) return undefined;
  const screen = clip(toScreen(n.rect), toScreen(window));
  if (!screen) return undefined;
  // Checked: the Toggle pattern where there is one (check boxes, toggle buttons), else a radio button's selection.
  const checked = n.toggle >= 0 ? n.toggle === 1 : n.role === 'radio button' && n.selected >= 0 ? n.selected === 1 : undefined;
  // Editable: a Value pattern that is not read-only, or an edit field with no Value pattern (a rich edit box).
  const editable = n.enabled && TEXT_ENTRY_ROLES.has(n.role) && (n.readOnly === 0 || (n.readOnly === -1 && (n.role === 'text' || n.role === 'password text')));
  const description = n.helpText.trim();
  // UIA has no toggle-button type: a Button with the Toggle pattern is one (AT-SPI's "toggle button").
  const role = n.role === 'push button' && n.toggle >= 0 ? 'toggle button' : n.role;
  return {
    role,
    name: n.name,
    ...(description && description !== n.name ? { description } : {}),
    states: {
      enabled: n.enabled,
      focused: n.focused,
      ...(checked !== undefined || CHECKABLE_ROLES.has(role) ? { checked: checked ?? false } : {}),
      editable,
      // The addon leaves out what UI Automation calls off-screen; fusion still checks the pixels (covered windows).
      showing: true,
      protected: n.password,
    },
    screen,
    app: programName(n.app),
  };
}

/**
 * The application the window shows: the one owning most marks. Not simply the foreground window's process: a
 * packaged app's window belongs to ApplicationFrameHost.exe while its controls belong to the app (CalculatorApp).
 */
function mainApp(nodes: readonly A11yNode[]): string | undefined {
  const count = new Map<string, number>();
  for (const n of nodes) if (n.app) count.set(n.app, (count.get(n.app) ?? 0) + 1);
  let best: string | undefined;
  for (const [app, c] of count) if (best === undefined || c > count.get(best)!) best = app;
  return best;
}

/** A whole addon read -> A11yRead (ms filled in by the caller). */
export function toA11yRead(t: UiaRawTree, opts: { maxNodes: number; toScreen?: (b: Box) => Box }): Omit<A11yRead, 'ms'> {
  const nodes = t.nodes.map((n) => toA11yNode(n, t.window, opts.toScreen)).filter((n): n is A11yNode => n !== undefined);
  const app = mainApp(nodes) ?? (t.app ? programName(t.app) : undefined);
  const who = app ? `${app} (the window in front)` : 'The window in front';
  let note: string | undefined;
  if (t.truncated) note = `${who} has more than ${opts.maxNodes} controls; Magma Desk read the first ${opts.maxNodes}, and the screen parser finds the rest.`;
  else if (nodes.length === 0) note = `${who} shows no controls to Windows UI Automation, so the screen parser alone finds its elements.`;
  return { nodes, ...(app ? { app } : {}), ...(note ? { note } : {}) };
}

function aborted(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The read of the accessibility tree was stopped', 'AbortError');
}

/** Creates the source; throws in plain words where it cannot run (not Windows, or the addon is not the Windows build). */
export function createUiaSource(opts: UiaSourceOptions = {}, platform: NodeJS.Platform = process.platform): AccessibilitySource {
  if (!opts.addon && platform !== 'win32') throw new Error('The Windows accessibility reader (UI Automation) runs only on Windows; this computer runs ' + platform + '.');
  const addon = opts.addon ?? (loadNativeAddon() as UiaAddon);
  if (addon.platform !== 'windows' || typeof addon.uiaTree !== 'function') {
    throw new Error('Magma Desk\'s platform helper has no Windows accessibility reader: reinstall Magma Desk. Until then the screen parser alone finds the elements.');
  }
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = opts.now ?? (() => performance.now());
  // One native read at a time: a read still waiting on a hung window (up to timeoutMs) is joined, not repeated, so
  // aborted reads never pile up on the worker threads.
  let inflight: Promise<UiaRawTree> | undefined;

  return {
    async read(signal?: AbortSignal): Promise<A11yRead> {
      if (signal?.aborted) throw aborted(signal);
      const t0 = now();
      if (!inflight) {
        const p = addon.uiaTree(maxNodes, timeoutMs);
        inflight = p;
        const clear = () => { if (inflight === p) inflight = undefined; };
        p.then(clear, clear);
      }
      const call = inflight;
      let raw: UiaRawTree;
      try {
        raw = await (signal
          ? new Promise<UiaRawTree>((resolve, reject) => {
              const onAbort = () => reject(aborted(signal));
              signal.addEventListener('abort', onAbort, { once: true });
              call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
            })
          : call);
      } catch (e) {
        if (signal?.aborted) throw aborted(signal);
        // The addon's messages say what happened and what to do, in lower case (native/src/win/uia-read.cc).
        const why = (e as Error).message.trim().replace(/[.;\s]+$/, '');
        return { nodes: [], ms: now() - t0, note: `${why.charAt(0).toUpperCase()}${why.slice(1)}. Meanwhile the screen parser alone finds the elements.` };
      }
      return { ...toA11yRead(raw, { maxNodes, toScreen: opts.toScreen }), ms: now() - t0 };
    },
    // UI Automation needs no switch turned on (unlike the AT-SPI bus's IsEnabled): nothing to undo.
    async close(): Promise<void> {},
  };
}
