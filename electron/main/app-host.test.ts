import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { EVENT_CHANNELS, EVENTS, REQUEST_CHANNELS, REQUESTS, type Result } from '../common/ipc-contract.js';
import type { RunEvent } from '../common/run-events.js';
import { scriptedEngine } from '../../tests/e2e/scripted-engine.js';
import { createAppHost } from './app-host.js';

const clicks = [
  { kind: 'click' as const, target: { mark: 0 } },
  { kind: 'click' as const, target: { mark: 1 } },
];

function hostWith(engine = scriptedEngine({ actions: clicks }), dataDir?: string) {
  const host = createAppHost({ engineFactory: () => engine, shell: 'browser', ...(dataDir ? { dataDir } : {}) });
  const events: RunEvent[] = [];
  host.subscribe((channel, payload) => {
    if (channel === 'run:event') events.push(payload as RunEvent);
  });
  return { host, engine, events };
}

async function until(f: () => boolean, ms = 2000) {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 2));
  }
}
const value = <T>(r: Result<unknown>) => {
  assert.equal(r.ok, true, r.ok ? '' : r.error);
  return (r as { value: T }).value;
};

test('every request channel has an input and output schema and a handler, and every event a schema', () => {
  assert.deepEqual(Object.keys(REQUESTS).sort(), [...REQUEST_CHANNELS].sort());
  assert.deepEqual(Object.keys(EVENTS).sort(), [...EVENT_CHANNELS].sort());
  const { host } = hostWith();
  for (const c of REQUEST_CHANNELS) {
    assert.match(c, /^[a-z]+:[a-z-]+$/);
    assert.equal(typeof host.handlers[c], 'function', c);
  }
});

test('an unknown channel and a malformed input are refused with an error, never thrown', async () => {
  const { host } = hostWith();
  assert.deepEqual(await host.dispatch('shell:exec', {}), { ok: false, error: 'unknown channel "shell:exec"' });
  assert.equal((await host.dispatch('__proto__', {})).ok, false);
  assert.equal((await host.dispatch('run:start', { goal: '' })).ok, false);
  assert.equal((await host.dispatch('run:start', { goal: 'x', extra: 1 })).ok, false);
});

test('approving each step executes each step and the run ends done', async () => {
  const { host, engine, events } = hostWith();
  value(await host.dispatch('run:start', { goal: 'click 7; click *' }));
  for (let step = 0; step < 2; step++) {
    await until(() => host.state().status === 'awaiting_approval');
    const id = host.state().pending!.id;
    assert.deepEqual(value(await host.dispatch('approval:decide', { approvalId: id, verdict: 'approve' })), { accepted: true });
  }
  await host.idle();
  assert.equal(engine.executed.length, 2);
  assert.equal(host.state().status, 'done');
  assert.equal(events.at(-1)?.type, 'run_finished');
});

test('a decision naming another approval id is refused and nothing is executed', async () => {
  const { host, engine } = hostWith();
  value(await host.dispatch('run:start', { goal: 'g' }));
  await until(() => host.state().status === 'awaiting_approval');
  const r = value<{ accepted: boolean }>(await host.dispatch('approval:decide', { approvalId: 'appr-forged-000', verdict: 'approve' }));
  assert.equal(r.accepted, false);
  assert.equal(engine.executed.length, 0);
  host.stop();
  await host.idle();
  assert.equal(engine.executed.length, 0);
  assert.equal(host.state().status, 'stopped');
});

test('skip executes nothing for that step; stop at the prompt ends the run', async () => {
  const { host, engine } = hostWith();
  value(await host.dispatch('run:start', { goal: 'g' }));
  await until(() => host.state().status === 'awaiting_approval');
  value(await host.dispatch('approval:decide', { approvalId: host.state().pending!.id, verdict: 'skip' }));
  await until(() => host.state().pending?.step === 1);
  value(await host.dispatch('approval:decide', { approvalId: host.state().pending!.id, verdict: 'stop' }));
  await host.idle();
  assert.deepEqual(engine.executed, []);
  assert.equal(host.state().status, 'stopped');
});

test('the emergency stop aborts a run mid-step and no further step runs', async () => {
  const engine = scriptedEngine({ actions: clicks, stepDelayMs: 200 });
  const { host } = hostWith(engine);
  value(await host.dispatch('run:start', { goal: 'g' }));
  await until(() => host.state().status === 'awaiting_approval');
  value(await host.dispatch('approval:decide', { approvalId: host.state().pending!.id, verdict: 'approve' }));
  assert.equal(host.stop('emergency stop'), true);
  await host.idle();
  assert.equal(engine.executed.length, 1);
  assert.equal(host.state().status, 'stopped');
  assert.equal(value<{ stopped: boolean }>(await host.dispatch('run:stop', {})).stopped, false);
});

