/**
 * The addon builds and loads without a network: the committed linux-x64 prebuild loads through node-gyp-build
 * (what a user's install uses) and asks nothing newer than glibc 2.31 (Debian 11, where scripts/build-native.sh
 * makes it); a source build from native/ (what node-gyp-build falls back to where no prebuild matches) compiles
 * with node-gyp against this machine's Node headers (/usr/include/node) and loads too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const load = require('node-gyp-build') as ((dir: string) => { platform: string; libraries(): { soname: string; loaded: boolean }[] }) & { resolve(dir: string): string };
const NODE_GYP = join(spawnSync('sh', ['-c', 'dirname "$(readlink -f "$(command -v npm)")"'], { encoding: 'utf8' }).stdout.trim(), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

test('the committed prebuild is what node-gyp-build picks without a local build, loads, and needs glibc 2.31 at most', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'md-prebuild-')), 'native');
  cpSync(join(repo, 'native', 'prebuilds'), join(dir, 'prebuilds'), { recursive: true });
  assert.equal(load.resolve(dir), join(dir, 'prebuilds', 'linux-x64', 'node.napi.node'));
  const addon = load(dir);
  assert.equal(addon.platform, 'x11');
  assert.equal(addon.libraries().length, 3);
  const versions = [...spawnSync('objdump', ['-T', join(dir, 'prebuilds', 'linux-x64', 'node.napi.node')], { encoding: 'utf8' }).stdout.matchAll(/GLIBC_(\d+)\.(\d+)/g)]
    .map((m) => Number(m[1]) * 1000 + Number(m[2]));
  assert.ok(versions.length > 0);
  assert.ok(Math.max(...versions) <= 2031, `needs glibc ${Math.floor(Math.max(...versions) / 1000)}.${Math.max(...versions) % 1000}`);
});

test('a source build with node-gyp and the local Node headers compiles and loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'md-srcbuild-'));
  cpSync(join(repo, 'native', 'binding.gyp'), join(dir, 'native', 'binding.gyp'));
  cpSync(join(repo, 'native', 'src'), join(dir, 'native', 'src'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  const r = spawnSync(process.execPath, [NODE_GYP, 'rebuild'], { cwd: join(dir, 'native'), env: { ...process.env, npm_config_nodedir: '/usr' }, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr.slice(-3000));
  assert.equal(load.resolve(join(dir, 'native')), join(dir, 'native', 'build', 'Release', 'magma_native.node'));
  assert.equal(load(join(dir, 'native')).platform, 'x11');
});
