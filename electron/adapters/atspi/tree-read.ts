/**
 * Reads the accessibility tree on the AT-SPI bus: the applications and their top-level windows, then one window's
 * visible subtree, as raw nodes with their reported extents. Batched: Cache.GetItems (one call for a whole
 * application, where the toolkit's bridge has a cache: GTK 3 and Chromium through atk-bridge) or else a walk whose
 * calls are all issued before any is awaited (a node's role, state, name, description and children go out
 * together; its children's calls go out as soon as its children are known), so a read costs about one round trip
 * per tree level, not one per property.
 *
 * Coordinates here are as the toolkit reports them for COORD_SCREEN ("reported" px): logical screen px for GTK 3
 * and Chromium, relative to the window's frame for GTK 4 on X11. source.ts turns them into screen px.
 */
import type { DBusConnection } from './bus.js';
import { CACHE_PATH, COORD_SCREEN, hasState, I, NULL_PATH, REGISTRY, ROLE_NAMES, ROOT_PATH, STATE } from './constants.js';

/** [bus name, object path] of an accessible. */
export type Ref = readonly [string, string];
/** [x, y, width, height] as Component.GetExtents returns it. */
export type Extents = readonly [number, number, number, number];

export interface AppInfo {
  bus: string;
  name: string;
  toolkit: string;
  version: string;
}

export interface RawNode {
  ref: Ref;
  role: string;
  name: string;
  /** Undefined until read (a walk asks it only of the nodes it keeps). */
  description?: string;
  /** The two 32-bit words of AT-SPI states. */
  states: readonly number[];
  /** The parent accessible, when the read knows it (a walk and the cache both do). */
  parent?: Ref;
  /** Filled for the nodes the caller asked extents for. */
  extents?: Extents;
  text?: string;
}

export interface WindowInfo extends RawNode {
  app: AppInfo;
  extents: Extents;
}

/** Thrown inside a read when its time is up: the caller keeps what was read. */
export class Deadline {
  constructor(readonly at: number, readonly signal?: AbortSignal) {}
  get passed(): boolean {
    return Date.now() >= this.at || !!this.signal?.aborted;
  }
}

/** What the caller decides from role, name and states: walk into the node's children, ask its extents/text. */
export interface NodePolicy {
  /** Whether the node (role, states known) may contain visible nodes. */
  descend(n: RawNode, app: AppInfo): boolean;
  /** Whether the node may become a mark: its extents are read. `parent`: its parent, when known. */
  wantExtents(n: RawNode, app: AppInfo, parent?: RawNode): boolean;
  /** Whether its text is read through the Text interface (never true for a protected field). */
  wantText(n: RawNode, app: AppInfo): boolean;
  /** Roles that may be marks (asked of Collection.GetMatches, with focusable nodes of any role). */
  markRoles: ReadonlySet<string>;
  /** States a node must have to be on screen (visible, and showing where the toolkit reports it). */
  onScreen: readonly number[];
}

const key = (r: Ref) => `${r[0]}${r[1]}`;
/** Collection match types and sort order (AtspiCollectionMatchType, AtspiCollectionSortOrder). */
const MATCH_ALL = 1;
const MATCH_ANY = 2;
const SORT_CANONICAL = 1;
/** Bit numbers -> `count` signed 32-bit words (D-Bus 'ai'), as Collection's state and role sets are sent. */
function words(bits: readonly number[], count: number): number[] {
  const w = new Array<number>(count).fill(0);
  for (const b of bits) w[b >> 5] = (w[b >> 5]! | (1 << (b & 31))) | 0;
  return w;
}
const MAX_NODES = 6000;
const MAX_TEXT = 2000;

export class TreeReader {
  private readonly roleNames = new Map<number, string>();
  private readonly apps = new Map<string, AppInfo>();
  /** Application buses whose bridge has no usable Cache.GetItems (GTK 4): walked instead. */
  private readonly noCache = new Set<string>();
  /** Application buses whose toolkit answered GetMatches with an error or nothing: walked. */
  private readonly noCollection = new Set<string>();

  constructor(private readonly bus: DBusConnection) {}

  private call<T>(ref: Ref, iface: string, member: string, signature?: string, body?: unknown[]): Promise<T> {
    return this.bus.call<T>({ destination: ref[0], path: ref[1], interface: iface, member, ...(signature ? { signature, body } : {}) });
  }
  private prop<T>(ref: Ref, iface: string, name: string): Promise<T> {
    return this.bus.getProperty<T>(ref[0], ref[1], iface, name);
  }

