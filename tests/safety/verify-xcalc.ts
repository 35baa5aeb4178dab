/**
 * S16 on a real X app: xcalc under Xvfb, driven by the real loop (NutScreenSource, NutInputDriver), marks from the
 * X server's own button geometry (tests/fixtures/perception/xcalc-1280x800.buttons.json), so perception is not
 * under test here. No-op cases: clicks in the gaps between buttons, clicks on the bare desktop, letters xcalc
 * ignores, digits typed while the pointer (and so the focus) is on the desktop. Effective cases: digit buttons and
 * digits typed into xcalc.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Action } from '../../electron/common/actions.js';
import type { Element } from '../../electron/common/elements.js';
import { runAgent, type RunResult } from '../../electron/agent/loop/run-agent.js';
import { NutScreenSource } from '../../electron/adapters/capture-nut.js';
import { systemClock } from '../../electron/adapters/clock.js';
import { NutInputDriver } from '../../electron/adapters/input-nut.js';
import { fixedPerceiver } from '../support/fakes.js';
import { kill, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';
import { ScriptedPlanner, stopDisplayOnExit } from './support.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/perception/xcalc-1280x800.buttons.json', import.meta.url), 'utf8')) as { buttons: { label: string; box: [number, number, number, number] }[] };
export const XCALC_MARKS: Element[] = fixture.buttons.map((b, id) => ({ id, kind: 'button', bbox: b.box, text: b.label, interactive: true, confidence: 1, source: 'xwininfo' }));

export interface VerifyCase {
  name: string;
  noop: boolean;
  /** Where the pointer rests before the run (focus follows the pointer without a window manager). */
  pointer: [number, number];
  action: Action;
}

export function verifyCases(rand: () => number, n: number): VerifyCase[] {
  const digits = XCALC_MARKS.filter((m) => /^[0-9]$/.test(m.text));
  const byRow = new Map<number, Element[]>();
  for (const m of XCALC_MARKS) byRow.set(m.bbox[1], [...(byRow.get(m.bbox[1]) ?? []), m]);
  const gaps: [number, number][] = [];
  for (const row of byRow.values()) {
    row.sort((a, b) => a.bbox[0] - b.bbox[0]);
    for (let i = 1; i < row.length; i++) gaps.push([(row[i - 1]!.bbox[2] + row[i]!.bbox[0]) / 2, (row[i]!.bbox[1] + row[i]!.bbox[3]) / 2]);
  }
  const pick = <T,>(a: T[]) => a[Math.floor(rand() * a.length)]!;
  const out: VerifyCase[] = [];
  // The pointer rests on xcalc but on no button (a gap): resting on a button would highlight it, and its
  // un-highlight when the click moves the pointer away is a real change the loop cannot tell from an effect.
  const onCalc: [number, number] = gaps[0]!;
  for (let i = 0; i < n; i++) {
    switch (i % 6) {
      case 0: { const g = pick(gaps); out.push({ name: `click the gap at (${g[0]}, ${g[1]})`, noop: true, pointer: onCalc, action: { kind: 'click', target: { point: { space: 'screen', x: g[0], y: g[1] } } } }); break; }
      case 1: { const x = 500 + Math.floor(rand() * 600), y = 150 + Math.floor(rand() * 500); out.push({ name: `click the desktop at (${x}, ${y})`, noop: true, pointer: onCalc, action: { kind: 'click', target: { point: { space: 'screen', x, y } } } }); break; }
      case 2: out.push({ name: 'type letters xcalc ignores', noop: true, pointer: onCalc, action: { kind: 'type', text: pick(['zxv', 'vzx', 'xvz']) } }); break;
      case 3: out.push({ name: 'type digits with the focus on the desktop', noop: true, pointer: [900, 600], action: { kind: 'type', text: String(100 + Math.floor(rand() * 800)) } }); break;
      case 4: { const d = pick(digits); out.push({ name: `click digit ${d.text}`, noop: false, pointer: onCalc, action: { kind: 'click', target: { mark: d.id } } }); break; }
      case 5: out.push({ name: 'type digits into xcalc', noop: false, pointer: onCalc, action: { kind: 'type', text: String(10 + Math.floor(rand() * 80)) } }); break;
    }
  }
  return out;
}

export interface VerifyOutcome {
  case: VerifyCase;
  /** The loop called the first try a no-op. */
  flaggedNoop: boolean;
  /** Input actions executed (first try + retries). */
  executed: number;
  result: RunResult;
}

export class XcalcBench {
  x!: XDisplay;
  private calc: ChildProcess | undefined;
  private ownX = false;
  /** On the given display (or a new 1280x800 Xvfb): libnut stays bound to the first display a process opens. */
  async start(x?: XDisplay): Promise<void> {
    this.ownX = !x;
    this.x = x ?? (await startXvfb(1280, 800));
    process.env.DISPLAY = this.x.display;
  }
  async fresh(): Promise<void> {
    if (this.calc) await kill(this.calc);
    this.calc = startApp('xcalc', ['-geometry', '+100+80'], this.x.env);
    await waitForWindow('Calculator', this.x.env);
    await sleep(250);
  }
  async run(c: VerifyCase): Promise<VerifyOutcome> {
    await this.fresh();
    spawnSync('xdotool', ['mousemove', String(c.pointer[0]), String(c.pointer[1])], { env: this.x.env });
    await sleep(80);
    const result = await runAgent(
      { screen: new NutScreenSource(), input: new NutInputDriver(), perceiver: fixedPerceiver(XCALC_MARKS), markImage: (i) => i, planner: new ScriptedPlanner([c.action]), approvals: { request: async (q) => ({ approvalId: q.id, verdict: 'approve' }) }, clock: systemClock },
      { goal: c.name, signal: new AbortController().signal, settleMs: 150 },
    );
    return { case: c, flaggedNoop: result.steps[0]?.changed === false, executed: result.executed, result };
  }
  async stop(): Promise<void> {
    if (this.calc) await kill(this.calc);
    if (this.ownX) stopDisplayOnExit(this.x);
  }
}
