/**
 * The settings page's messages: a "Check server" result belongs to the URL, model and family it was run with,
 * and "Saved." appears only when the host saved (a refused bundle folder shows the host's reason instead).
 */
import { testWindow } from './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import { fakeTransport } from './test-support.js';
import { mountApp } from './test-mount.js';

async function mount() {
  const t = fakeTransport();
  t.answers['models:list'] = () => ({ ok: true, value: { dir: '/models', models: [] } });
  const { root, unmount } = await mountApp(t);
  const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(label)) as HTMLButtonElement;
  const click = (label: string) => act(async () => button(label).click());
  const type = (input: HTMLInputElement, value: string) =>
    act(async () => {
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!.call(input, value);
      input.dispatchEvent(new testWindow.Event('input', { bubbles: true }) as unknown as Event);
    });
  const labelled = (text: string) => [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(text))?.querySelector('input, select') as HTMLInputElement;
  const health = () => root.querySelector('[aria-label="server health"]')?.textContent;
  const submit = () => act(async () => (root.querySelector('form.settings') as HTMLFormElement).requestSubmit());
  await click('Settings');
  return { t, root, click, type, labelled, health, submit, unmount: () => unmount };
}

const problem = 'no model server answers at http://127.0.0.1:11434/v1: start it (e.g. `ollama serve`) or correct the server URL';

test('settings: the "Check server" result is cleared when the URL or the model changes', async () => {
  const m = await mount();
  m.t.answers['endpoint:health'] = () => ({ ok: true, value: { ok: false, message: problem, latencyMs: 1, models: [], family: 'generic', keyStored: false, keyBackend: 'memory' } });
  for (const field of ['Server base URL', 'Model id']) {
    await m.click('Check server');
    assert.match(m.health() ?? '', /Server problem: no model server answers/);
    await m.type(m.labelled(field), field === 'Model id' ? 'qwen2.5vl:7b' : 'http://127.0.0.1:8000/v1');
    assert.equal(m.health(), undefined, `a change of ${field} clears the old result`);
  }
  await m.unmount();
});

test('settings: an answer to a check that arrives after the URL changed is dropped', async () => {
  const m = await mount();
  let answer: (v: unknown) => void = () => undefined;
  const late = new Promise((res) => (answer = res));
  const invoke = m.t.invoke;
  m.t.invoke = (async (channel: string, input: unknown) => {
    if (channel === 'endpoint:health') {
      await late;
      return { ok: true, value: { ok: true, message: 'the server answers and serves old-model', latencyMs: 1, models: ['old-model'], family: 'generic', keyStored: false, keyBackend: 'memory' } };
    }
    return invoke(channel as never, input as never);
  }) as typeof m.t.invoke;
  await m.click('Check server');
  await m.type(m.labelled('Server base URL'), 'http://127.0.0.1:8000/v1');
  await act(async () => {
    answer(undefined);
    await late;
  });
  assert.equal(m.health(), undefined, 'the old URL\'s answer is not shown for the new one');
  await m.unmount();
});

test('settings: a refused save shows the host\'s reason and no "Saved."', async () => {
  const m = await mount();
  const reason = 'The model bundle folder "/nowhere/magma" does not exist, so the settings were not saved. Check the path, pick a Magma bundle from Installed models, or clear the field to use no model.';
  m.t.answers['settings:set'] = () => ({ ok: false, error: reason });
  await m.type(m.labelled('Model bundle folder'), '/nowhere/magma');
  await m.submit();
  assert.doesNotMatch(m.root.textContent ?? '', /Saved\./);
  const alerts = [...m.root.querySelectorAll('form.settings [role="alert"]')].map((a) => a.textContent);
  assert.ok(alerts.includes(reason), `the reason is an alert: ${alerts.join(' | ')}`);
  await m.unmount();
});
