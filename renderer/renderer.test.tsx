import { testWindow } from './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import type { ApprovalRequest } from '../electron/common/approval.js';
import type { RunEvent } from '../electron/common/run-events.js';
import { keyCommand } from './components/ApprovalPrompt.js';
import { MarkOverlay, zoomBox } from './components/MarkOverlay.js';
import { ScreenOverlay } from './components/ScreenOverlay.js';
import { StoreContext } from './context.js';
import { layoutMarkBoxes } from './marks-layout.js';
import { createAppStore } from './store.js';
import { fakeTransport } from './test-support.js';
import { wsTransport } from './transport.js';
import { mountApp } from './test-mount.js';

const display = { id: '7', name: 'd', bounds: { x: -1280, y: 0, width: 1280, height: 800 }, scaleFactor: 2, primary: false };
const el = (id: number, bbox: [number, number, number, number]) => ({ id, kind: 'button' as const, bbox, text: String(id), interactive: true, confidence: 1, source: 't' });
const request = (step: number, tier: 'normal' | 'high' = 'normal'): ApprovalRequest => ({
  id: `approval-${step}-xyz`, runId: 'r1', step, action: { kind: 'click', target: { mark: 0 } }, description: `click #0 "7" (step ${step})`,
  screenPoints: [{ space: 'screen', x: -1280 + 100, y: 50 }], frameId: `f${step}`, risk: { tier, reasons: tier === 'high' ? ['label says delete'] : [] }, expiresAt: Date.now() + 60_000,
});
const startEvents = (): RunEvent[] => [
  { type: 'run_started', runId: 'r1', goal: 'click 7', planner: 'command', at: 1 },
  { type: 'frame', step: 0, frameId: 'f0', width: 2560, height: 1600, display },
  { type: 'perceived', step: 0, frameId: 'f0', elements: [el(0, [100, 40, 300, 160]), el(1, [400, 40, 600, 160])], ms: 1 },
  { type: 'reasoning', step: 0, text: 'The 7 key ' },
  { type: 'reasoning', step: 0, text: 'is mark 0.' },
  { type: 'proposal', step: 0, action: { kind: 'click', target: { mark: 0 } }, description: 'click #0', reasoning: '' },
];

async function mount() {
  const w = testWindow;
  const t = fakeTransport();
  const { store, root, unmount } = await mountApp(t);
  const push = async (...events: RunEvent[]) => act(async () => events.forEach((e) => t.push('run:event', e)));
  const key = async (k: string, target: EventTarget = document.body) =>
    act(async () => {
      target.dispatchEvent(new w.KeyboardEvent('keydown', { key: k, bubbles: true }) as unknown as Event);
    });
  const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(label)) as HTMLButtonElement | undefined;
  return { w, t, store, root, push, key, button, unmount: () => unmount };
}

test('the store is the run events reduced by reduceRun, with frame sizes kept for the marks', () => {
  const t = fakeTransport();
  const s = createAppStore(t);
  for (const e of startEvents()) s.getState().apply(e);
  const st = s.getState();
  assert.equal(st.run.status, 'running');
  assert.equal(st.run.steps[0]!.reasoning, 'The 7 key is mark 0.');
  assert.deepEqual(st.frames.f0, { width: 2560, height: 1600, display });
  s.getState().apply({ type: 'run_started', runId: 'r2', goal: 'g', planner: 'p', at: 2 });
  assert.deepEqual(s.getState().frames, {}, 'a new run starts with no frames');
});

test('the goal box starts a run; a "Q:" goal asks and shows the answer', async () => {
  const m = await mount();
  const input = m.root.querySelector('#goal') as HTMLInputElement;
  assert.ok(input);
  await act(async () => {
    // React listens to the native input event; set the value through the prototype setter as a user would.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
    setter.call(input, 'Q: what is shown?');
    input.dispatchEvent(new m.w.Event('input', { bubbles: true }) as unknown as Event);
  });
  assert.equal(m.button('Ask')?.textContent, 'Ask');
  await act(async () => {
    (m.root.querySelector('form') as HTMLFormElement).requestSubmit();
  });
  assert.deepEqual(m.t.calls.find((c) => c.channel === 'run:start')?.input, { goal: 'Q: what is shown?' });
  await m.push(
    { type: 'run_started', runId: 'r1', goal: 'Q: what is shown?', planner: 'magma', at: 1 },
    { type: 'answer', step: 0, text: 'A calculator showing 42.' },
    { type: 'run_finished', status: 'done', reason: 'answered', at: 2 },
  );
  assert.match(m.root.querySelector('[aria-label="answer"]')?.textContent ?? '', /A calculator showing 42\./);
  await m.unmount();
});

