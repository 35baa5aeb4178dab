/**
 * The approval prompt's keys wherever focus is, and the step list's states, rendered with the real components
 * against a recording transport (happy-dom). Keys are sent to the focused element, as a keyboard does.
 */
import { testWindow } from './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import type { Action } from '../electron/common/actions.js';
import type { ApprovalRequest } from '../electron/common/approval.js';
import type { RunEvent } from '../electron/common/run-events.js';
import { keyCommand } from './components/ApprovalPrompt.js';
import { fakeTransport } from './test-support.js';
import { mountApp } from './test-mount.js';

const display = { id: '0', name: 'd', bounds: { x: 0, y: 0, width: 640, height: 400 }, scaleFactor: 1, primary: true };
const el = (id: number, text: string) => ({ id, kind: 'button' as const, bbox: [id * 50, 10, id * 50 + 40, 40] as [number, number, number, number], text, interactive: true, confidence: 1, source: 't' });
const elements = [el(0, '7'), el(1, '*'), el(2, 'Save')];
const click = (mark: number): Action => ({ kind: 'click', target: { mark } });
const request = (step: number, action = click(0)): ApprovalRequest => ({
  id: `approval-${step}-xyz`, runId: 'r1', step, action, description: `click #${step}`,
  screenPoints: [{ space: 'screen', x: 20, y: 25 }], frameId: `f${step}`, risk: { tier: 'normal', reasons: [] }, expiresAt: Date.now() + 60_000,
});
/** The events of step `step` up to its approval request, as the loop emits them. */
const stepEvents = (step: number, action = click(0)): RunEvent[] => [
  { type: 'frame', step, frameId: `f${step}`, width: 640, height: 400, display },
  { type: 'perceived', step, frameId: `f${step}`, elements, ms: 1 },
  { type: 'proposal', step, action, description: `click #${step}`, reasoning: '' },
  { type: 'approval_requested', request: request(step, action) },
];
const started: RunEvent = { type: 'run_started', runId: 'r1', goal: 'click 7; click *', planner: 'command', at: 1 };

async function mount() {
  const w = testWindow;
  const t = fakeTransport();
  const { root, unmount } = await mountApp(t);
  const push = async (...events: RunEvent[]) => act(async () => events.forEach((e) => t.push('run:event', e)));
  /** A key as the keyboard sends it: to whatever has focus. */
  const key = async (k: string) =>
    act(async () => {
      const target = (document.activeElement ?? document.body) as unknown as EventTarget;
      target.dispatchEvent(new w.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }) as unknown as Event);
    });
  const button = (label: string) => [...root.querySelectorAll('.approval button')].find((b) => b.textContent?.startsWith(label)) as HTMLButtonElement;
  const focus = async (e: HTMLElement) => act(async () => e.focus());
  const decisions = () => t.calls.filter((c) => c.channel === 'approval:decide').map((c) => c.input as { verdict: string; edit?: string });
  const decide = async (verdict: string, step: number, edit?: string) =>
    push({ type: 'approval_decided', decision: { approvalId: `approval-${step}-xyz`, verdict: verdict as 'approve', ...(edit ? { edit } : {}) }, by: 'user' });
  return { w, t, root, push, key, button, focus, decisions, decide, unmount: () => unmount };
}

test('keys: with focus on Approve (the default) S skips, E opens the edit box and Escape stops', async () => {
  for (const [k, verdict] of [['s', 'skip'], ['S', 'skip'], ['Escape', 'stop']] as const) {
    const m = await mount();
    await m.push(started, ...stepEvents(0));
    assert.equal(document.activeElement, m.button('Approve'), 'Approve has focus when the prompt opens');
    await m.key(k);
    assert.deepEqual(m.decisions().map((d) => d.verdict), [verdict], `${k} on Approve`);
    await m.unmount();
  }
  const m = await mount();
  await m.push(started, ...stepEvents(0));
  await m.key('e');
  assert.ok(m.root.querySelector('#edit-step'), 'E on Approve opens the edit box');
  assert.equal(document.activeElement, m.root.querySelector('#edit-step'), 'and puts the cursor in it');
  assert.deepEqual(m.decisions(), []);
  await m.unmount();
});

test('keys: Enter on a focused button is that button\'s own click, sent once; Enter elsewhere approves', async () => {
  const m = await mount();
  await m.push(started, ...stepEvents(0));
  await m.key('Enter');
  assert.deepEqual(m.decisions(), [], 'the key handler leaves Enter on the focused Approve button to the button');
  await act(async () => m.button('Approve').click());
  assert.deepEqual(m.decisions().map((d) => d.verdict), ['approve']);
  assert.equal(keyCommand('Enter', { tagName: 'BUTTON' }), null);
  assert.equal(keyCommand('Enter', { tagName: 'INPUT', type: 'checkbox' }), 'approve', 'the approve-the-rest switch is no text field');
  assert.equal(keyCommand('Enter', { tagName: 'BODY' }), 'approve');
  await m.unmount();
});

test('keys: focus on Edit, Skip, Stop or the approve-the-rest switch does not take the prompt\'s keys away', async () => {
  const cases: [string, string, string][] = [
    ['Edit', 's', 'skip'], ['Skip', 'Escape', 'stop'], ['Stop', 's', 'skip'], ['switch', 's', 'skip'], ['switch', 'Enter', 'approve'], ['Skip', 'Enter', 'none'],
  ];
  for (const [where, k, verdict] of cases) {
    const m = await mount();
    await m.push(started, ...stepEvents(0));
    const target = where === 'switch' ? (m.root.querySelector('.approval input[role="switch"]') as HTMLElement) : m.button(where);
    await m.focus(target);
    assert.equal(document.activeElement, target);
    await m.key(k);
    assert.deepEqual(m.decisions().map((d) => d.verdict), verdict === 'none' ? [] : [verdict], `${k} with focus on ${where}`);
    await m.unmount();
  }
  const m = await mount();
  await m.push(started, ...stepEvents(0));
  await m.focus(m.button('Skip'));
  await m.key('E');
  assert.ok(m.root.querySelector('#edit-step'), 'E with focus on Skip opens the edit box');
  await m.unmount();
});

