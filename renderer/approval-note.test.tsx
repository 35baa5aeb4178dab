/**
 * Issue #13: after a suspicious screen every step asks, also normal ones, and the prompt says why. The note shows
 * on a normal step that carries reasons; a plain normal step shows none; a high-risk step keeps its own box.
 */
import './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import type { Risk } from '../electron/common/approval.js';
import type { RunEvent } from '../electron/common/run-events.js';
import { fakeTransport } from './test-support.js';
import { mountApp } from './test-mount.js';

const display = { id: '0', name: 'd', bounds: { x: 0, y: 0, width: 640, height: 400 }, scaleFactor: 1, primary: true };
const why = 'the screen shows text that tries to give the assistant instructions ("note to the ai assistant"), so "approve the rest" is off for this run and every step asks; check that this step is what you want';

async function promptFor(risk: Risk) {
  const t = fakeTransport();
  const { root, unmount } = await mountApp(t);
  const events: RunEvent[] = [
    { type: 'run_started', runId: 'r1', goal: 'tidy the report', planner: 'command', at: 1 },
    { type: 'frame', step: 1, frameId: 'f1', width: 640, height: 400, display },
    { type: 'perceived', step: 1, frameId: 'f1', elements: [{ id: 0, kind: 'button', bbox: [0, 10, 40, 40], text: 'Next', interactive: true, confidence: 1, source: 't' }], ms: 1 },
    { type: 'proposal', step: 1, action: { kind: 'click', target: { mark: 0 } }, description: 'click #0', reasoning: '' },
    { type: 'approval_requested', request: { id: 'approval-1-xyz', runId: 'r1', step: 1, action: { kind: 'click', target: { mark: 0 } }, description: 'click #0', screenPoints: [{ space: 'screen', x: 20, y: 25 }], frameId: 'f1', risk, expiresAt: Date.now() + 60_000 } },
  ];
  await act(async () => events.forEach((e) => t.push('run:event', e)));
  const text = root.querySelector('.approval')?.textContent ?? '';
  await unmount();
  return text;
}

test('a normal step that asks after a suspicious screen says why, in plain words', async () => {
  const text = await promptFor({ tier: 'normal', reasons: [why] });
  assert.match(text, /Why this step asks/);
  assert.ok(text.includes('tries to give the assistant instructions'), text);
  assert.doesNotMatch(text, /High risk/);
});

test('a plain normal step shows no note, and a high-risk step keeps its own box', async () => {
  assert.doesNotMatch(await promptFor({ tier: 'normal', reasons: [] }), /Why this step asks/);
  const high = await promptFor({ tier: 'high', reasons: ['"Release funds" moves money'] });
  assert.match(high, /High risk/);
  assert.doesNotMatch(high, /Why this step asks/);
});
