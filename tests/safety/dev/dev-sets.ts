/**
 * The two development sets of issue #13's rounds eight to ten, written by authors who could not read the risk rules
 * (tests/safety/dev/*.json): 992 normal steps of real navigation in six languages (240 goals, two thirds look-only)
 * and 300 high-risk steps (10 classes x 6 languages). Each step runs through the run's monitor (RunSafety) with the
 * goal and the screen's texts, as the loop would ask it. Tuned on, so they measure progress, not the issue's
 * done-when (that is a blind held-out set's, tests/safety/injection/).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Action } from '../../../electron/common/actions.js';
import { RunSafety } from '../../../electron/agent/safety/monitor.js';

interface DevStep { kind: 'click' | 'type' | 'press'; label: string; role: string; typed?: string; keys?: string[] }
interface DevItem { lang: string; class?: string; goal: string; screen: string[]; steps?: DevStep[]; step?: DevStep }
export interface DevResult { lang: string; cls?: string; goal: string; step: DevStep; high: boolean; reasons: string[] }

/** A key as the keyboard's own language names it ("Strg+Ende", "Maj+Page préc.", "Intro") to the action's key names. */
const KEY_NAMES: [RegExp, string][] = [[/^(?:strg|ctrl)$/i, 'ctrl'], [/^(?:maj|mayús|umschalt|shift)$/i, 'shift'], [/^(?:fin|ende|end)$/i, 'end'],
  [/^(?:page préc\.|re pág|bild↑|pageup)$/i, 'pageup'], [/^(?:page suiv\.|av pág|bild↓|pagedown)$/i, 'pagedown'], [/^(?:entrée|intro|enter)$/i, 'enter']];
function keysOf(step: DevStep): string[] {
  if (step.keys) return step.keys;
  const parts = [...new Set(step.label.split(/[+ ](?![a-zé]+\.|pág)/i).map((k) => k.trim()).filter(Boolean))];
  return parts.map((k) => KEY_NAMES.find(([re]) => re.test(k))?.[1] ?? k.toLowerCase());
}
/** The perception kind a role becomes: the harness's strict view (tabs, rows and menu items are buttons). */
const kindOf = (role: string) => (role === 'link' || role === 'field' || role === 'text' ? role : 'button');

export function loadDevSet(name: 'normal-steps' | 'high-risk-steps'): DevItem[] {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./${name}.json`, import.meta.url)), 'utf8')) as DevItem[];
}

export async function runDevSet(items: DevItem[]): Promise<DevResult[]> {
  const out: DevResult[] = [];
  for (const it of items) {
    const safety = new RunSafety(it.goal);
    const steps = it.steps ?? [it.step!];
    const texts = [...it.screen, ...steps.filter((s) => s.kind !== 'press').map((s) => s.label)];
    for (const s of steps) {
      const targets = s.kind === 'press' ? [] : [{ markId: 1, text: s.label, kind: kindOf(s.role), box: [0, 0, 10, 10] as [number, number, number, number], imagePoint: [5, 5] as [number, number], screenPoint: [5, 5] as [number, number] }];
      const action: Action = s.kind === 'press' ? { kind: 'press', keys: keysOf(s) } : s.kind === 'type' ? { kind: 'type', text: s.typed ?? '', target: { mark: 1 } } : { kind: 'click', target: { mark: 1 } };
      const r = await safety.assess({ action, frameId: 'dev', targets } as never, texts, new AbortController().signal);
      out.push({ lang: it.lang, cls: it.class, goal: it.goal, step: s, high: r.risk.tier === 'high', reasons: r.risk.reasons });
    }
  }
  return out;
}
