/**
 * Settings' graphics card memory (#16, shells/magma-memory-plan.ts): a person with a 24 GB card says so in Settings
 * instead of an environment variable; empty means "plan for 8 GB", saved as 0.
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
  await act(async () => button('Settings').click());
  const label = () => root.querySelector('label.gpu-memory');
  const input = () => label()?.querySelector('input') as HTMLInputElement;
  const type = (v: string) => act(async () => {
    // React tracks the value through the native setter; setting it and sending "input" is what typing does.
    Object.getOwnPropertyDescriptor(testWindow.HTMLInputElement.prototype, 'value')!.set!.call(input(), v);
    input().dispatchEvent(new testWindow.Event('input', { bubbles: true }) as unknown as Event);
  });
  const submit = () => act(async () => (root.querySelector('form.settings') as HTMLFormElement).requestSubmit());
  const saved = () => t.calls.filter((c) => c.channel === 'settings:set').at(-1)?.input as { gpuMemoryGB?: unknown } | undefined;
  const hint = () => label()?.nextElementSibling?.textContent ?? '';
  return { label, input, type, submit, saved, hint, unmount };
}

test('settings: the card memory field is empty (plan for 8 GB) until said, and says what 16 GB or more changes', async () => {
  const m = await mount();
  assert.match(m.label()?.textContent ?? '', /Graphics card memory \(GB\)/);
  assert.equal(m.input().value, '');
  assert.equal(m.input().placeholder, '8');
  assert.match(m.hint(), /16 GB or more/);
  assert.match(m.hint(), /plans for 8 GB/);
  assert.doesNotMatch(m.hint(), /MAGMA_DESK_|--/, 'no environment variable or flag in the GUI');
  await m.unmount();
});

test('settings: a 24 GB card is saved as 24, and emptying the field saves 0 (not said)', async () => {
  const m = await mount();
  await m.type('24');
  await m.submit();
  assert.equal(m.saved()?.gpuMemoryGB, 24);
  await m.type('');
  await m.submit();
  assert.equal(m.saved()?.gpuMemoryGB, 0);
  await m.unmount();
});
