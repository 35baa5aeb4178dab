/**
 * Settings' element sources (issue #15): the screen parser and the accessibility tree can each be turned off, in
 * plain words, and the last tree read's note (an application that exposes no tree) is shown there.
 */
import { testWindow } from './test-dom.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act } from 'react';
import type { RunEvent } from '../electron/common/run-events.js';
import { fakeTransport } from './test-support.js';
import { mountApp } from './test-mount.js';

async function mount(events: RunEvent[] = []) {
  const t = fakeTransport();
  t.answers['models:list'] = () => ({ ok: true, value: { dir: '/models', models: [] } });
  t.answers['run:events'] = () => ({ ok: true, value: { events } });
  const { root, unmount } = await mountApp(t);
  const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(label)) as HTMLButtonElement;
  await act(async () => button('Settings').click());
  const box = (label: string) => [...root.querySelectorAll('fieldset.sources label')].find((l) => l.textContent?.startsWith(label))?.querySelector('input') as HTMLInputElement | undefined;
  const toggle = (label: string) => act(async () => box(label)!.dispatchEvent(new testWindow.MouseEvent('click', { bubbles: true }) as unknown as Event));
  const submit = () => act(async () => (root.querySelector('form.settings') as HTMLFormElement).requestSubmit());
  const sources = () => root.querySelector('fieldset.sources')?.textContent ?? '';
  return { t, root, box, toggle, submit, sources, unmount };
}

test('settings: each element source is a check box with a sentence saying what it does, both on by default', async () => {
  const m = await mount();
  assert.equal(m.box('Screen parser')?.checked, true);
  assert.equal(m.box('Accessibility tree')?.checked, true);
  assert.match(m.sources(), /reads the screenshot/i);
  assert.match(m.sources(), /asks the applications/i);
  assert.doesNotMatch(m.sources(), /--/, 'no command-line flag in the GUI');
  await m.unmount();
});

test('settings: turning the accessibility tree off is saved, and the last source left on cannot be turned off', async () => {
  const m = await mount();
  await m.toggle('Accessibility tree');
  assert.equal(m.box('Accessibility tree')?.checked, false);
  assert.equal(m.box('Screen parser')?.disabled, true, 'with the tree off the screen parser stays on');
  await m.submit();
  const set = m.t.calls.filter((c) => c.channel === 'settings:set').at(-1)?.input as { sources?: unknown };
  assert.deepEqual(set?.sources, { vision: true, accessibility: false });
  await m.unmount();
});

test("settings: the last tree read's note names the application that exposes no tree", async () => {
  const note = 'Chromium exposes no accessibility tree. Close it and start it again with accessibility turned on; until then the screen parser finds its elements.';
  const m = await mount([
    { type: 'run_started', runId: 'r1', goal: 'click Save', planner: 'command', at: 1 },
    { type: 'perceived', step: 0, frameId: 'f0', elements: [], ms: 5, tree: { nodes: 0, ms: 4, app: 'Chromium', note } },
  ]);
  assert.ok(m.sources().includes(note), m.sources());
  await m.unmount();
});
