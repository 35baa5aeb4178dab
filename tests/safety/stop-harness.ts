/**
 * S4 emergency stop on a real X server: the real loop drives NutInputDriver into an xev window that covers an
 * Xvfb screen; at a random moment after the first injected event the run's signal is aborted. xev reports every
 * event with the X server's timestamp (CLOCK_MONOTONIC ms, the clock process.hrtime reads), so "stop to last
 * event" is measured on the target side. Held keys and buttons are read from the server (XQueryKeymap /
 * XQueryPointer, scripts/safety-xstate.c) and from xev's press/release balance.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Action } from '../../electron/common/actions.js';
import type { InputDriver } from '../../electron/agent/ports.js';
import { runAgent } from '../../electron/agent/loop/run-agent.js';
import { NutScreenSource } from '../../electron/adapters/capture-nut.js';
import { systemClock } from '../../electron/adapters/clock.js';
import { NutInputDriver } from '../../electron/adapters/input-nut.js';
import { fixedPerceiver } from '../support/fakes.js';
import { kill, sleep, startXvfb, type XDisplay } from '../support/xvfb.js';
import { ScriptedPlanner, stopDisplayOnExit } from './support.js';

const hrMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

interface XEvent { type: string; time: number; detail: string }

export interface StopTrial {
  scenario: string;
  /** ms from the stop to the last event the X server saw (0 when nothing came after it). */
  latencyMs: number;
  /** Key or button presses the server stamped more than 2 ms after the stop (1 ms stamps + calibration error). */
  pressesAfterStop: number;
  /** The same without the 2 ms guard band. */
  pressesAfterStopRaw: number;
  eventsAfterStop: number;
  stuckKeys: number;
  stuckButtons: number;
  unbalanced: number;
  status: string;
}

export class StopBench {
  private xev!: ChildProcess;
  private events: XEvent[] = [];
  private offset = 0;
  private xstate: string | undefined;
  x!: XDisplay;
  private driver!: NutInputDriver;

  private ownX = false;

