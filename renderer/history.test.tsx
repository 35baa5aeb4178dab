import { testWindow } from './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../electron/common/ipc-contract.js';
import type { RunEvent } from '../electron/common/run-events.js';
import { fakeTransport } from './test-support.js';
import { mountApp } from './test-mount.js';

const display = { id: '0', name: 'd', bounds: { x: 0, y: 0, width: 640, height: 400 }, scaleFactor: 1, primary: true };
const el = (id: number, text: string, bbox: [number, number, number, number]) => ({ id, kind: 'button' as const, bbox, text, interactive: true, confidence: 1, source: 't' });
const pastEvents: RunEvent[] = [
  { type: 'run_started', runId: 'run-a', goal: 'click 7; type a key', planner: 'command', at: 1 },
  { type: 'frame', step: 0, frameId: 'fa0', width: 640, height: 400, display },
  { type: 'perceived', step: 0, frameId: 'fa0', elements: [el(0, '7', [20, 20, 120, 70]), el(1, 'Password', [140, 20, 240, 70])], ms: 1 },
  { type: 'reasoning', step: 0, text: 'The 7 key is mark 0.' },
  { type: 'proposal', step: 0, action: { kind: 'click', target: { mark: 0 } }, description: 'click #0 "7"', reasoning: 'The 7 key is mark 0.' },
  {
    type: 'approval_requested',
    request: { id: 'appr-0-xxxxxx', runId: 'run-a', step: 0, action: { kind: 'click', target: { mark: 0 } }, description: 'click #0', screenPoints: [{ space: 'screen', x: 70, y: 45 }], frameId: 'fa0', risk: { tier: 'normal', reasons: [] }, expiresAt: 9 },
  },
  { type: 'executed', step: 0, action: { kind: 'click', target: { mark: 0 } }, screenPoints: [{ space: 'screen', x: 70, y: 45 }], changed: true, afterFrameId: 'fa1', ms: 1 },
  { type: 'frame', step: 1, frameId: 'fa1', width: 640, height: 400, display },
  { type: 'proposal', step: 1, action: { kind: 'type', text: '[redacted]', target: { mark: 1 } }, description: 'type "[redacted]"', reasoning: '' },
  { type: 'executed', step: 1, action: { kind: 'type', text: '[redacted]', target: { mark: 1 } }, screenPoints: [], changed: true, afterFrameId: 'fa2', ms: 1 },
  { type: 'run_finished', status: 'done', reason: 'done', at: 2 },
];

async function mount(settings: Partial<Settings>, history: { enabled: boolean; runs: unknown[]; dir?: string; bytes?: number }) {
  const t = fakeTransport();
  let current: Settings = { ...DEFAULT_SETTINGS, ...settings };
  t.answers['settings:get'] = () => ({ ok: true, value: current });
  t.answers['settings:set'] = (i) => ({ ok: true, value: (current = { ...current, ...(i as object) }) });
  t.answers['history:list'] = () => ({ ok: true, value: history });
  t.answers['history:get'] = () => ({ ok: true, value: { events: pastEvents, frames: ['fa0'] } });
  t.answers['history:clear'] = () => ({ ok: true, value: { cleared: history.runs.length } });
  const { store, root, unmount } = await mountApp(t);
  const button = (label: string) => [...root.querySelectorAll('button, [role="button"]')].find((b) => (b.textContent ?? b.getAttribute('aria-label') ?? '').startsWith(label) || b.getAttribute('aria-label')?.startsWith(label)) as HTMLElement | undefined;
  const click = (label: string) => act(async () => {
    const b = button(label);
    assert.ok(b, `a button "${label}" in: ${root.textContent}`);
    b.click();
  });
  return { t, store, root, button, click, unmount: () => unmount };
}

test('first run: the Run page asks whether to keep history, names the folder and the private data, and asks only once', async () => {
  const m = await mount({}, { enabled: false, runs: [], dir: '/home/ann/.config/magma-desk/history' });
  const card = () => m.root.querySelector('[aria-label="keep a history of runs?"]');
  assert.ok(card(), 'the card is on the Run page');
  const text = card()!.textContent ?? '';
  assert.match(text, /private data such as messages or account numbers/);
  assert.match(text, /stays on this computer in \/home\/ann\/\.config\/magma-desk\/history/);
  assert.match(text, /delete it any time/);
  await m.click('Keep history');
  assert.deepEqual(m.t.calls.filter((c) => c.channel === 'settings:set').map((c) => c.input), [{ history: true, historyAsked: true }]);
  assert.equal(card(), null, 'answered: the card is gone');
  await m.unmount();
  // Answered before (or "Don't keep"): never shown again.
  const again = await mount({ historyAsked: true }, { enabled: false, runs: [] });
  assert.equal(again.root.querySelector('[aria-label="keep a history of runs?"]'), null);
  await again.unmount();
  const no = await mount({}, { enabled: false, runs: [] });
  await no.click("Don't keep");
  assert.deepEqual(no.t.calls.find((c) => c.channel === 'settings:set')?.input, { history: false, historyAsked: true });
  await no.unmount();
});

