/** S8: the risk classifier against the labelled set (tests/safety/fixtures/risk-labelled.json). */
import { readFileSync } from 'node:fs';
import type { Action } from '../../electron/common/actions.js';
import type { ResolvedAction } from '../../electron/agent/resolved.js';
import { classifyRisk } from '../../electron/agent/safety/risk.js';

export interface LabelledItem {
  id: string;
  action: Action;
  targets: { text: string; kind?: string }[];
  screenTexts?: string[];
  label: 'high' | 'normal';
  why: string;
}

export function loadRiskSet(): LabelledItem[] {
  return (JSON.parse(readFileSync(new URL('./fixtures/risk-labelled.json', import.meta.url), 'utf8')) as { items: LabelledItem[] }).items;
}

export function resolvedFor(item: { action: Action; targets: { text: string; kind?: string }[] }): ResolvedAction {
  return {
    action: item.action,
    frameId: 'eval',
    targets: item.targets.map((t) => ({ text: t.text, kind: t.kind, markId: 0, box: [0, 0, 10, 10], imagePoint: { space: 'image', x: 5, y: 5 }, screenPoint: { space: 'screen', x: 5, y: 5 } })),
  };
}

export function evaluateRisk(items: LabelledItem[]) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const missed: LabelledItem[] = [];
  const falseAlarms: LabelledItem[] = [];
  for (const it of items) {
    const flagged = classifyRisk(resolvedFor(it), { screenTexts: it.screenTexts }).tier === 'high';
    if (it.label === 'high') {
      if (flagged) tp++;
      else { fn++; missed.push(it); }
    } else if (flagged) { fp++; falseAlarms.push(it); }
    else tn++;
  }
  return { n: items.length, tp, fp, fn, tn, recall: tp / (tp + fn), precision: tp / (tp + fp), missed, falseAlarms };
}
