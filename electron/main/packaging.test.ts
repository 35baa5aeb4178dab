import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
interface Config {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; extendInfo: Record<string, unknown> };
  deb: { depends: string[] };
}
const config = parse(readFileSync(join(root, 'build', 'electron-builder.yml'), 'utf8')) as Config;

test('the packaging config builds AppImage and deb, nsis, and dmg', () => {
  assert.match(config.appId, /^[a-z]+(\.[a-z0-9]+)+$/);
  assert.equal(config.productName, 'Magma Desk');
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.ok(config.deb.depends.includes('libxtst6'), 'nut-js needs XTest');
});

test('the fuses: RunAsNode and NODE_OPTIONS off, only load from an integrity-checked asar', () => {
  const f = config.electronFuses;
  assert.equal(f.runAsNode, false);
  assert.equal(f.enableNodeOptionsEnvironmentVariable, false);
  assert.equal(f.enableNodeCliInspectArguments, false);
  assert.equal(f.onlyLoadAppFromAsar, true);
  assert.equal(f.enableEmbeddedAsarIntegrityValidation, true);
  assert.equal(f.grantFileProtocolExtraPrivileges, false);
});

test('native packages are unpacked from the asar and models are never packed', () => {
  assert.equal(config.asar, true);
  for (const p of ['onnxruntime-node', '@nut-tree-fork', 'sharp']) {
    assert.ok(config.asarUnpack.some((g) => g.startsWith(`node_modules/${p}/`)), p);
  }
  assert.ok(config.files.includes('!models/**'));
  assert.ok(!config.files.some((f) => /^models/.test(f)));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  assert.ok(config.files.some((f) => f === 'dist/electron/**/*') && pkg.main.startsWith('dist/electron/'), 'the main entry is packed');
});

test('macOS: hardened runtime, entitlements that exist, and usage strings for screen recording and input', () => {
  assert.equal(config.mac.hardenedRuntime, true);
  for (const f of [config.mac.entitlements, config.mac.entitlementsInherit]) {
    const plist = readFileSync(join(root, f), 'utf8');
    assert.match(plist, /<plist version="1.0">/);
    assert.match(plist, /com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
  }
  for (const k of ['NSScreenCaptureUsageDescription', 'NSAccessibilityUsageDescription', 'NSAppleEventsUsageDescription']) {
    assert.ok(String(config.mac.extendInfo[k] ?? '').length > 20, k);
  }
});

test('icons exist for every platform and the tray', () => {
  for (const f of ['build/icons/icon.png', 'build/icons/256x256.png', 'build/icons/tray.png']) {
    assert.ok(existsSync(join(root, f)), f);
    assert.deepEqual([...readFileSync(join(root, f)).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  }
});