test('history view: a past run shows each step with its screenshot, marks, target and reasoning; a screenshot enlarges and Esc closes it', async () => {
  const summary = { runId: 'run-a', goal: 'click 7; type a key', planner: 'command', status: 'done', startedAt: 1, finishedAt: 2, steps: 2 };
  const m = await mount({ history: true, historyAsked: true, historyMaxMB: 200, historyMaxDays: 14 }, { enabled: true, runs: [summary], dir: '/data/history', bytes: 3 * 1024 * 1024 });
  await m.click('History');
  const view = () => m.root.querySelector('[aria-label="history"]')!;
  assert.match(view().textContent ?? '', /kept on this computer in \/data\/history, at most 200 MB and 14 days/);
  assert.match(view().textContent ?? '', /Kept now: 3\.0 MB/);
  await m.click('done click 7');
  const steps = [...view().querySelectorAll('.past-run li.step')];
  assert.equal(steps.length, 2);
  // Step 1: the screenshot with its two marks, the target ring where it clicked, and the reasoning.
  assert.equal(steps[0]!.querySelector('img')?.getAttribute('src'), 'frames/fa0.png');
  assert.equal(steps[0]!.querySelectorAll('g.mark').length >= 2, true);
  assert.ok(steps[0]!.querySelector('g.target circle[cx="70"][cy="45"]'), 'the target is drawn where the step clicked');
  assert.match(steps[0]!.textContent ?? '', /Reasoning: The 7 key is mark 0\./);
  assert.match(steps[0]!.textContent ?? '', /click #0 "7"/);
  // Step 2 typed a secret: its screenshot was not kept, and the step says why instead of a broken image.
  assert.match(steps[1]!.textContent ?? '', /Screenshot not kept: a password, key or card number/);
  assert.equal(steps[1]!.querySelector('.mark-overlay'), null);
  // Enlarge, then Esc closes.
  await m.click('Enlarge the screenshot of step 1');
  const dialog = () => document.querySelector('[role="dialog"][aria-label="Screenshot of step 1, enlarged"]');
  assert.ok(dialog(), 'the screenshot opens large');
  assert.equal(dialog()!.querySelector('img')?.getAttribute('src'), 'frames/fa0.png');
  await act(async () => {
    document.body.dispatchEvent(new testWindow.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }) as unknown as Event);
  });
  assert.equal(dialog(), null, 'Esc closes it');
  await m.unmount();
});

test('"Delete all" asks first; Cancel keeps everything, confirming deletes', async () => {
  const summary = { runId: 'run-a', goal: 'click 7', planner: 'command', status: 'done', startedAt: 1, steps: 1 };
  const m = await mount({ history: true, historyAsked: true }, { enabled: true, runs: [summary], dir: '/d/history', bytes: 10 });
  await m.click('History');
  await m.click('Delete all');
  assert.match(m.root.textContent ?? '', /Delete all 1 kept runs and their screenshots from this computer\? This cannot be undone\./);
  await m.click('Cancel');
  assert.equal(m.t.calls.some((c) => c.channel === 'history:clear'), false, 'Cancel deletes nothing');
  await m.click('Delete all');
  await m.click('Yes, delete all');
  assert.equal(m.t.calls.filter((c) => c.channel === 'history:clear').length, 1);
  assert.match(m.root.textContent ?? '', /History deleted\./);
  assert.equal(m.root.querySelectorAll('.runs li').length, 0);
  await m.unmount();
});

test('settings: the history switch says what is kept, where and the caps; the caps are saved; turning it off warns that saving deletes', async () => {
  const m = await mount({ history: true, historyAsked: true }, { enabled: true, runs: [{ runId: 'r', goal: 'g', planner: 'command', status: 'done', startedAt: 1, steps: 0 }], dir: '/d/history' });
  await m.click('Settings');
  const area = () => m.root.querySelector('fieldset.history-settings')!;
  assert.match(area().textContent ?? '', /kept on this computer in \/d\/history, at most 500 MB and 30 days/);
  const [mb, days] = [...area().querySelectorAll('input[type="number"]')] as HTMLInputElement[];
  const setValue = (i: HTMLInputElement, v: string) => act(async () => {
    Object.getOwnPropertyDescriptor(testWindow.HTMLInputElement.prototype, 'value')!.set!.call(i, v);
    i.dispatchEvent(new testWindow.Event('input', { bubbles: true }) as unknown as Event);
  });
  await setValue(mb!, '50');
  await setValue(days!, '7');
  assert.match(area().textContent ?? '', /at most 50 MB and 7 days/);
  await act(async () => (area().querySelector('input[role="switch"]') as HTMLInputElement).click());
  assert.match(area().textContent ?? '', /Saving with this off deletes the 1 runs kept so far/);
  await act(async () => (m.root.querySelector('form.settings') as HTMLFormElement).requestSubmit());
  const set = m.t.calls.find((c) => c.channel === 'settings:set')?.input as Partial<Settings>;
  assert.equal(set.historyMaxMB, 50);
  assert.equal(set.historyMaxDays, 7);
  assert.equal(set.history, false);
  await m.unmount();
});

test('history view: a step the run ended on reads as a person would ("not run"), not as a code', async () => {
  const failed: RunEvent[] = [
    ...pastEvents.slice(0, 5),
    { type: 'run_finished', status: 'failed', reason: 'the screen could not be captured', at: 2 },
  ];
  const summary = { runId: 'run-a', goal: 'click 7', planner: 'command', status: 'failed', startedAt: 1, finishedAt: 2, steps: 1 };
  const m = await mount({ history: true, historyAsked: true }, { enabled: true, runs: [summary] });
  m.t.answers['history:get'] = () => ({ ok: true, value: { events: failed, frames: ['fa0'] } });
  await m.click('History');
  await m.click('failed click 7');
  const badge = m.root.querySelector('.past-run li.step .badge');
  assert.equal(badge?.textContent, 'not run');
  await m.unmount();
});