test('an expired approval cannot be approved', async () => {
  const { host, engine } = hostWith(scriptedEngine({ actions: clicks, expiresInMs: -1 }));
  value(await host.dispatch('run:start', { goal: 'g' }));
  await until(() => host.state().status === 'awaiting_approval');
  const r = value<{ accepted: boolean; reason?: string }>(await host.dispatch('approval:decide', { approvalId: host.state().pending!.id, verdict: 'approve' }));
  assert.deepEqual(r, { accepted: false, reason: 'this approval expired' });
  host.stop();
  await host.idle();
  assert.equal(engine.executed.length, 0);
});

test('only one run at a time; a Q: goal ends with an answer', async () => {
  const { host } = hostWith();
  value(await host.dispatch('run:start', { goal: 'g' }));
  const second = await host.dispatch('run:start', { goal: 'again' });
  assert.equal(second.ok, false);
  host.stop();
  await host.idle();
  value(await host.dispatch('run:start', { goal: 'Q: what is on screen?' }));
  await host.idle();
  assert.equal(host.state().answer, 'The display shows a calculator.');
  assert.equal(host.state().status, 'done');
  const { events } = value<{ events: RunEvent[] }>(await host.dispatch('run:events', {}));
  assert.equal(events[0]?.type, 'run_started');
});

test('settings persist to the data folder and history is kept only when on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'magma-host-'));
  const { host } = hostWith(undefined, dir);
  value(await host.dispatch('run:start', { goal: 'Q: one' }));
  await host.idle();
  assert.equal(value<{ runs: unknown[] }>(await host.dispatch('history:list', {})).runs.length, 0);
  assert.equal(existsSync(join(dir, 'history.jsonl')), false);
  const s = value<{ history: boolean; maxSteps: number }>(await host.dispatch('settings:set', { history: true, maxSteps: 7, hotkeys: { stop: 'Control+Alt+K' } }));
  assert.equal(s.history, true);
  assert.equal(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).hotkeys.stop, 'Control+Alt+K');
  value(await host.dispatch('run:start', { goal: 'Q: two' }));
  await host.idle();
  const list = value<{ runs: { runId: string; goal: string }[] }>(await host.dispatch('history:list', {}));
  assert.equal(list.runs.length, 1);
  assert.equal(list.runs[0]!.goal, 'Q: two');
  const got = value<{ events: RunEvent[] }>(await host.dispatch('history:get', { runId: list.runs[0]!.runId }));
  assert.equal(got.events.filter((e) => e.type === 'reasoning').length, 1, 'reasoning tokens are merged per step');
  // A new host on the same folder sees the same settings and history.
  const again = createAppHost({ engineFactory: () => scriptedEngine({ actions: [] }), shell: 'browser', dataDir: dir });
  assert.equal(again.settings().maxSteps, 7);
  assert.equal(value<{ runs: unknown[] }>(await again.dispatch('history:list', {})).runs.length, 1);
  assert.equal(value<{ cleared: number }>(await again.dispatch('history:clear', {})).cleared, 1);
  assert.equal(existsSync(join(dir, 'history.jsonl')), false);
  assert.equal((await again.dispatch('settings:set', { maxSteps: 0 })).ok, false);
});

test('an engine that cannot start is reported, not thrown', async () => {
  const host = createAppHost({ engineFactory: () => { throw new Error('no model bundle'); }, shell: 'browser' });
  const r = await host.dispatch('run:start', { goal: 'g' });
  assert.deepEqual(r, { ok: false, error: 'the engine could not start: no model bundle' });
  const info = value<{ engineReady: boolean; engineError?: string }>(await host.dispatch('app:info', {}));
  assert.equal(info.engineReady, false);
  assert.equal(info.engineError, 'no model bundle');
});

test('S12: random payloads on every channel never crash the host and never cause input', async () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
  const engine = scriptedEngine({ actions: clicks });
  // Get Magma-8B is fuzzed too: its Hub calls fail at once here (no network, no wait on a remote host) and its
  // store is a temporary folder, so the fuzz neither contacts huggingface.co nor writes into the user's models.
  const modelsDir = mkdtempSync(join(tmpdir(), 'magma-fuzz-models-'));
  const noNetwork = async (): Promise<Response> => {
    throw new Error('no network in this test');
  };
  const host = createAppHost({ engineFactory: () => engine, shell: 'browser', modelsDir, magmaGet: { fetch: noNetwork } });
  const payload = fc.oneof(
    fc.anything(),
    fc.record({ goal: fc.string(), approvalId: fc.string(), verdict: fc.constantFrom('approve', 'skip', 'edit', 'stop', 'x'), runId: fc.string(), approveRest: fc.anything() }, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('planner', 'maxSteps', 'history', 'hotkeys', 'provider', '__proto__', 'constructor'), fc.anything()),
  );
  for (const channel of [...REQUEST_CHANNELS, 'nope:x', 'constructor', 'toString']) {
    if (channel === 'history:clear') continue;
    await fc.assert(
      fc.asyncProperty(payload, async (input) => {
        const r = await host.dispatch(channel, input);
        assert.equal(typeof r.ok, 'boolean');
        if (!r.ok) assert.equal(typeof r.error, 'string');
      }),
      { numRuns: runs },
    );
  }
  host.stop();
  await host.idle();
  assert.deepEqual(engine.executed, [], 'no action ran without a matching approval');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
