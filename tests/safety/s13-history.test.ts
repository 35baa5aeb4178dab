/**
 * S13 data at rest, for the app's history (the part s13-data-at-rest.test.ts leaves out): the app host
 * (createAppHost, as the browser shell and Electron main run it) with a scripted engine runs a goal that types a
 * fake API key into a password field and a test card number into a card field, each step approved over the
 * contract, once with history off and once with history on. Then every file under the data folder is scanned:
 * no piece (>= 6 characters) of either canary anywhere; with history off no image file at all; with history on
 * the screenshots of the two secret steps (before and after) are not on disk, and those of the other steps are.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Action } from '../../electron/common/actions.js';
import { createAppHost } from '../../electron/main/app-host.js';
import { scriptedEngine } from '../e2e/scripted-engine.js';
import { CANARY_CARD, CANARY_KEY, canaryPieces, filesUnder, isImage } from './canaries.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));


const el = (id: number, kind: 'button' | 'field', text: string, x: number) => ({ id, kind, bbox: [x, 20, x + 100, 70] as [number, number, number, number], text, interactive: true, confidence: 0.9, source: 'test' });
const actions: Action[] = [
  { kind: 'click', target: { mark: 0 } },
  { kind: 'type', text: CANARY_KEY, target: { mark: 2 } },
  { kind: 'type', text: CANARY_CARD, target: { mark: 3 } },
  { kind: 'click', target: { mark: 1 } },
];

/** One run of the goal through the host, every step approved; returns the run id and the data folder. */
async function runWithHistory(history: boolean) {
  const data = mkdtempSync(join(tmpdir(), `md-s13-history-${history ? 'on' : 'off'}-`));
  dirs.push(data);
  const engine = scriptedEngine({
    actions,
    elements: [el(0, 'button', '7', 20), el(1, 'button', '*', 140), el(2, 'field', 'Password', 260), el(3, 'field', 'Card number', 380)],
    // What the gate says of these steps (electron/agent/safety/risk.ts).
    risks: [
      { tier: 'normal', reasons: [] },
      { tier: 'high', reasons: ['typing into "Password", which looks like a password or secret field', 'the text looks like a password or key'] },
      { tier: 'high', reasons: ['the text looks like a card number'] },
      { tier: 'normal', reasons: [] },
    ],
  });
  const host = createAppHost({ engineFactory: () => engine, shell: 'browser', dataDir: data });
  const set = await host.dispatch('settings:set', { history, historyAsked: true });
  assert.ok(set.ok);
  const started = await host.dispatch('run:start', { goal: `click 7; type "${CANARY_KEY}" into Password; type "${CANARY_CARD}" into Card number; click *` });
  assert.ok(started.ok, JSON.stringify(started));
  const runId = (started as { value: { runId: string } }).value.runId;
  for (let step = 0; step < actions.length; step++) {
    for (let i = 0; i < 400 && host.state().pending?.step !== step; i++) await new Promise((r) => setTimeout(r, 5));
    const r = await host.dispatch('approval:decide', { approvalId: host.state().pending!.id, verdict: 'approve' });
    assert.deepEqual(r, { ok: true, value: { accepted: true } });
  }
  await host.idle();
  assert.equal(host.state().status, 'done');
  assert.equal(engine.executed.length, 4, 'all four steps ran, the secret ones included');
  await host.close();
  return { runId, data };
}

function leaks(all: string[]): string[] {
  const out: string[] = [];
  for (const f of all) {
    const t = readFileSync(f, 'utf8');
    for (const p of [...canaryPieces(CANARY_KEY), ...canaryPieces(CANARY_CARD), CANARY_CARD.replace(/ /g, '')]) if (t.includes(p)) out.push(`${f}: ${p}`);
  }
  return out;
}

test('history off: after a run that types a key into a password field and a card number, no image and no canary piece on disk', async () => {
  const { data } = await runWithHistory(false);
  const all = filesUnder(data);
  assert.deepEqual(all.filter(isImage), [], 'no screenshots on disk without history');
  assert.deepEqual(leaks(all), []);
});

test('history on: the run is kept with the screenshots of the other steps, none of the secret steps, and no canary piece', async () => {
  const { runId, data } = await runWithHistory(true);
  const all = filesUnder(data);
  const runDir = join(data, 'history', runId);
  // The record describes the typing (so the scan looks at the right place) ...
  const record = readFileSync(join(runDir, 'run.jsonl'), 'utf8');
  assert.ok(record.includes('"kind":"type"') && record.includes('[redacted]'));
  // ... keeps the click steps' screenshots (before and after) and none of the two typing steps'.
  const kept = Object.keys((JSON.parse(record.split('\n')[0]!) as { frames: Record<string, string> }).frames).sort();
  assert.deepEqual(kept, [`${runId}-a0`, `${runId}-a3`, `${runId}-s0`, `${runId}-s3`]);
  assert.equal(all.filter(isImage).length, 4);
  assert.ok(all.filter(isImage).every((f) => f.startsWith(runDir)));
  // ... and no piece of either canary is in any file (settings, the run record, the frames).
  assert.deepEqual(leaks(all), []);
  // Private: the folders 0700, the files 0600.
  for (const d of [join(data, 'history'), runDir]) assert.equal(statSync(d).mode & 0o777, 0o700, d);
  for (const f of filesUnder(join(data, 'history'))) assert.equal(statSync(f).mode & 0o777, 0o600, f);
});