  /** Role numbers to AT-SPI role names ("push button"), asked once per number of the first node that has it. */
  private async roleName(role: number, ref: Ref): Promise<string> {
    const known = ROLE_NAMES[role] ?? this.roleNames.get(role);
    if (known !== undefined) return known;
    const name = String(await this.call<string>(ref, I.accessible, 'GetRoleName').catch(() => 'unknown')).toLowerCase();
    this.roleNames.set(role, name);
    return name;
  }

  private knownRole(role: number): string {
    return ROLE_NAMES[role] ?? this.roleNames.get(role) ?? 'unknown';
  }

  private async app(ref: Ref): Promise<AppInfo> {
    const cached = this.apps.get(ref[0]);
    if (cached) return cached;
    const [name, toolkit, version] = await Promise.all([
      this.prop<string>(ref, I.accessible, 'Name').catch(() => ''),
      this.prop<string>(ref, I.application, 'ToolkitName').catch(() => ''),
      this.prop<string>(ref, I.application, 'Version').catch(() => ''),
    ]);
    const info = { bus: ref[0], name, toolkit, version };
    this.apps.set(ref[0], info);
    return info;
  }

  /**
   * Chromium (and Electron) export only their top-level frames until a client asks for object attributes, which
   * they take as the sign that an assistive technology is listening (ax_platform_node_auralinux.cc): asked once per
   * application and window when first seen; its tree appears a moment later (the next read).
   */
  private readonly activated = new Map<string, number>();
  /** When the window's application was asked to build its tree (Date.now() ms); undefined before. */
  activatedAt(ref: Ref): number | undefined {
    return this.activated.get(key(ref));
  }
  private activate(refs: Ref[]): Promise<unknown> {
    const fresh = refs.filter((r) => !this.activated.has(key(r)));
    for (const r of fresh) this.activated.set(key(r), Date.now());
    return Promise.all(fresh.map((r) => this.call(r, I.accessible, 'GetAttributes').catch(() => undefined)));
  }

  /** Every application's top-level windows with role, state, name and reported extents (all calls pipelined). */
  async windows(): Promise<WindowInfo[]> {
    const apps = await this.call<Ref[]>([REGISTRY, ROOT_PATH], I.accessible, 'GetChildren');
    const perApp = await Promise.all(apps.map(async (a) => {
      const [info, kids] = await Promise.all([this.app(a), this.call<Ref[]>(a, I.accessible, 'GetChildren').catch(() => [] as Ref[]), this.activate([a])]);
      void this.activate(kids);
      return Promise.all(kids.filter((k) => k[1] !== NULL_PATH).map(async (k) => {
        const [n, extents] = await Promise.all([
          this.basic(k),
          this.call<Extents>(k, I.component, 'GetExtents', 'u', [COORD_SCREEN]).catch(() => [0, 0, 0, 0] as const),
        ]);
        return { ...n, app: info, extents } satisfies WindowInfo;
      }));
    }));
    // An application that quit between two calls leaves a rejected promise: kept out by basic()'s catch below.
    return perApp.flat().filter((w) => w.role !== 'invalid');
  }

  /** Role, states and name: what the policy decides on. The description is asked with the details, if wanted. */
  private async basic(ref: Ref): Promise<RawNode> {
    const [role, states, name] = await Promise.all([
      this.call<number>(ref, I.accessible, 'GetRole').catch(() => -1),
      this.call<number[]>(ref, I.accessible, 'GetState').catch(() => [0, 0]),
      this.prop<string>(ref, I.accessible, 'Name').catch(() => ''),
    ]);
    return { ref, role: role < 0 ? 'invalid' : await this.roleName(role, ref), states, name: shownName(name ?? '') };
  }

  /**
   * The visible subtree of `win` (without the window itself): nodes the policy asks for get extents and text.
   * `complete` is false when the deadline cut the read short (what was read is returned). A walk pushes its
   * nodes into `into` as they are found, so a caller that stops waiting still has what was read.
   */
  async subtree(win: WindowInfo, policy: NodePolicy, deadline: Deadline, useCache = true, into: RawNode[] = []): Promise<{ nodes: RawNode[]; complete: boolean; via: 'cache' | 'collection' | 'walk' }> {
    if (useCache && !this.noCache.has(win.app.bus)) {
      const fromCache = await this.fromCache(win, policy, deadline);
      if (fromCache) return { ...fromCache, via: 'cache' };
    }
    if (useCache && !this.noCollection.has(win.app.bus)) {
      const matched = await this.fromCollection(win, policy, deadline, into);
      if (matched) return { ...matched, via: 'collection' };
      this.noCollection.add(win.app.bus);
    }
    return { ...(await this.walk(win, policy, deadline, into)), via: 'walk' };
  }

