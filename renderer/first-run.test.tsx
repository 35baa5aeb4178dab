import { testWindow } from './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import { COMMAND_EXAMPLE, type BrainNeed, type BrainStatus, type DetectedServer } from '../electron/common/brain.js';
import { DEFAULT_SETTINGS, type Settings } from '../electron/common/ipc-contract.js';
import type { RunEvent } from '../electron/common/run-events.js';
import { fakeTransport } from './test-support.js';
import { mountApp } from './test-mount.js';

const example = COMMAND_EXAMPLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMMANDS: BrainStatus = { planner: 'command', brain: 'commands (no model)', display: 'screen, 1280x800', works: 'Commands like "click 7" work; questions (Q:) and plain-language goals need a model.' };
const OLLAMA: DetectedServer = {
  kind: 'ollama', port: 11434, baseUrl: 'http://127.0.0.1:11434/v1', found: true,
  models: [{ id: 'qwen2.5vl:7b', vision: 'yes' }, { id: 'llama3.2:3b', vision: 'no' }],
};
const closed = (kind: DetectedServer['kind'], port: number): DetectedServer => ({ kind, port, baseUrl: `http://127.0.0.1:${port}/v1`, found: false, models: [], note: `nothing listens on port ${port}` });
const NEED_MODEL: BrainNeed = { need: 'model', message: 'Command mode only runs commands such as "click 7". This looks like a plain-language goal, which needs a model.', fixes: ['use-server', 'get-magma', 'use-commands', 'open-settings'] };
const NEED_Q: BrainNeed = { need: 'model', message: 'Command mode cannot answer questions: a goal that starts with "Q:" needs a model.', fixes: ['use-server', 'get-magma', 'open-settings'] };

async function mount(settings: Settings = DEFAULT_SETTINGS) {
  const w = testWindow;
  const t = fakeTransport();
  t.answers['settings:get'] = () => ({ ok: true, value: settings });
  t.answers['brain:status'] = () => ({ ok: true, value: COMMANDS });
  t.answers['servers:detect'] = () => ({ ok: true, value: { servers: [OLLAMA, closed('lmstudio', 1234), closed('vllm', 8000), closed('llamacpp', 8080)] } });
  const { store, root, unmount } = await mountApp(t);
  const button = (label: string, within: ParentNode = root) => [...within.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) as HTMLButtonElement | undefined;
  const click = (b: HTMLButtonElement | undefined) => act(async () => {
    assert.ok(b, 'the button is there');
    b.click();
  });
  const region = (name: string) => [...root.querySelectorAll('[role="region"]')].find((e) => {
    const by = e.getAttribute('aria-labelledby');
    return (by ? document.getElementById(by)?.textContent : e.getAttribute('aria-label')) === name;
  });
  const goal = () => root.querySelector('#goal') as HTMLInputElement;
  const submit = async (text: string) => {
    await act(async () => {
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(goal()), 'value')!.set!.call(goal(), text);
      goal().dispatchEvent(new w.Event('input', { bubbles: true }) as unknown as Event);
    });
    await act(async () => (root.querySelector('.goal-box form') as HTMLFormElement).requestSubmit());
  };
  const push = async (...events: RunEvent[]) => act(async () => events.forEach((e) => t.push('run:event', e)));
  return { t, store, root, button, click, region, goal, submit, push, unmount: () => unmount };
}

