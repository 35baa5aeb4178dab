import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessibilitySource } from '../agent/ports.js';
import { lazyAccessibility, platformAccessibility, RETRY_MS } from './accessibility.js';

function fakeSource(log: string[]): AccessibilitySource {
  return { read: async () => (log.push('read'), { nodes: [], ms: 1 }), close: async () => void log.push('close') };
}

test('the tree source is made on the first read, reused after, and closed once at exit', async () => {
  const log: string[] = [];
  let made = 0;
  const s = lazyAccessibility(async () => (made++, fakeSource(log)));
  assert.equal(made, 0, 'nothing is made before a run reads');
  await s.read();
  await s.read();
  assert.equal(made, 1);
  await s.close();
  assert.deepEqual(log, ['read', 'read', 'close']);
});

test("a source that cannot be made gives its sentence to the run, and is tried again only after a while", async () => {
  let t = 0;
  let tries = 0;
  const s = lazyAccessibility(async () => {
    tries++;
    if (tries === 1) throw new Error('The accessibility bus is not running: install at-spi2-core and log in again.');
    return fakeSource([]);
  }, () => t);
  await assert.rejects(s.read(), /install at-spi2-core/);
  t += 1000;
  await assert.rejects(s.read(), /install at-spi2-core/);
  assert.equal(tries, 1, 'not tried again at every step');
  t += RETRY_MS;
  assert.deepEqual(await s.read(), { nodes: [], ms: 1 });
  assert.equal(tries, 2);
  await s.close();
});

test('on Linux the app reads AT-SPI: without a session bus the run is told why in plain words, and nothing else breaks', async () => {
  const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
  delete process.env.DBUS_SESSION_BUS_ADDRESS;
  try {
    const s = platformAccessibility('/nonexistent-data-dir', 'linux');
    assert.ok(s, 'Linux has a tree source');
    await assert.rejects(s.read(), /no D-Bus session bus.*screen parser/);
    await s.close();
  } finally {
    if (saved !== undefined) process.env.DBUS_SESSION_BUS_ADDRESS = saved;
  }
  assert.equal(platformAccessibility('/x', 'darwin'), undefined, 'macOS: vision only for now');
});