  /**
   * Collection.GetMatches on the window: the application walks its own tree in-process and returns, in one reply,
   * the on-screen nodes of the mark roles and the focusable ones; then each is asked role, states, name and parent
   * in one batch (about 4 calls per candidate instead of the walk's 4 per visited node, containers included).
   * Undefined when the toolkit has no Collection (the caller walks).
   */
  private async fromCollection(win: WindowInfo, policy: NodePolicy, deadline: Deadline, into: RawNode[]): Promise<{ nodes: RawNode[]; complete: boolean } | undefined> {
    const roleIds = ROLE_NAMES.flatMap((name, id) => (policy.markRoles.has(name) ? [id] : []));
    const rule = (states: number[], roles: number[]) => [words(states, 2), MATCH_ALL, [], MATCH_ALL, words(roles, 5), roles.length ? MATCH_ANY : MATCH_ALL, [], MATCH_ALL, false];
    const getMatches = (r: unknown[]) => this.call<Ref[]>(win.ref, I.collection, 'GetMatches', '(aiia{ss}iaiiasib)uib', [r, SORT_CANONICAL, 0, true]);
    let refs: Ref[];
    try {
      const [byRole, focusable] = await Promise.all([getMatches(rule([...policy.onScreen], roleIds)), getMatches(rule([...policy.onScreen, STATE.focusable], []))]);
      const seen = new Set<string>();
      refs = [...byRole, ...focusable].filter((r) => r[1] !== NULL_PATH && !seen.has(key(r)) && seen.add(key(r)));
    } catch {
      return undefined;
    }
    if (!refs.length) return undefined;
    const found = await Promise.all(refs.map(async (r) => {
      const [n, parent] = await Promise.all([this.basic(r), this.prop<Ref>(r, I.accessible, 'Parent').catch(() => undefined)]);
      if (parent) n.parent = parent;
      return n;
    }));
    const byKey = new Map(found.map((n) => [key(n.ref), n]));
    const picked = found.filter((n) => policy.wantExtents(n, win.app, n.parent && byKey.get(key(n.parent))));
    into.push(...picked);
    const complete = await this.details(picked, policy, win.app, deadline);
    return { nodes: picked, complete };
  }