test('the first-run card offers the three brains and looks for servers only while it is open', async () => {
  const m = await mount();
  const card = m.region('Choose how Magma Desk plans its steps');
  assert.ok(card, 'the first-run card shows');
  assert.match(card.textContent ?? '', new RegExp(`Try ${example} on a calculator`));
  assert.match(card.textContent ?? '', /section "Magma-8B on your GPU"/);
  assert.match(card.textContent ?? '', /about 8 GB of GPU memory at int4/);
  assert.match(card.textContent ?? '', /Ollama on 127\.0\.0\.1:11434/);
  assert.match(card.textContent ?? '', /qwen2\.5vl:7b sees images/);
  assert.match(card.textContent ?? '', /llama3\.2:3b text only: it can't see the screen/);
  assert.equal(m.button('Use llama3.2:3b', card), undefined, 'a text-only model is not offered');
  assert.equal(m.t.calls.filter((c) => c.channel === 'servers:detect').length, 1);

  await m.click(m.button('Use qwen2.5vl:7b', card));
  const set = m.t.calls.find((c) => c.channel === 'settings:set');
  assert.deepEqual(set?.input, { planner: 'openai', endpoint: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5vl:7b', family: 'auto' }, onboarded: true });
  assert.equal(m.region('Choose how Magma Desk plans its steps'), undefined, 'answered: the card is gone');
  await m.unmount();
});

test('once answered the first-run card stays away and nothing is probed; "Use commands" answers it', async () => {
  const m = await mount({ ...DEFAULT_SETTINGS, onboarded: true });
  assert.equal(m.region('Choose how Magma Desk plans its steps'), undefined);
  assert.equal(m.t.calls.filter((c) => c.channel === 'servers:detect').length, 0, 'no server is probed with no card or Settings open');
  await m.unmount();
  const n = await mount();
  await n.click(n.button('Use commands'));
  assert.deepEqual(n.t.calls.find((c) => c.channel === 'settings:set')?.input, { planner: 'command', onboarded: true });
  await n.unmount();
});

test('the status strip names the brain, the display and what works now', async () => {
  const m = await mount({ ...DEFAULT_SETTINGS, onboarded: true });
  const strip = m.region('brain and display');
  assert.ok(strip);
  assert.match(strip.textContent ?? '', /Brain: commands \(no model\)/);
  assert.match(strip.textContent ?? '', /Display: screen, 1280x800/);
  assert.match(strip.textContent ?? '', /questions \(Q:\) and plain-language goals need a model/);
  // A brain change (from any window) is shown at once.
  m.t.answers['brain:status'] = () => ({ ok: true, value: { ...COMMANDS, planner: 'openai', brain: 'qwen2.5vl:7b on 127.0.0.1:11434' } });
  await act(async () => m.t.push('settings:changed', { ...DEFAULT_SETTINGS, onboarded: true, planner: 'openai' }));
  assert.match(m.region('brain and display')?.textContent ?? '', /Brain: qwen2\.5vl:7b on 127\.0\.0\.1:11434/);
  await m.unmount();
});

test('a goal the brain cannot do: the card says what is needed, the goal stays, the previous run leaves the view', async () => {
  const m = await mount({ ...DEFAULT_SETTINGS, onboarded: true });
  await m.push(
    { type: 'run_started', runId: 'r0', goal: 'Q: old question', planner: 'magma', at: 1 },
    { type: 'answer', step: 0, text: 'An old answer.' },
    { type: 'run_finished', status: 'done', reason: 'answered', at: 2 },
  );
  assert.match(m.root.textContent ?? '', /An old answer\./);
  m.t.answers['run:start'] = () => ({ ok: true, value: { refused: NEED_MODEL } });
  await m.submit('open the calculator');
  const card = m.region('This goal needs a model');
  assert.ok(card, 'the card shows');
  assert.match(card.textContent ?? '', /plain-language goal, which needs a model/);
  assert.match(card.textContent ?? '', /your goal is still in the box/);
  assert.match(card.textContent ?? '', new RegExp(`for example ${example} on a calculator`));
  assert.equal(m.goal().value, 'open the calculator', 'the typed goal stays');
  assert.doesNotMatch(m.root.textContent ?? '', /An old answer\.|old question|Finished/, "the previous run's status and answer are gone");
  assert.equal(m.root.querySelector('.goal-box .status'), null);
  assert.match(card.textContent ?? '', /Ollama on 127\.0\.0\.1:11434/, 'local servers are offered');

  await m.click(m.button('Get Magma-8B', card));
  assert.match(card.textContent ?? '', /section "Magma-8B on your GPU"/);
  await m.click(m.button('Use qwen2.5vl:7b', card));
  assert.deepEqual(m.t.calls.filter((c) => c.channel === 'settings:set').at(-1)?.input, { planner: 'openai', endpoint: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5vl:7b', family: 'auto' } });
  await act(async () => m.t.push('settings:changed', { ...DEFAULT_SETTINGS, onboarded: true, planner: 'openai' }));
  assert.equal(m.region('This goal needs a model'), undefined, 'the brain changed: the card goes');
  assert.equal(m.goal().value, 'open the calculator', 'and the goal is still there to run');
  await m.unmount();
});

test('a "Q:" question in command mode: the card, the goal kept, and Open Settings goes to Settings', async () => {
  const m = await mount({ ...DEFAULT_SETTINGS, onboarded: true });
  m.t.answers['run:start'] = () => ({ ok: true, value: { refused: NEED_Q } });
  await m.submit('Q: what is on the screen?');
  const card = m.region('This goal needs a model');
  assert.ok(card);
  assert.match(card.textContent ?? '', /cannot answer questions/);
  assert.equal(m.goal().value, 'Q: what is on the screen?');
  assert.equal(m.button('Use command mode', card), undefined, 'command mode is not offered for a question');
  await m.click(m.button('Open Settings', card));
  assert.equal(m.store.getState().view, 'settings');
  assert.ok(m.root.querySelector('[aria-label="local model servers"]'), 'Settings lists local servers too');
  await m.unmount();
});

test('a started run clears the card; a goal that runs clears the box', async () => {
  const m = await mount({ ...DEFAULT_SETTINGS, onboarded: true });
  m.t.answers['run:start'] = () => ({ ok: true, value: { refused: NEED_MODEL } });
  await m.submit('open the calculator');
  assert.ok(m.region('This goal needs a model'));
  m.t.answers['run:start'] = () => ({ ok: true, value: { runId: 'r1' } });
  await m.submit('click 7');
  assert.equal(m.goal().value, '');
  await m.push({ type: 'run_started', runId: 'r1', goal: 'click 7', planner: 'command', at: 3 });
  assert.equal(m.region('This goal needs a model'), undefined);
  await m.unmount();
});

test("the goal box's example is one the brain can do: the README's command example in command mode, a plain goal or Q: with a model", async () => {
  const m = await mount({ ...DEFAULT_SETTINGS, onboarded: true });
  assert.equal(m.goal().placeholder, `e.g. "${COMMAND_EXAMPLE}"`);
  await m.unmount();
  const n = await mount({ ...DEFAULT_SETTINGS, onboarded: true, planner: 'openai' });
  assert.match(n.goal().placeholder, /Q: /);
  assert.doesNotMatch(n.goal().placeholder, /click/);
  await n.unmount();
});
