/**
 * The AT-SPI2 element source (Linux): implements AccessibilitySource (electron/agent/ports.ts).
 *
 *   const source = await createAtspiSource({ userDataDir });   // rejects in plain words when there is no bus
 *   const read = await source.read(signal);                     // { nodes, app, ms, note? }
 *   await source.close();                                       // IsEnabled back to false if we set it
 *
 * A read: the applications' top-level windows -> the focused one (state ACTIVE; else the frontmost X window under
 * the pointer; else the last showing one) and the desktop's panels -> their visible subtree (tree-read.ts) ->
 * A11yNode in logical screen px, kept only where it is a useful mark and its box lies inside its window.
 *
 * Coordinate spaces: "reported" = what Component.GetExtents(COORD_SCREEN) returns; "screen" = logical screen px of
 * the X root (what A11yNode.screen holds). For GTK 3 and Chromium they are the same. GTK 4 on X11 reports them
 * relative to its window's frame; the frame begins inside the X window by the client-side shadow margin. The X
 * window's position (screen px) comes from the native addon (topLevelWindows, no spawned tool).
 */
import type { A11yNode, A11yRead } from '../../common/a11y.js';
import type { AccessibilitySource } from '../../agent/ports.js';
import { connectBus, type DBusConnection } from './bus.js';
import { INTERACTIVE_ROLES, IMAGE_ROLES, NEVER_MARK_ROLES, PROTECTED_ROLES, READ_TEXT_ROLES, STATE_BY_NAME, TEXT_ROLES, hasState, STATE, withState } from './constants.js';
import { enableAccessibility, type IsEnabledGuard } from './enable.js';
import { Deadline, raceDeadline, TreeReader, type AppInfo, type Extents, type RawNode, type WindowInfo } from './tree-read.js';
import { ownValue } from '../../common/own-key.js';

/** An X top-level window (outer rectangle, screen px), bottom to top as the X server stacks them. */
export interface XWindowInfo { title: string; x: number; y: number; width: number; height: number }

export interface AtspiSourceOptions {
  /** The folder of the IsEnabled marker (the app's user data folder; see enable.ts). */
  userDataDir: string;
  /** DBUS_SESSION_BUS_ADDRESS and DISPLAY are read from here (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Time box of one read in ms (default 400): what was read by then is returned with a note. */
  timeoutMs?: number;
  /** Set the AT-SPI bus's IsEnabled when it is false, so Chromium/Electron build their tree (default true). */
  enable?: boolean;
  /**
   * The X side: top-level windows bottom to top and the pointer, screen px. Default: the native addon
   * (electron/adapters/native-addon.ts) on env.DISPLAY; when it cannot load, GTK 4 boxes stay uncorrected and the
   * focused window falls back to the last showing one.
   */
  xWindows?: () => { windows: XWindowInfo[]; pointer?: { x: number; y: number } } | undefined;
  /**
   * How long a window's nodes from a full read are reused (default 3000 ms; 0: every read is a full read). A
   * reuse asks only state and extents again; any structural event of the application (children added or removed,
   * shown or hidden, renamed) ends it earlier. The age limit covers toolkits that send no event for a change.
   */
  reuseMs?: number;
}

/** The source, plus what the tests and the benchmark look at. */
export interface AtspiSource extends AccessibilitySource {
  /** True when this source set IsEnabled (close() sets it back). */
  readonly enabledByUs: boolean;
  /** D-Bus method calls sent on the accessibility bus so far (round trips are fewer: calls are pipelined). */
  readonly calls: number;
  /**
   * How the last read got the focused window's nodes: one Cache.GetItems call, a pipelined walk, or a refresh
   * (state and extents of the nodes of an earlier full read, nothing structural having changed since).
   */
  readonly lastVia: 'cache' | 'collection' | 'walk' | 'refresh' | undefined;
}

const DEFAULT_TIMEOUT_MS = 400;
/**
 * Events registered with the registry: atk-bridge builds its cache and sends events only for what some client
 * listens to. These are the structural ones: a window's known nodes are read again in full after one of them.
 */