  /**
   * Cache.GetItems: the application's every object in one reply, signature a((so)(so)(so)iiassusau) (at-spi2-core
   * 2.34 and later: self, app, parent, index, child count, interfaces, name, role, description, states). Returns
   * undefined when the bridge has no cache or another layout, so the caller walks instead.
   */
  private async fromCache(win: WindowInfo, policy: NodePolicy, deadline: Deadline): Promise<{ nodes: RawNode[]; complete: boolean } | undefined> {
    let items: unknown[];
    try {
      items = await this.call<unknown[]>([win.app.bus, CACHE_PATH], I.cache, 'GetItems');
    } catch {
      return undefined;
    }
    type Item = [Ref, Ref, Ref, number, number, string[], string, number, string, number[]];
    const ok = (it: unknown): it is Item => Array.isArray(it) && it.length === 10 && Array.isArray(it[0]) && typeof it[6] === 'string' && typeof it[7] === 'number' && Array.isArray(it[9]);
    if (!items.length || !items.every(ok)) return undefined;
    const byKey = new Map<string, Item>();
    for (const it of items as Item[]) byKey.set(key(it[0]), it);
    const winKey = key(win.ref);
    if (!byKey.has(winKey) && !(items as Item[]).some((it) => key(it[2]) === winKey)) return undefined;
    // Whether an item lies under the window with every ancestor visible (memoised walk up the parent links).
    const under = new Map<string, boolean>();
    const isUnder = (k: string, depth = 0): boolean => {
      if (k === winKey) return true;
      const memo = under.get(k);
      if (memo !== undefined) return memo;
      const it = byKey.get(k);
      let r = false;
      if (it && depth < 200) {
        const parentKey = key(it[2]);
        const parent = byKey.get(parentKey);
        const parentOk = parentKey === winKey || (!!parent && policy.descend(toRaw(parent, this.knownRole(parent[7])), win.app));
        r = parentOk && isUnder(parentKey, depth + 1);
      }
      under.set(k, r);
      return r;
    };
    const toRaw = (it: Item, role: string): RawNode => ({ ref: it[0], parent: it[2], role, name: shownName(it[6]), description: it[8], states: it[9] });
    // Role names first (a few distinct numbers, pipelined), then the tree filter.
    await Promise.all([...new Set((items as Item[]).map((it) => it[7]))].map((r) => this.roleName(r, (items as Item[]).find((it) => it[7] === r)![0])));
    // The cache is trusted only when it is complete below the window: every visible node's cached children are as
    // many as its child count (atk-bridge caches objects only once they were created: Chromium's web contents
    // and GTK 4 are often missing; then the caller walks).
    const childrenSeen = new Map<string, number>();
    for (const it of items as Item[]) childrenSeen.set(key(it[2]), (childrenSeen.get(key(it[2])) ?? 0) + 1);
    // The window itself is exempt: GTK 3 counts its unmapped popovers among a window's children (10 counted, 2
    // cached on gtk3-widget-factory), and nothing of them is on screen.
    if (!childrenSeen.get(winKey)) return undefined;
    for (const it of items as Item[]) {
      const k = key(it[0]);
      if (k !== winKey && isUnder(k) && policy.descend(toRaw(it, this.knownRole(it[7])), win.app) && !hasState(it[9], STATE.managesDescendants) && (childrenSeen.get(k) ?? 0) < it[4]) return undefined;
    }
    const picked: RawNode[] = [];
    for (const it of items as Item[]) {
      if (key(it[0]) === winKey) continue;
      const n = toRaw(it, this.knownRole(it[7]));
      const parent = byKey.get(key(it[2]));
      if (!policy.wantExtents(n, win.app, parent && toRaw(parent, this.knownRole(parent[7]))) || !isUnder(key(it[0]))) continue;
      picked.push(n);
    }
    // Containers that manage their descendants (GTK 3 tree views: cells are made on demand) keep their children
    // out of the cache: they are walked, in the same batch as the cached nodes' details.
    const managers = (items as Item[]).filter((it) => key(it[0]) !== winKey && hasState(it[9], STATE.managesDescendants) && isUnder(key(it[0])) && policy.descend(toRaw(it, this.knownRole(it[7])), win.app));
    const [complete, ...walked] = await Promise.all([
      this.details(picked, policy, win.app, deadline),
      ...managers.map((m) => this.walkFrom(toRaw(m, this.knownRole(m[7])), win.app, policy, deadline, picked)),
    ]);
    return { nodes: picked, complete: complete && walked.every((w) => w.complete) };
  }

  /** Extents (and text where wanted) of the picked nodes, all calls issued at once. */
  private async details(nodes: RawNode[], policy: NodePolicy, app: AppInfo, deadline: Deadline): Promise<boolean> {
    const all = Promise.all(nodes.map(async (n) => {
      const [extents, text, description] = await Promise.all([
        this.call<Extents>(n.ref, I.component, 'GetExtents', 'u', [COORD_SCREEN]).catch(() => undefined),
        policy.wantText(n, app) ? this.call<string>(n.ref, I.text, 'GetText', 'ii', [0, -1]).catch(() => undefined) : undefined,
        n.description === undefined ? this.prop<string>(n.ref, I.accessible, 'Description').catch(() => '') : undefined,
      ]);
      if (extents) n.extents = extents;
      if (typeof description === 'string') n.description = description;
      if (typeof text === 'string') n.text = cleanText(text);
    }));
    return raceDeadline(all, deadline);
  }

  /** The pipelined walk: every node's calls go out as soon as its parent's children are known. */
  private walk(win: WindowInfo, policy: NodePolicy, deadline: Deadline, nodes: RawNode[]): Promise<{ nodes: RawNode[]; complete: boolean }> {
    return this.walkFrom({ ref: win.ref, role: win.role, name: win.name, states: win.states }, win.app, policy, deadline, nodes);
  }