test('the approval prompt: Enter approves the pending id; the prompt is inert while the decision travels', async () => {
  const m = await mount();
  await m.push(...startEvents(), { type: 'approval_requested', request: request(0) });
  assert.match(m.root.querySelector('[role="alertdialog"]')?.textContent ?? '', /Approve step 1\?/);
  assert.match(m.root.textContent ?? '', /The 7 key is mark 0\./, 'reasoning streams in');
  await m.key('Enter');
  await m.key('Enter');
  const decisions = m.t.calls.filter((c) => c.channel === 'approval:decide');
  assert.deepEqual(decisions.map((d) => d.input), [{ approvalId: 'approval-0-xyz', verdict: 'approve' }], 'one decision, for the pending id');
  assert.equal(m.button('Approve')?.disabled, true);
  await m.push({ type: 'approval_decided', decision: { approvalId: 'approval-0-xyz', verdict: 'approve' }, by: 'user' });
  assert.equal(m.root.querySelector('[role="alertdialog"]'), null);
  await m.unmount();
});

test('S skips, Escape stops, E opens the edit box and sends the replacement step', async () => {
  const m = await mount();
  await m.push(...startEvents(), { type: 'approval_requested', request: request(0) });
  await m.key('s');
  await m.push({ type: 'approval_decided', decision: { approvalId: 'approval-0-xyz', verdict: 'skip' }, by: 'user' }, { type: 'approval_requested', request: request(1) });
  await m.key('e');
  const edit = m.root.querySelector('#edit-step') as HTMLInputElement;
  assert.ok(edit, 'edit box open');
  await act(async () => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(edit), 'value')!.set!.call(edit, 'click 5');
    edit.dispatchEvent(new m.w.Event('input', { bubbles: true }) as unknown as Event);
  });
  await act(async () => (edit.closest('form') as HTMLFormElement).requestSubmit());
  await m.push({ type: 'approval_decided', decision: { approvalId: 'approval-1-xyz', verdict: 'edit', edit: 'click 5' }, by: 'user' }, { type: 'approval_requested', request: request(2) });
  await m.key('Escape');
  const got = m.t.calls.filter((c) => c.channel === 'approval:decide').map((c) => c.input);
  assert.deepEqual(got, [
    { approvalId: 'approval-0-xyz', verdict: 'skip' },
    { approvalId: 'approval-1-xyz', verdict: 'edit', edit: 'click 5' },
    { approvalId: 'approval-2-xyz', verdict: 'stop' },
  ]);
  await m.unmount();
});

test('"approve the rest" is sent with an approval; a high-risk step shows its reasons', async () => {
  const m = await mount();
  await m.push(...startEvents(), { type: 'approval_requested', request: request(0, 'high') });
  assert.match(m.root.querySelector('.risk')?.textContent ?? '', /High risk.*label says delete/);
  const sw = m.root.querySelector('input[role="switch"]') as HTMLInputElement;
  await act(async () => sw.click());
  await act(async () => m.button('Approve')!.click());
  assert.deepEqual(m.t.calls.filter((c) => c.channel === 'approval:decide').at(-1)?.input, { approvalId: 'approval-0-xyz', verdict: 'approve', approveRest: true });
  await m.unmount();
});

test('a refused decision is shown, and the prompt becomes usable again', async () => {
  const m = await mount();
  m.t.answers['approval:decide'] = () => ({ ok: true, value: { accepted: false, reason: 'this approval expired' } });
  await m.push(...startEvents(), { type: 'approval_requested', request: request(0) });
  await act(async () => m.button('Approve')!.click());
  assert.match(m.root.textContent ?? '', /not accepted: this approval expired/);
  assert.equal(m.button('Approve')?.disabled, false);
  await m.unmount();
});

test('keys typed into a text field never approve', () => {
  assert.equal(keyCommand('Enter', { tagName: 'INPUT' }), null);
  assert.equal(keyCommand('s', { tagName: 'TEXTAREA' }), null);
  assert.equal(keyCommand('Enter', { tagName: 'BUTTON' }), null, 'a focused button handles Enter itself');
  assert.equal(keyCommand('Enter', { tagName: 'BODY' }), 'approve');
  assert.equal(keyCommand('Enter', { tagName: 'BODY' }, true), null);
  assert.equal(keyCommand('Escape', { tagName: 'INPUT' }), 'leave', 'Escape in a text field leaves the field; it does not stop');
});

test('the step timeline shows before/after thumbnails by frame id and the outcome', async () => {
  const m = await mount();
  await m.push(...startEvents(), { type: 'executed', step: 0, action: { kind: 'click', target: { mark: 0 } }, screenPoints: [], changed: true, afterFrameId: 'f0-after', ms: 3 });
  const imgs = [...m.root.querySelectorAll('.timeline img')].map((i) => i.getAttribute('src'));
  assert.deepEqual(imgs, ['frames/f0.png', 'frames/f0-after.png']);
  assert.match(m.root.querySelector('.timeline')?.textContent ?? '', /executed/);
  await m.unmount();
});