const EVENTS = ['object:children-changed', 'object:state-changed', 'object:property-change:accessible-name'];
const STRUCTURAL_STATES = new Set(['showing', 'visible', 'defunct']);
const STRUCTURAL_PROPS = new Set(['accessible-name', 'accessible-parent', 'accessible-role']);
/** Chromium builds its tree within about a second of being asked (tree-read.ts activate()). */
const ACTIVATION_SETTLE_MS = 2000;
/** A full read that the time box left behind goes on in the background for at most this long. */
const FULL_READ_MS = 10_000;
/** A window's nodes from a full read are reused (state and extents read again) for at most this long. */
const DEFAULT_REUSE_MS = 3000;
/** Desktop panels (task bars, docks): their top-level windows are read with the focused one. */
const PANEL_APPS = /^(xfce4-panel|gnome-shell|plasmashell|mate-panel|lxpanel|lxqt-panel|budgie-panel|cinnamon|tint2|wf-panel|waybar)$/i;
/** Applications that build their tree only when told an assistive technology listens, with their flag. */
const CHROMIUM_LIKE = /chrom|electron|brave|vivaldi|edge|opera|code|slack|discord|teams/i;
/** Every role that may be a mark (the roles asked of Collection.GetMatches). */
const MARK_ROLES: ReadonlySet<string> = new Set([...INTERACTIVE_ROLES, ...TEXT_ROLES, ...IMAGE_ROLES]);
/** Rows and cells that are marks only when named or focusable. */
const WRAPPER_ROLES = new Set(['list item', 'tree item', 'table cell']);
/** Fields whose text is their content (read even when named). */
const FIELD_ROLES = new Set(['text', 'entry', 'spin button', 'combo box']);
/** GTK 4 draws its window frame inside the X window by a client-side shadow margin; larger margins are not one. */
const MAX_CSD_MARGIN = 80;