  /** Walks below `top` (itself excluded), pushing wanted nodes into `nodes` as they are found. */
  private async walkFrom(top: RawNode, app: AppInfo, policy: NodePolicy, deadline: Deadline, nodes: RawNode[]): Promise<{ nodes: RawNode[]; complete: boolean }> {
    let visited = 0;
    let cut = false;
    const visit = async (ref: Ref, parent: RawNode): Promise<void> => {
      if (deadline.passed || ++visited > MAX_NODES) {
        cut = true;
        return;
      }
      const [n, kids] = await Promise.all([this.basic(ref), this.call<Ref[]>(ref, I.accessible, 'GetChildren').catch(() => [] as Ref[])]);
      n.parent = parent.ref;
      const work: Promise<unknown>[] = [];
      if (policy.wantExtents(n, app, parent)) {
        nodes.push(n);
        work.push(this.details([n], policy, app, deadline));
      }
      if (policy.descend(n, app)) work.push(...kids.filter((k) => k[1] !== NULL_PATH).map((k) => visit(k, n)));
      await Promise.all(work);
    };
    const kids = await this.call<Ref[]>(top.ref, I.accessible, 'GetChildren').catch(() => [] as Ref[]);
    const complete = await raceDeadline(Promise.all(kids.filter((k) => k[1] !== NULL_PATH).map((k) => visit(k, top))), deadline);
    return { nodes, complete: complete && !cut };
  }


  /**
   * A warm read of nodes known from an earlier full read of the same window (nothing structural changed since):
   * only what moves is asked again, extents (and a field's text), all in one batch. Nodes hidden since are dropped
   * by the caller's policy on their states.
   */
  async refresh(known: readonly RawNode[], policy: NodePolicy, app: AppInfo, deadline: Deadline): Promise<{ nodes: RawNode[]; complete: boolean }> {
    // States are kept current by the caller from StateChanged events (source.ts); extents and the text of editable
    // fields are read again; a label's or paragraph's text is kept from the full read (a rename is an event).
    const nodes = known.map((n) => ({ ref: n.ref, parent: n.parent, role: n.role, name: n.name, description: n.description, states: n.states, ...(n.text !== undefined ? { text: n.text } : {}) }) as RawNode);
    const fields: NodePolicy = { ...policy, wantText: (n, a) => hasState(n.states, STATE.editable) && policy.wantText(n, a) };
    const complete = await this.details(nodes, fields, app, deadline);
    return { nodes, complete };
  }

  /** Tells the toolkits' bridges that a client listens (atk-bridge builds its Cache only then). */
  async registerEvents(events: readonly string[]): Promise<void> {
    await Promise.all(events.map((e) => this.call([REGISTRY, '/org/a11y/atspi/registry'], I.registry, 'RegisterEvent', 's', [e]).catch(() => undefined)));
  }
  async deregisterEvents(events: readonly string[]): Promise<void> {
    await Promise.all(events.map((e) => this.call([REGISTRY, '/org/a11y/atspi/registry'], I.registry, 'DeregisterEvent', 's', [e]).catch(() => undefined)));
  }

  /** Forgets what is known of an application (it quit, or its bus name was reused). */
  forgetApp(bus: string): void {
    this.apps.delete(bus);
    this.noCache.delete(bus);
    this.noCollection.delete(bus);
  }
}

/** True when `p` settled before the deadline; false when the time ran out first (p keeps running unobserved). */
export async function raceDeadline(p: Promise<unknown>, deadline: Deadline): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const left = Math.max(0, deadline.at - Date.now());
  const onAbort = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), left);
    deadline.signal?.addEventListener('abort', () => resolve(false), { once: true });
  });
  try {
    return await Promise.race([p.then(() => true), onAbort]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A name as a person would say it. GTK 4.8 names an unnamed widget by its class ("GtkButton", "GtkSourceView"):
 * no name. It also names a button by its label twice ("÷ ÷": the label's text and the label's own name): once.
 */
export function shownName(name: string): string {
  const n = name.trim();
  if (/^Gtk[A-Z][A-Za-z]*$/.test(n)) return '';
  const half = (n.length - 1) / 2;
  if (Number.isInteger(half) && half > 0 && n[half] === ' ' && n.slice(0, half) === n.slice(half + 1)) return n.slice(0, half);
  return n;
}

/** Text as shown: embedded-object characters (U+FFFC, where a link sits inside a paragraph) out, spaces folded. */
function cleanText(t: string): string {
  return t.replace(/\uFFFC/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}

export { hasState, STATE };
