import { testWindow } from './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import { DEFAULT_SETTINGS } from '../electron/common/ipc-contract.js';
import type { GetMagmaLocal, GetMagmaState } from '../electron/common/magma-get.js';
import { fakeTransport } from './test-support.js';
import { mountApp } from './test-mount.js';

void testWindow;
const NO_GPU: GetMagmaLocal = {
  gpu: { ok: false, message: 'No graphics card was found on this computer. Downloading and converting need no graphics card, so you can continue either way.', cards: [] },
  modelsDir: '/home/u/.local/share/magma-desk/models', freeBytes: 100e9,
  need: 'Magma-8B is downloaded from Hugging Face (about 18 GB) and converted on this computer (about 8 GB more). 100.00 GB is free in /home/u/.local/share/magma-desk/models. Nothing is contacted until you press Start.',
};
const PLAN = { repo: 'microsoft/Magma-8B', sha: 'a'.repeat(40), files: 12, totalBytes: 17.8e9, presentBytes: 0, needBytes: 25.8e9, freeBytes: 100e9, licence: 'mit' };

async function mount(view: 'settings' | 'run' = 'settings') {
  const t = fakeTransport();
  t.answers['settings:get'] = () => ({ ok: true, value: { ...DEFAULT_SETTINGS, onboarded: true } });
  t.answers['brain:status'] = () => ({ ok: true, value: { planner: 'command', brain: 'commands (no model)', display: 'screen', works: 'Commands work.' } });
  t.answers['models:list'] = () => ({ ok: true, value: { dir: NO_GPU.modelsDir, models: [] } });
  t.answers['servers:detect'] = () => ({ ok: true, value: { servers: [] } });
  t.answers['magma:gpu-check'] = () => ({ ok: true, value: NO_GPU });
  t.answers['magma:get-state'] = () => ({ ok: true, value: { phase: 'idle' } });
  t.answers['magma:get-plan'] = () => ({ ok: true, value: { phase: 'ready', plan: PLAN, message: 'Read the licence, then press Download and convert.' } });
  t.answers['magma:get-start'] = () => ({ ok: true, value: { phase: 'downloading', plan: PLAN } });
  t.answers['magma:get-cancel'] = () => ({ ok: true, value: { stopped: true } });
  const { root, unmount } = await mountApp(t, (st) => st.getState().setView(view));
  const panel = () => root.querySelector('[aria-label="Get Magma-8B"]') as HTMLElement;
  const button = (label: string) => [...(panel()?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === label) as HTMLButtonElement | undefined;
  const click = (label: string) => act(async () => {
    const b = button(label);
    assert.ok(b, `the ${label} button is there`);
    b.click();
  });
  const push = (s: GetMagmaState) => act(async () => t.push('magma:get-progress', s));
  const calls = (c: string) => t.calls.filter((x) => x.channel === c).length;
  return { t, root, panel, button, click, push, calls, unmount: () => unmount };
}

test('Settings: the GPU check shows first and nothing asks the Hub; Start shows the size and the licence before any download', async () => {
  const m = await mount();
  assert.ok(m.panel(), 'the Get Magma-8B panel is in Settings');
  assert.match(m.panel().textContent ?? '', /No graphics card was found on this computer\..*you can continue/);
  assert.match(m.panel().textContent ?? '', /Nothing is contacted until you press Start/);
  assert.equal(m.calls('magma:get-plan'), 0);
  assert.equal(m.calls('magma:get-start'), 0);
  assert.equal(m.button('Download and convert'), undefined, 'no download before the size and licence are shown');

  await m.click('Start');
  assert.equal(m.calls('magma:get-plan'), 1);
  assert.equal(m.calls('magma:get-start'), 0, 'Start only looks; the download waits for its own button');
  const plan = m.panel().querySelector('[aria-label="what will be downloaded"]')?.textContent ?? '';
  assert.match(plan, /17\.80 GB to download \(12 files of microsoft\/Magma-8B\)/);
  assert.match(plan, /Licence \(from the model card\)mit/);
  assert.match(plan, /25\.80 GB needed, 100\.00 GB free/);
  await m.click('Download and convert');
  assert.equal(m.calls('magma:get-start'), 1);
  await m.unmount();
});

test('progress shows bytes, percent and time left; Cancel turns the button into Resume; the end shows the one-step check', async () => {
  const m = await mount();
  await m.push({ phase: 'downloading', plan: PLAN, progress: { what: 'download', done: 4.45e9, total: 17.8e9, rate: 50e6, etaS: 267, item: 'model-00002-of-00004.safetensors' } });
  const status = () => m.panel().querySelector('[aria-label="progress"]')?.textContent ?? '';
  assert.equal(status(), 'Downloading: 4.45 GB of 17.80 GB (25%), 50.0 MB/s, about 4 min 27 s left');
  assert.equal((m.panel().querySelector('progress') as HTMLProgressElement).getAttribute('value'), '25');
  assert.equal(m.button('Resume'), undefined);
  await m.click('Cancel');
  assert.equal(m.calls('magma:get-cancel'), 1);
  await m.push({ phase: 'stopped', plan: PLAN, progress: { what: 'download', done: 4.45e9, total: 17.8e9 }, message: 'Stopped. What was downloaded is kept; press Resume to continue where it stopped.' });
  assert.equal(m.button('Cancel'), undefined);
  assert.ok(m.button('Resume'), 'the button reads Resume');
  assert.match(m.panel().textContent ?? '', /What was downloaded is kept; press Resume/);
  await m.click('Resume');
  assert.equal(m.calls('magma:get-start'), 1);

  await m.push({ phase: 'converting', plan: PLAN, progress: { what: 'convert', done: 50, total: 100, item: 'writing the language part', etaS: 30 } });
  assert.equal(status(), 'Converting: writing the language part (50%), about 30 s left');
  await m.push({ phase: 'done', plan: PLAN, message: 'Magma-8B is installed as magma-8b-int4 and selected as the brain.', result: { name: 'magma-8b-int4', dir: '/m/magma-8b-int4', checkOk: true, check: 'One-step check passed: Magma-8B looked at a test picture and answered on the processor (no graphics card was used, so runs will be slow) in 0.4 s.' } });
  assert.match(m.panel().textContent ?? '', /installed as magma-8b-int4 and selected/);
  assert.match(m.panel().querySelector('[aria-label="one-step check"]')?.textContent ?? '', /^One-step check passed/);
  assert.equal(m.panel().querySelectorAll('button').length, 0, 'nothing left to press');

  // The host selected the bundle (settings:changed): Settings shows it chosen and lists it among the installed models.
  m.t.answers['models:list'] = () => ({ ok: true, value: { dir: '/m', models: [{ name: 'magma-8b-int4', dir: '/m/magma-8b-int4', kind: 'magma', licence: 'mit', precision: 'int4', files: 6, bytes: 7e9 }] } });
  await act(async () => m.t.push('settings:changed', { ...DEFAULT_SETTINGS, onboarded: true, planner: 'magma', modelBundle: '/m/magma-8b-int4' }));
  const table = m.root.querySelector('table[aria-label="installed models"]')?.textContent ?? '';
  assert.match(table, /magma-8b-int4magmaint47\.00 GBmitin use/);
  assert.equal((m.root.querySelector('.settings select') as HTMLSelectElement).value, 'magma');
  await m.unmount();
});

test('an error from the pull is shown as an alert in its own words, with Try again', async () => {
  const m = await mount();
  await m.push({ phase: 'looking', message: 'Asking Hugging Face for the size and the licence of Magma-8B…' });
  assert.ok(m.button('Cancel'), 'a Hub that does not answer can be given up on');
  await m.push({ phase: 'failed', message: 'This model is gated: accept its terms at https://huggingface.co/microsoft/Magma-8B while signed in, then set HF_TOKEN to one of your access tokens and try again. What was downloaded is kept; press Try again when this is fixed.' });
  const alert = m.panel().querySelector('[role="alert"]')?.textContent ?? '';
  assert.match(alert, /^This model is gated: accept its terms/);
  await m.click('Try again');
  assert.equal(m.calls('magma:get-plan'), 1, 'with no size shown yet, Try again starts by looking it up');
  await m.unmount();
});

test('the "needs a model" card\'s Get Magma-8B opens the flow there', async () => {
  const m = await mount('run');
  m.t.answers['run:start'] = () => ({ ok: true, value: { refused: { need: 'model', message: 'This needs a model.', fixes: ['get-magma', 'use-commands'] } } });
  const goal = m.root.querySelector('#goal') as HTMLInputElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(goal), 'value')!.set!.call(goal, 'open the calculator');
    goal.dispatchEvent(new testWindow.Event('input', { bubbles: true }) as unknown as Event);
  });
  await act(async () => (m.root.querySelector('.goal-box form') as HTMLFormElement).requestSubmit());
  assert.equal(m.panel(), null);
  const open = [...m.root.querySelectorAll('button')].find((b) => b.textContent === 'Get Magma-8B')!;
  await act(async () => open.click());
  assert.ok(m.panel(), 'the flow opens in the card');
  assert.match(m.panel().textContent ?? '', /No graphics card was found/);
  assert.ok(m.button('Start'));
  await m.unmount();
});