test('keys: in the edit box S and Enter type; Escape closes the box and a second Escape stops', async () => {
  const m = await mount();
  await m.push(started, ...stepEvents(0));
  await m.key('e');
  const edit = m.root.querySelector('#edit-step') as HTMLInputElement;
  await m.key('s');
  await m.key('Enter');
  assert.deepEqual(m.decisions(), [], 'keys typed in the edit box decide nothing');
  await m.key('Escape');
  assert.equal(m.root.querySelector('#edit-step'), null, 'Escape closes the edit box');
  assert.deepEqual(m.decisions(), [], 'and does not stop the run');
  assert.equal(document.activeElement, m.button('Approve'), 'focus goes back to Approve');
  assert.ok(!edit.isConnected);
  await m.key('Escape');
  assert.deepEqual(m.decisions().map((d) => d.verdict), ['stop']);
  await m.unmount();
});

test('keys: every button keeps its aria-keyshortcuts', async () => {
  const m = await mount();
  await m.push(started, ...stepEvents(0));
  assert.deepEqual(['Approve', 'Edit', 'Skip', 'Stop'].map((b) => m.button(b).getAttribute('aria-keyshortcuts')), ['Enter', 'E', 'S', 'Escape']);
  await m.unmount();
});

const stepTexts = (root: HTMLElement) => [...root.querySelectorAll('.timeline li')].map((li) => li.querySelector('.step-head')?.textContent?.replace(/\s+/g, ' ').trim());

test('steps: labels are shown, a finished run has no fake "done" step, the finish is the run status', async () => {
  const m = await mount();
  await m.push(started, ...stepEvents(0, click(2)), { type: 'executed', step: 0, action: click(2), screenPoints: [], changed: true, afterFrameId: 'f0a', ms: 1 });
  await m.decide('approve', 0);
  await m.push(
    { type: 'frame', step: 1, frameId: 'f1', width: 640, height: 400, display },
    { type: 'perceived', step: 1, frameId: 'f1', elements, ms: 1 },
    { type: 'proposal', step: 1, action: { kind: 'done', summary: 'all 1 steps ran' }, description: 'done: all 1 steps ran', reasoning: '' },
    { type: 'run_finished', status: 'done', reason: 'all 1 steps ran', at: 2 },
  );
  assert.deepEqual(stepTexts(m.root), ['1. click #2 "Save" executed']);
  assert.equal(m.root.querySelector('.finish')?.textContent, 'Finished: all 1 steps ran');
  assert.equal(m.root.querySelector('.finish')?.getAttribute('role'), 'status');
  assert.match(m.root.querySelector('.mark-overlay')?.getAttribute('aria-label') ?? m.root.innerHTML, /ended on/, 'the screen the run ended on is shown');
  await m.unmount();
});

test('steps: skipped, edited (original → what ran) and stopped read as such', async () => {
  const m = await mount();
  await m.push(started, ...stepEvents(0, click(0)));
  await m.decide('skip', 0);
  await m.push({ type: 'skipped', step: 0, reason: 'skipped at the approval prompt' }, ...stepEvents(1, click(1)));
  await m.decide('edit', 1, 'click Save');
  await m.push({ type: 'skipped', step: 1, reason: 'replaced by "click Save"' });
  assert.match(stepTexts(m.root)[1] ?? '', /pending/, 'an edited step is not over while its replacement is planned');
  await m.push(...stepEvents(1, click(2)));
  await m.decide('approve', 1);
  await m.push({ type: 'executed', step: 1, action: click(2), screenPoints: [], changed: true, ms: 1 }, ...stepEvents(2, click(0)));
  await m.decide('stop', 2);
  await m.push({ type: 'run_finished', status: 'stopped', reason: 'stopped at the approval prompt', at: 3 });
  assert.deepEqual(stepTexts(m.root), ['1. click #0 "7" skipped', '2. click #2 "Save" executed', '3. click #0 "7" stopped']);
  assert.equal(m.root.querySelectorAll('.timeline li')[1]?.querySelector('.edit-note')?.textContent, 'edited: click #1 "*" → click #2 "Save"');
  assert.match(m.root.querySelector('.finish')?.textContent ?? '', /Finished: stopped \(stopped at the approval prompt\)/);
  await m.unmount();
});

test('steps: a failure is an error with its reason, and so is an error notice; the waiting step reads not run', async () => {
  const m = await mount();
  await m.push(
    started,
    ...stepEvents(0).slice(0, 3),
    { type: 'notice', level: 'error', message: 'the screen capture failed: no display' },
    { type: 'run_finished', status: 'failed', reason: 'step 1: mark #9 is not on this screen', at: 2 },
  );
  const alerts = [...m.root.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
  assert.ok(alerts.includes('the screen capture failed: no display'), `error notice is an alert: ${alerts.join(' | ')}`);
  const finish = m.root.querySelector('.finish');
  assert.equal(finish?.getAttribute('role'), 'alert');
  assert.ok(finish?.classList.contains('error'));
  assert.equal(finish?.textContent, 'Finished: the run failed: step 1: mark #9 is not on this screen');
  assert.deepEqual(stepTexts(m.root), ['1. click #0 "7" not run']);
  await m.unmount();
});
