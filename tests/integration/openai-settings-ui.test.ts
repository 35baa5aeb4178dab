/**
 * The settings page's model-server fields, health check, key storage and installed-model list, rendered with the
 * real components against a recording transport (happy-dom).
 */
import { testWindow } from '../../renderer/test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import { fakeTransport } from '../../renderer/test-support.js';
import { mountApp } from '../../renderer/test-mount.js';

async function mount() {
  const t = fakeTransport();
  t.answers['models:list'] = () => ({
    ok: true,
    value: {
      dir: '/models',
      models: [
        { name: 'magma-int4', dir: '/models/magma-int4', kind: 'magma', licence: 'MIT', precision: 'int4', files: 6, bytes: 5_400_000_000 },
        { name: 'icons', dir: '/models/icons', kind: 'file', licence: 'AGPL-3.0', files: 1, bytes: 20_000_000, problem: 'missing file icons.onnx' },
      ],
    },
  });
  t.answers['endpoint:health'] = () => ({ ok: true, value: { ok: true, message: 'the server answers and serves qwen2.5vl:7b', latencyMs: 12, models: ['qwen2.5vl:7b'], family: 'qwen2.5-vl', keyStored: false, keyBackend: 'encrypted-file', keyWarning: 'hidden from settings and logs' } });
  t.answers['endpoint:set-key'] = (i) => ({ ok: true, value: { stored: Boolean((i as { key: string }).key), backend: 'encrypted-file' } });
  const { root, unmount } = await mountApp(t);
  const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(label)) as HTMLButtonElement | undefined;
  const click = (label: string) => act(async () => button(label)!.click());
  const type = (input: HTMLInputElement, value: string) =>
    act(async () => {
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!.call(input, value);
      input.dispatchEvent(new testWindow.Event('input', { bubbles: true }) as unknown as Event);
    });
  const labelled = (text: string) => [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(text))?.querySelector('input, select') as HTMLInputElement;
  await click('Settings');
  return { t, root, click, type, labelled, unmount: () => unmount };
}

test('settings: the installed models are listed, and a Magma bundle can be picked', async () => {
  const m = await mount();
  const table = m.root.querySelector('table[aria-label="installed models"]');
  assert.ok(table, 'the model list is shown');
  assert.match(table.textContent ?? '', /magma-int4magmaint45\.40 GBMIT/);
  assert.match(table.textContent ?? '', /missing file icons\.onnx/);
  await m.click('Use');
  await act(async () => (m.root.querySelector('form.settings') as HTMLFormElement).requestSubmit());
  const set = m.t.calls.find((c) => c.channel === 'settings:set')?.input as { modelBundle: string };
  assert.equal(set.modelBundle, '/models/magma-int4');
  await m.unmount();
});

test('settings: the endpoint fields are saved, the server is checked with the draft, and the key goes only to endpoint:set-key', async () => {
  const m = await mount();
  await m.type(m.labelled('Server base URL'), 'http://127.0.0.1:8000/v1');
  await m.type(m.labelled('Model id'), 'ui-tars-1.5-7b');
  await m.type(m.labelled('API key'), 'sk-typed-key');
  await m.click('Check server');
  const health = m.t.calls.find((c) => c.channel === 'endpoint:health')?.input as { endpoint: { baseUrl: string; model: string } };
  assert.equal(health.endpoint.baseUrl, 'http://127.0.0.1:8000/v1');
  assert.equal(health.endpoint.model, 'ui-tars-1.5-7b');
  assert.match(m.root.querySelector('[aria-label="server health"]')?.textContent ?? '', /Server OK: the server answers and serves qwen2\.5vl:7b \(12 ms\)\. Family: qwen2\.5-vl\. Key: none\. hidden from settings/);
  await m.click('Store key');
  assert.deepEqual(m.t.calls.find((c) => c.channel === 'endpoint:set-key')?.input, { key: 'sk-typed-key', baseUrl: 'http://127.0.0.1:8000/v1' });
  assert.match(m.root.textContent ?? '', /Key stored \(encrypted-file\)/);
  await act(async () => (m.root.querySelector('form.settings') as HTMLFormElement).requestSubmit());
  const set = m.t.calls.find((c) => c.channel === 'settings:set')?.input as { endpoint: { baseUrl: string; model: string } };
  assert.equal(set.endpoint.baseUrl, 'http://127.0.0.1:8000/v1');
  assert.ok(!JSON.stringify(set).includes('sk-typed-key'), 'the key is not part of the settings');
  await m.unmount();
});