export async function createAtspiSource(opts: AtspiSourceOptions): Promise<AtspiSource> {
  const env = opts.env ?? process.env;
  const sessionAddress = env.DBUS_SESSION_BUS_ADDRESS;
  if (!sessionAddress) {
    throw new Error('The accessibility tree cannot be read: this desktop session has no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set). Start Magma Desk from inside your desktop session; until then the screen parser alone finds the elements.');
  }
  let session: DBusConnection;
  try {
    session = await connectBus(sessionAddress);
  } catch (e) {
    throw new Error(`The accessibility tree cannot be read: the D-Bus session bus does not answer (${(e as Error).message}). Log out and back in, or start Magma Desk from inside your desktop session; the screen parser alone finds the elements meanwhile.`);
  }
  let a11yAddress: string;
  try {
    a11yAddress = await session.call<string>({ destination: 'org.a11y.Bus', path: '/org/a11y/bus', interface: 'org.a11y.Bus', member: 'GetAddress' });
  } catch (e) {
    session.close();
    throw new Error(`The accessibility bus is not running, so the accessibility tree cannot be read (${(e as Error).message}). Install the Debian/Ubuntu package at-spi2-core (sudo apt-get install at-spi2-core) and log in again; the screen parser alone finds the elements meanwhile.`);
  }
  let bus: DBusConnection;
  try {
    bus = await connectBus(a11yAddress);
  } catch (e) {
    session.close();
    throw new Error(`The accessibility bus does not answer (${(e as Error).message}). Log out and back in (it starts with the desktop session) or reinstall at-spi2-core; the screen parser alone finds the elements meanwhile.`);
  }
  let guard: IsEnabledGuard | undefined;
  try {
    if (opts.enable !== false) guard = await enableAccessibility(session, opts.userDataDir);
  } catch (e) {
    bus.close();
    session.close();
    throw new Error(`Magma Desk could not ask applications to publish their accessibility tree (${(e as Error).message}). Check that the user data folder ${opts.userDataDir} is writable; the screen parser alone finds the elements meanwhile.`);
  }
  const reader = new TreeReader(bus);
  // Applications (bus names) with a structural change since their windows were last read in full.
  const changed = new Set<string>();
  // Nodes of the windows read in full, by bus name + path: their states follow StateChanged events, so a refresh
  // need not ask them again (focused, checked, pressed, enabled flip without a structural change).
  const byRef = new Map<string, RawNode>();
  await bus.subscribe("type='signal',interface='org.a11y.atspi.Event.Object'", (sig) => {
    const detail = String(sig.body[0] ?? '');
    if (sig.member === 'StateChanged') {
      const node = byRef.get(sig.sender + sig.path);
      const bit = ownValue(STATE_BY_NAME, detail);
      if (node && bit !== undefined) node.states = withState(node.states, bit, Number(sig.body[1]) === 1);
    }
    // VisibleDataChanged is not structural: a spinner's animation sends it many times a second.
    if (sig.member === 'ChildrenChanged'
      || (sig.member === 'StateChanged' && STRUCTURAL_STATES.has(detail))
      || (sig.member === 'PropertyChange' && STRUCTURAL_PROPS.has(detail))) changed.add(sig.sender);
  }).catch(() => undefined);
  await reader.registerEvents(EVENTS);
  // A window's nodes from its last complete full read; `before`: how many the full read before that found.
  const known = new Map<string, { nodes: RawNode[]; at: number; before?: number }>();
  const fullReads = new Map<string, { into: RawNode[]; done: Promise<{ nodes: RawNode[]; complete: boolean; via: 'cache' | 'collection' | 'walk' }> }>();
  const reuseMs = opts.reuseMs ?? DEFAULT_REUSE_MS;
  const xWindows = opts.xWindows ?? (await nativeXWindows(env));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let lastVia: 'cache' | 'collection' | 'walk' | 'refresh' | undefined;
  let closed = false;

  return {
    get enabledByUs() { return guard?.setByUs ?? false; },
    get calls() { return bus.calls; },
    get lastVia() { return lastVia; },
    async read(signal?: AbortSignal): Promise<A11yRead> {
      signal?.throwIfAborted();
      if (closed) return { nodes: [], ms: 0, note: 'The accessibility reader was closed.' };
      const t0 = performance.now();
      const deadline = new Deadline(Date.now() + timeoutMs, signal);
      const done = (r: Omit<A11yRead, 'ms'>): A11yRead => {
        signal?.throwIfAborted();
        return { ...r, ms: Math.round((performance.now() - t0) * 10) / 10 };
      };
      let windows: WindowInfo[];
      try {
        // The window list is inside the time box too (GTK 4 answers slowly while it creates its accessibles).
        const listed = reader.windows();
        listed.catch(() => undefined);
        if (!(await raceDeadline(listed, deadline))) {
          return done({ nodes: [], note: `The accessibility tree was not read in time (it took longer than ${timeoutMs} ms); the screen parser finds the elements this time.` });
        }
        windows = await listed;
      } catch (e) {
        return done({ nodes: [], note: `The accessibility tree could not be read (${(e as Error).message}); the screen parser alone finds the elements.` });
      }
      const x = safe(xWindows);
      const focus = pickFocused(windows, x);
      if (!focus.window) return done({ nodes: [], ...(focus.app ? { app: focus.app } : {}), note: focus.note ?? noTreeNote(focus.app ?? 'The focused window') });
      const targets = [focus.window, ...windows.filter((w) => w !== focus.window && PANEL_APPS.test(w.app.name))];
      const nodes: A11yNode[] = [];
      let complete = true;
      for (const win of targets) {
        const offset = windowOffset(win, x?.windows ?? []);
        const gtk4 = isGtk4(win.app) || offset.relative;
        // GTK 4's Cache.GetItems holds only the objects already sent to some client (2 of ~40 on GNOME Calculator
        // 43): its tree is walked.
        const policy = policyFor(gtk4);
        const k = win.ref.join('');
        const prior = known.get(k);
        let r: { nodes: RawNode[]; complete: boolean; via: 'cache' | 'collection' | 'walk' | 'refresh' };
        // A full read taken while the application may still be building its tree (just asked to) is reused only
        // once a second full read found as many nodes.
        const settled = prior && (prior.at - (reader.activatedAt(win.ref) ?? 0) >= ACTIVATION_SETTLE_MS || prior.nodes.length === prior.before);
        if (prior && settled && !changed.has(win.app.bus) && Date.now() - prior.at < reuseMs) {
          // The refreshed copies carry the event-kept states; the known nodes stay the ones events update.
          r = { ...(await reader.refresh(prior.nodes, policy, win.app, deadline)), via: 'refresh' };
        } else {
          // A full read runs to its end (up to FULL_READ_MS) even when this read's time box returns first: what it
          // finds is kept for the next reads, which then only refresh. One full read per window at a time.
          let job = fullReads.get(k);
          if (!job) {
            // Cleared before the read: an event that arrives during it marks the application again.
            changed.delete(win.app.bus);
            const into: RawNode[] = [];
            const done = reader.subtree(win, policy, new Deadline(Date.now() + FULL_READ_MS), !gtk4, into).then((full) => {
              const before = known.get(k)?.nodes.length;
              for (const n of known.get(k)?.nodes ?? []) byRef.delete(n.ref.join(''));
              if (full.complete) {
                // Words that turned out empty (an unnamed label with no text) are not marks: not re-read on reuse.
                const keep = full.nodes.filter((n) => !(TEXT_ROLES.has(n.role) && !n.name.trim() && !n.text));
                known.set(k, { nodes: keep, at: Date.now(), ...(before !== undefined ? { before } : {}) });
                for (const n of keep) byRef.set(n.ref.join(''), n);
              } else known.delete(k);
              return full;
            }).finally(() => fullReads.delete(k));
            job = { into, done };
            fullReads.set(k, job);
          }
          const finished = await raceDeadline(job.done, deadline);
          r = finished ? await job.done : { nodes: [...job.into], complete: false, via: 'walk' };
        }
        if (win === focus.window) lastVia = r.via;
        complete &&= r.complete;
        const winBox = shift(win.extents, offset);
        const mine: A11yNode[] = [];
        for (const n of nameByLabel(r.nodes)) {
          if (!policy.descend(n)) continue; // hidden since the full read (a refresh re-reads states)
          const node = toNode(n, win.app, offset, winBox);
          if (node) mine.push(node);
        }
        nodes.push(...withoutInnerLabels(mine));
        if (deadline.passed) break;
      }
      const app = focus.window.app.name;
      let note: string | undefined;
      if (!complete) note = `The accessibility tree of ${app} was read in part (it took longer than ${timeoutMs} ms); the screen parser covers the rest, and the next read completes it.`;
      else if (!nodes.length) note = noTreeNote(app);
      return done({ nodes, app, ...(note ? { note } : {}) });
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await reader.deregisterEvents(EVENTS);
        await guard?.restore();
      } finally {
        bus.close();
        session.close();
      }
    },
  };
}

