/**
 * The .deb's Depends (build/electron-builder.yml) cover what the app really loads: the libraries the platform addon
 * opens at run time (it names their Debian packages), the packages of the libraries ldd finds for it, and
 * libvulkan1 (WebGPU); and none of the X tools the app used to spawn.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadNativeAddon, type X11Addon } from '../../electron/adapters/native-addon.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The Debian package that owns a library file (tried with and without the /usr prefix of a merged /usr). */
function owner(path: string): string | undefined {
  for (const p of [path, path.startsWith('/usr/') ? path.slice(4) : `/usr${path}`]) {
    const r = spawnSync('dpkg', ['-S', p], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.split(':')[0]!.trim();
  }
  return undefined;
}

test('every library the addon opens or links, and libvulkan1, is a Depends of the .deb; no X tool is', () => {
  const depends = (parse(readFileSync(`${repo}build/electron-builder.yml`, 'utf8')) as { deb: { depends: string[] } }).deb.depends;
  const addon = loadNativeAddon() as X11Addon;
  const opened = addon.libraries().map((l) => l.package);
  const file = loadedAddonFile();
  const linked = [...spawnSync('ldd', [file], { encoding: 'utf8' }).stdout.matchAll(/=> (\S+)/g)].map((m) => owner(m[1]!));
  assert.ok(!linked.includes(undefined), 'a linked library has no Debian package');
  const needed = [...new Set([...opened, ...(linked as string[]), 'libvulkan1'])];
  assert.deepEqual(needed.filter((p) => !depends.includes(p)), [], 'missing from deb.depends');
  assert.deepEqual(depends.filter((p) => ['xdotool', 'x11-utils', 'x11-xserver-utils', 'xclip', 'xsel'].includes(p)), []);
});

function loadedAddonFile(): string {
  // The same file the app loads: node-gyp-build's choice for native/.
  const r = spawnSync(process.execPath, ['-e', `process.stdout.write(require('node-gyp-build').resolve(${JSON.stringify(`${repo}native`)}))`], { cwd: repo, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