test('settings: every field is there and a save sends the patch; history says when it is off', async () => {
  const m = await mount();
  await act(async () => m.button('Settings')!.click());
  const text = m.root.textContent ?? '';
  for (const f of ['Planner', 'Model bundle folder', 'Execution provider', 'Detector file', 'Open the goal box', 'Emergency stop', 'Max steps per run', 'Keep history']) assert.ok(text.includes(f), f);
  await act(async () => (m.root.querySelector('form.settings') as HTMLFormElement).requestSubmit());
  const set = m.t.calls.find((c) => c.channel === 'settings:set')?.input as Record<string, unknown>;
  assert.equal(set.maxSteps, 25);
  assert.match(m.root.textContent ?? '', /Saved\./);
  await m.key('3');
  await act(async () => m.button('History')!.click());
  assert.match(m.root.textContent ?? '', /History is off/);
  await m.unmount();
});

test('marks are drawn in the frame\'s image px and the target converts from screen px (scale 2, negative origin)', () => {
  const html = renderToString(
    <MarkOverlay frameId="f0" frame={{ width: 2560, height: 1600, display }} src="frames/f0.png" elements={[el(0, [100, 40, 300, 160])]} targets={[{ space: 'screen', x: -1280 + 100, y: 50 }]} />,
  );
  // The overview shows where the marks are: here the top-left third of the frame, at the frame's aspect ratio.
  assert.match(html, /viewBox="0 0 853 533"/);
  assert.match(html, /<rect x="100" y="40" width="200" height="120"/);
  assert.match(html, /<circle cx="200" cy="100"/, 'screen (100, 50) on a 2x display is image (200, 100)');
  // The enlarged view is 512x320 image px around the target, clamped to the frame's top-left corner.
  assert.match(html, /<svg class="target-zoom" viewBox="0 0 512 320"/);
  const none = renderToString(<MarkOverlay frameId="f0" frame={{ width: 2560, height: 1600, display }} src="frames/f0.png" elements={[el(0, [100, 40, 300, 160])]} />);
  assert.doesNotMatch(none, /target-zoom/, 'no target, no enlarged view');
});

test('the enlarged view centres on the target and stays inside the frame', () => {
  assert.deepEqual(zoomBox({ x: 640, y: 400 }, 1280, 800), [512, 320, 256, 160]);
  assert.deepEqual(zoomBox({ x: 1279, y: 799 }, 1280, 800), [1024, 640, 256, 160]);
  assert.deepEqual(zoomBox({ x: 10, y: 10 }, 200, 100), [0, 0, 200, 100]);
});

test('the screen overlay puts marks at logical px of its own display', () => {
  const t = fakeTransport();
  const store = createAppStore(t);
  for (const e of startEvents()) store.getState().apply(e);
  store.getState().apply({ type: 'approval_requested', request: request(0) });
  const html = (displayId: string) => {
    const div = document.createElement('div');
    const r = createRoot(div);
    act(() => r.render(<StoreContext.Provider value={{ store, transport: t }}><ScreenOverlay displayId={displayId} /></StoreContext.Provider>));
    const out = div.innerHTML;
    act(() => r.unmount());
    return out;
  };
  const on = html('7');
  assert.match(on, /<rect x="50" y="20" width="100" height="60"/, 'image box /2 on a 2x display');
  assert.match(on, /<circle class="target" cx="100" cy="50"/);
  assert.doesNotMatch(html('other'), /<rect/);
});

test('mark labels stay inside the image', () => {
  const boxes = layoutMarkBoxes([el(12, [0, 0, 10, 10]), el(3, [990, 590, 1000, 600])], 1000, 600);
  for (const b of boxes) {
    assert.ok(b.label.x >= 0 && b.label.y >= 0 && b.label.x + b.label.width <= 1000 && b.label.y + b.label.height <= 600, JSON.stringify(b));
  }
});

test('the WebSocket transport queues calls until open, matches answers by id and passes events', async () => {
  const sent: string[] = [];
  const sock = { readyState: 0, send: (d: string) => sent.push(d), close() {}, onopen: null, onclose: null, onmessage: null } as {
    readyState: number; send(d: string): void; close(): void; onopen: ((e: unknown) => void) | null; onclose: ((e: unknown) => void) | null; onmessage: ((e: { data: unknown }) => void) | null;
  };
  const t = wsTransport('ws://127.0.0.1:1/tok/ws', () => sock);
  const events: unknown[] = [];
  t.subscribe((c, p) => events.push([c, p]));
  const answer = t.invoke('settings:get', {});
  assert.equal(sent.length, 0);
  sock.readyState = 1;
  sock.onopen!({});
  assert.deepEqual(JSON.parse(sent[0]!), { id: 1, channel: 'settings:get', input: {} });
  sock.onmessage!({ data: JSON.stringify({ kind: 'result', id: 1, result: { ok: true, value: 5 } }) });
  assert.deepEqual(await answer, { ok: true, value: 5 });
  sock.onmessage!({ data: JSON.stringify({ kind: 'event', channel: 'run:event', payload: { type: 'notice' } }) });
  sock.onmessage!({ data: 'garbage' });
  assert.deepEqual(events, [['run:event', { type: 'notice' }]]);
});