  /**
   * Starts xev on the given display (or a new 1280x800 Xvfb). libnut binds the process to the first display it
   * opens, so one process uses one display for all its benches.
   */
  async start(x?: XDisplay): Promise<void> {
    this.ownX = !x;
    this.x = x ?? (await startXvfb(1280, 800));
    process.env.DISPLAY = this.x.display;
    this.xev = spawn('stdbuf', ['-oL', 'xev', '-geometry', '1280x800+0+0', '-event', 'keyboard', '-event', 'button', '-event', 'mouse'], { env: this.x.env, stdio: ['ignore', 'pipe', 'ignore'] });
    let buf = '';
    let cur: { type: string } | undefined;
    this.xev.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const h = /^(KeyPress|KeyRelease|ButtonPress|ButtonRelease|MotionNotify) event/.exec(line);
        if (h) { cur = { type: h[1]! }; continue; }
        const t = /time (\d+)/.exec(line);
        if (t && cur) { this.events.push({ type: cur.type, time: Number(t[1]), detail: '' }); continue; }
        const k = /(keycode \d+|button \d+)/.exec(line);
        if (k && this.events.length && !this.events.at(-1)!.detail && cur) { this.events.at(-1)!.detail = k[1]!; cur = undefined; }
      }
    });
    const dir = mkdtempSync(join(tmpdir(), 'xstate-'));
    const src = fileURLToPath(new URL('../../scripts/safety-xstate.c', import.meta.url));
    if (spawnSync('gcc', ['-o', join(dir, 'xstate'), src, '-lX11']).status === 0) this.xstate = join(dir, 'xstate');
    await sleep(500);
    spawnSync('xdotool', ['mousemove', '640', '400'], { env: this.x.env });
    this.driver = new NutInputDriver();
    // Calibrate the X server clock against ours with pointer moves (setPosition has no built-in delay): the
    // offset should be ~0 when both read CLOCK_MONOTONIC; it is measured, not assumed.
    const offsets: number[] = [];
    for (let i = 0; i < 21; i++) {
      const n = this.events.length;
      const t0 = hrMs();
      await this.driver.move({ space: 'screen', x: 600 + (i % 2) * 10, y: 400 });
      const t1 = hrMs();
      await sleep(30);
      const e = this.events.slice(n).find((x) => x.type === 'MotionNotify');
      if (e) offsets.push(e.time - (t0 + t1) / 2);
    }
    offsets.sort((a, b) => a - b);
    if (!offsets.length) throw new Error('xev saw no pointer events: is the xev window on screen?');
    await this.driver.press(['shift']);
    await sleep(50);
    if (!this.events.some((e) => e.type === 'KeyPress')) throw new Error('xev saw no key events: is the xev window focused?');
    this.offset = offsets[Math.floor(offsets.length / 2)]!;
  }

  get clockOffsetMs(): number { return this.offset; }

  private state(): { keysDown: number; buttons: number } | undefined {
    if (!this.xstate) return undefined;
    const r = spawnSync(this.xstate, [], { env: this.x.env, encoding: 'utf8' });
    return r.status === 0 ? (JSON.parse(r.stdout) as { keysDown: number; buttons: number }) : undefined;
  }

  async trial(rand: () => number): Promise<StopTrial> {
    const scenarios: [string, () => Action[]][] = [
      ['type', () => [{ kind: 'type', text: Array.from({ length: 80 }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('') }]],
      ['combos', () => Array.from({ length: 6 }, () => ({ kind: 'press', keys: rand() < 0.5 ? ['ctrl', 'shift', 'a'] : ['alt', 'shift', 'b'] }))],
      ['drag', () => Array.from({ length: 3 }, () => ({ kind: 'drag', from: pt(rand), to: pt(rand) }))],
      ['clicks', () => Array.from({ length: 8 }, () => ({ kind: 'click', target: pt(rand) }))],
    ];
    const [scenario, make] = scenarios[Math.floor(rand() * scenarios.length)]!;
    const start = this.events.length;
    const ac = new AbortController();
    let stopAt = 0;
    let timer: NodeJS.Timeout | undefined;
    const delay = rand() * 300;
    const driver = this.driver;
    // Starts the stop clock at the first injected event.
    const watched: InputDriver = new Proxy(driver, {
      get(target, prop, recv) {
        const v = Reflect.get(target, prop, recv) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (prop !== 'releaseAll' && !timer) timer = setTimeout(() => { stopAt = hrMs(); ac.abort(); }, delay);
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const r = await runAgent(
      { screen: new NutScreenSource(), input: watched, perceiver: fixedPerceiver([]), markImage: (i) => i, planner: new ScriptedPlanner(make()), approvals: { request: async (q) => ({ approvalId: q.id, verdict: 'approve' }) }, clock: systemClock },
      { goal: 'stop bench', signal: ac.signal, settleMs: 0, verify: false, maxSteps: 20, limits: { maxActionsPerSecond: 50, maxCharsPerSecond: 200 } },
    );
    clearTimeout(timer);
    await sleep(120);
    const evs = this.events.slice(start);
    const stopX = stopAt ? stopAt + this.offset : Infinity;
    const after = evs.filter((e) => e.time > stopX);
    const isPress = (e: XEvent) => e.type === 'KeyPress' || e.type === 'ButtonPress';
    const presses = after.filter((e) => isPress(e) && e.time > stopX + 2).length;
    const pressesRaw = after.filter(isPress).length;
    const last = evs.length ? Math.max(...evs.map((e) => e.time)) : 0;
    const balance = new Map<string, number>();
    for (const e of evs) {
      if (!e.detail) continue;
      const d = e.type.endsWith('Press') ? 1 : e.type.endsWith('Release') ? -1 : 0;
      balance.set(e.detail, (balance.get(e.detail) ?? 0) + d);
    }
    const st = this.state();
    return {
      scenario,
      latencyMs: stopAt ? Math.max(0, last - stopX) : 0,
      pressesAfterStop: presses,
      pressesAfterStopRaw: pressesRaw,
      eventsAfterStop: after.length,
      stuckKeys: st?.keysDown ?? -1,
      stuckButtons: st ? countBits(st.buttons) : -1,
      unbalanced: [...balance.values()].filter((v) => v > 0).length,
      status: r.status,
    };
  }

  /** The corner fail-safe: with the pointer pushed into a corner, the next event stops the run. */
  async cornerTrial(): Promise<{ status: string; reason: string; eventsAfterCorner: number }> {
    const ac = new AbortController();
    const actions: Action[] = Array.from({ length: 60 }, (_, i) => ({ kind: 'press', keys: [i % 2 ? 'a' : 'b'] }));
    let n = 0;
    let mark = 0;
    const driver = this.driver;
    const x = this.x;
    const watched: InputDriver = new Proxy(driver, {
      get(target, prop, recv) {
        const v = Reflect.get(target, prop, recv) as unknown;
        if (typeof v !== 'function') return v;
        return async (...args: unknown[]) => {
          if (prop === 'press' && ++n === 10) {
            spawnSync('xdotool', ['mousemove', '0', '0'], { env: x.env });
            mark = Date.now();
          }
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const start = this.events.length;
    const r = await runAgent(
      { screen: new NutScreenSource(), input: watched, perceiver: fixedPerceiver([]), markImage: (i) => i, planner: new ScriptedPlanner(actions), approvals: { request: async (q) => ({ approvalId: q.id, verdict: 'approve' }) }, clock: systemClock },
      { goal: 'corner', signal: ac.signal, settleMs: 0, verify: false, maxSteps: 100, limits: { maxActionsPerSecond: 50 } },
    );
    await sleep(100);
    spawnSync('xdotool', ['mousemove', '640', '400'], { env: x.env });
    const presses = this.events.slice(start).filter((e) => e.type === 'KeyPress').length;
    void mark;
    // Nine presses ran before the pointer went into the corner; the tenth is checked and must not run.
    return { status: r.status, reason: r.reason, eventsAfterCorner: presses - 9 };
  }

  async stop(): Promise<void> {
    await kill(this.xev);
    if (this.ownX) stopDisplayOnExit(this.x);
  }
}

function pt(rand: () => number): { point: { space: 'screen'; x: number; y: number } } {
  return { point: { space: 'screen', x: 100 + Math.floor(rand() * 1000), y: 100 + Math.floor(rand() * 600) } };
}
function countBits(n: number): number {
  let c = 0;
  for (let v = n; v; v >>= 1) c += v & 1;
  return c;
}

export function haveStopTools(): boolean {
  return ['Xvfb', 'xev', 'xdotool', 'stdbuf'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0) && existsSync('/usr/include/X11/Xlib.h');
}

/** A small seeded PRNG (mulberry32) so a trial list can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