function noTreeNote(app: string): string {
  return CHROMIUM_LIKE.test(app)
    ? `${app} shows no accessibility tree, so its elements come from the screen parser alone. To give Magma Desk exact elements, restart ${app} with the option --force-renderer-accessibility.`
    : `${app} shows no accessibility tree, so its elements come from the screen parser alone.`;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The X side from the native addon (a machine without it still reads GTK 3 and Chromium; GTK 4 stays uncorrected). */
async function nativeXWindows(env: NodeJS.ProcessEnv): Promise<() => { windows: XWindowInfo[]; pointer?: { x: number; y: number } } | undefined> {
  try {
    const { x11 } = await import('../native-addon.js');
    return () => {
      const { addon } = x11(env);
      return { windows: addon.topLevelWindows(), pointer: addon.pointer() };
    };
  } catch {
    return () => undefined;
  }
}

interface Focus { window?: WindowInfo; app?: string; note?: string }

/**
 * The focused window: the one whose state has ACTIVE; with none (no window manager, or a toolkit that does not
 * say), the frontmost X window under the pointer matched by title; with no X side, the last showing window.
 */
function pickFocused(windows: WindowInfo[], x: { windows: XWindowInfo[]; pointer?: { x: number; y: number } } | undefined): Focus {
  const active = windows.find((w) => hasState(w.states, STATE.active) && !PANEL_APPS.test(w.app.name));
  if (active) return { window: active };
  if (x?.windows.length) {
    const p = x.pointer;
    const under = p ? [...x.windows].reverse().find((w) => p.x >= w.x && p.x < w.x + w.width && p.y >= w.y && p.y < w.y + w.height) : undefined;
    const xw = under ?? x.windows[x.windows.length - 1]!;
    const match = windows.filter((w) => w.name === xw.title && !PANEL_APPS.test(w.app.name));
    if (match.length) return { window: match.find((w) => hasState(w.states, STATE.showing)) ?? match[0]! };
    // A browser's title is "<page> - <browser>": the application is the last part.
    const app = xw.title.includes(' - ') ? xw.title.slice(xw.title.lastIndexOf(' - ') + 3) : xw.title;
    return { ...(app ? { app } : {}), note: noTreeNote(app || 'The window under the pointer') };
  }
  const showing = windows.filter((w) => hasState(w.states, STATE.showing) && hasState(w.states, STATE.visible) && !PANEL_APPS.test(w.app.name));
  const last = showing[showing.length - 1];
  if (last) return { window: last };
  return { note: 'No application window publishes an accessibility tree, so the elements come from the screen parser alone.' };
}

function isGtk4(app: AppInfo): boolean {
  return /^gtk$/i.test(app.toolkit) && /^4\./.test(app.version);
}

/**
 * Screen px = reported px + offset. `relative`: the toolkit reports window-relative extents although it is not
 * known as GTK 4 (the window's frame reports 0,0 while its X window, same title and size, is elsewhere).
 */
function windowOffset(win: WindowInfo, xs: XWindowInfo[]): { dx: number; dy: number; relative: boolean } {
  const [wx, wy, ww, wh] = win.extents;
  const frameAtOrigin = wx === 0 && wy === 0;
  if (!isGtk4(win.app) && !frameAtOrigin) return { dx: 0, dy: 0, relative: false };
  // The X window of this frame: same title, at least as large, the closest in size (several windows may share it).
  const candidates = xs.filter((x) => x.title === win.name && x.width >= ww && x.height >= wh && x.width - ww <= 2 * MAX_CSD_MARGIN && x.height - wh <= 2 * MAX_CSD_MARGIN);
  const best = candidates.length ? candidates.reduce((a, b) => (b.width - ww + b.height - wh < a.width - ww + a.height - wh ? b : a)) : undefined;
  if (!best) return { dx: 0, dy: 0, relative: false };
  if (!isGtk4(win.app) && best.x === 0 && best.y === 0) return { dx: 0, dy: 0, relative: false };
  // The shadow margin: the X window exceeds the frame by it on each side (GTK 4.8 draws it evenly: 5 px here).
  const mx = Math.round((best.width - ww) / 2);
  const my = Math.round((best.height - wh) / 2);
  // Nodes are reported in the frame's space, where the frame itself sits at (wx, wy) (0,0 in practice), so the
  // frame's origin maps to the X window's origin plus the margin.
  return { dx: best.x + mx - wx, dy: best.y + my - wy, relative: true };
}

function shift(e: Extents, o: { dx: number; dy: number }): [number, number, number, number] {
  return [e[0] + o.dx, e[1] + o.dy, e[0] + o.dx + e[2], e[1] + o.dy + e[3]];
}

/**
 * Which nodes are walked into and read. GTK 4 never reports SHOWING, so there VISIBLE alone decides (fusion checks
 * the pixels); elsewhere a node must be VISIBLE and SHOWING (an unshown parent hides its children).
 */
function policyFor(gtk4: boolean) {
  const seen = (n: RawNode) => hasState(n.states, STATE.visible) && (gtk4 || hasState(n.states, STATE.showing));
  return {
    markRoles: MARK_ROLES,
    onScreen: gtk4 ? [STATE.visible] : [STATE.visible, STATE.showing],
    descend: (n: RawNode) => seen(n),
    wantExtents: (n: RawNode, _app?: AppInfo, parent?: RawNode) => {
      if (!seen(n) || NEVER_MARK_ROLES.has(n.role)) return false;
      const focusable = hasState(n.states, STATE.focusable);
      // An unnamed row or cell that takes no focus is a wrapper (a web <li> around its link): the link is the mark.
      if (WRAPPER_ROLES.has(n.role)) return focusable || n.name.trim() !== '';
      if (INTERACTIVE_ROLES.has(n.role)) return true;
      // The words inside a named control (a link's or button's own text node) are that control's name already.
      if (TEXT_ROLES.has(n.role)) return !(parent && INTERACTIVE_ROLES.has(parent.role) && parent.name.trim() !== '' && parent.name.includes(n.name.trim()));
      if (IMAGE_ROLES.has(n.role)) return n.name.trim() !== '';
      return focusable;
    },
    // Text is read where the name does not carry it (unnamed labels, paragraphs) and for fields (their content);
    // never for a protected field.
    wantText: (n: RawNode) => READ_TEXT_ROLES.has(n.role) && !PROTECTED_ROLES.has(n.role) && (n.name.trim() === '' || FIELD_ROLES.has(n.role)),
  };
}

/**
 * An unnamed control whose one label child says what it shows (GTK 4's π and x² keys) takes the label's words as
 * its name, and the label goes (it is that control's name now). Returns the nodes without those labels.
 */
function nameByLabel(nodes: readonly RawNode[]): RawNode[] {
  const byRef = new Map(nodes.map((n) => [n.ref.join(''), n]));
  const labels = new Map<RawNode, RawNode[]>();
  for (const n of nodes) {
    const p = n.parent && byRef.get(n.parent.join(''));
    if (p && TEXT_ROLES.has(n.role) && INTERACTIVE_ROLES.has(p.role) && !p.name.trim()) labels.set(p, [...(labels.get(p) ?? []), n]);
  }
  const gone = new Set<RawNode>();
  const named = new Map<RawNode, string>();
  for (const [p, ls] of labels) {
    const words = ls.length === 1 ? (ls[0]!.name || ls[0]!.text || '').trim() : '';
    if (!words) continue;
    named.set(p, words);
    gone.add(ls[0]!);
  }
  return nodes.filter((n) => !gone.has(n)).map((n) => (named.has(n) ? { ...n, name: named.get(n)! } : n));
}

/** A label drawn inside a control of the same name (GTK's button label, a header button's title) is that control. */
function withoutInnerLabels(nodes: readonly A11yNode[]): A11yNode[] {
  const controls = nodes.filter((n) => INTERACTIVE_ROLES.has(n.role) && n.name.trim());
  const within = (a: A11yNode['screen'], b: A11yNode['screen']) => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
  return nodes.filter((n) => !(TEXT_ROLES.has(n.role) && controls.some((c) => c !== n && c.name.trim() === (n.name.trim() || n.text?.trim()) && within(n.screen, c.screen))));
}

/** Raw node -> A11yNode in screen px, clipped to its window; undefined when it is not a mark. */
function toNode(n: RawNode, app: AppInfo, offset: { dx: number; dy: number }, win: readonly number[]): A11yNode | undefined {
  if (!n.extents) return undefined;
  const isProtected = PROTECTED_ROLES.has(n.role);
  const text = isProtected ? undefined : n.text;
  if (TEXT_ROLES.has(n.role) && !n.name.trim() && !text) return undefined;
  const b = shift(n.extents, offset);
  const box: [number, number, number, number] = [Math.max(b[0], win[0]!), Math.max(b[1], win[1]!), Math.min(b[2], win[2]!), Math.min(b[3], win[3]!)];
  if (box[2] - box[0] < 1 || box[3] - box[1] < 1) return undefined;
  const checkable = ['check box', 'radio button', 'toggle button', 'check menu item', 'radio menu item', 'switch'].includes(n.role) || hasState(n.states, STATE.checkable);
  return {
    role: n.role,
    name: n.name,
    ...(text && text !== n.name ? { text } : {}),
    ...(n.description ? { description: n.description } : {}),
    states: {
      enabled: hasState(n.states, STATE.enabled) || hasState(n.states, STATE.sensitive),
      focused: hasState(n.states, STATE.focused),
      ...(checkable ? { checked: hasState(n.states, STATE.checked) || hasState(n.states, STATE.pressed) } : {}),
      editable: hasState(n.states, STATE.editable),
      showing: hasState(n.states, STATE.showing),
      protected: isProtected,
    },
    screen: box,
    app: app.name,
  };
}
