/**
 * The addon's Windows sources (native/src/win) compile: Debian's mingw-w64 checks them with -fsyntax-only against
 * the same Node-API and node-addon-api headers the Linux build uses (scripts/setup.sh installs the compiler). The
 * UI Automation reader (uia-read.cc, no Node-API) is also linked into a small program with the libraries
 * binding.gyp lists for Windows, so a library missing from that list fails here. Nothing runs: no Windows here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { aptInstallLine } from '../support/xvfb.js';

const native = fileURLToPath(new URL('../../native/', import.meta.url));
const CXX = 'x86_64-w64-mingw32-g++';
const FLAGS = ['-std=c++17', '-Wall', '-Wextra', '-Werror', '-Wno-unused-parameter', '-Wno-cast-function-type', '-D_WIN32_WINNT=0x0A00', '-DWINVER=0x0A00'];

function requireCompiler(): void {
  const has = spawnSync('sh', ['-c', `command -v ${CXX}`]).status === 0;
  assert.ok(has, `${CXX} is missing: ${aptInstallLine(['g++-mingw-w64-x86-64-posix'])} (bash scripts/setup.sh installs it)`);
}

/** binding.gyp's Windows condition: its sources and its libraries ("ole32.lib" -> "-lole32"). */
function windowsTarget(): { sources: string[]; libraries: string[] } {
  const gyp = JSON.parse(readFileSync(join(native, 'binding.gyp'), 'utf8').replace(/^\s*#.*$/gm, '')) as { targets: Array<{ conditions: Array<[string, { sources: string[]; libraries: string[] }]> }> };
  const win = gyp.targets[0]!.conditions.find(([when]) => when === "OS=='win'")![1];
  return { sources: win.sources, libraries: win.libraries.map((l) => `-l${l.replace(/\.lib$/, '')}`) };
}

test('native/src/win (SendInput with KEYEVENTF_UNICODE, per-monitor DPI, UI Automation) compiles for 64-bit Windows with mingw-w64', () => {
  requireCompiler();
  const { sources } = windowsTarget();
  for (const s of ['src/win/win.cc', 'src/win/uia.cc', 'src/win/uia-read.cc']) assert.ok(sources.includes(s), `binding.gyp builds ${s} on Windows`);
  const r = spawnSync(CXX, ['-fsyntax-only', ...FLAGS, '-DNAPI_CPP_EXCEPTIONS', '-I/usr/include/node', '-I../node_modules/node-addon-api',
    'src/addon.cc', ...sources], { cwd: native, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stderr);
});

test('the UI Automation reader links for Windows with the libraries binding.gyp lists (COM through ole32 and oleaut32)', () => {
  requireCompiler();
  const { libraries } = windowsTarget();
  const dir = mkdtempSync(join(tmpdir(), 'magma-uia-link-'));
  try {
    const main = join(dir, 'main.cc');
    writeFileSync(main, '#include "uia-read.h"\nint main() { return static_cast<int>(win::uia::ReadForegroundTree(10, 400).nodes.size()); }\n');
    const r = spawnSync(CXX, [...FLAGS, '-O1', '-Isrc/win', main, 'src/win/uia-read.cc', '-o', join(dir, 'uia-read.exe'), ...libraries],
      { cwd: native, encoding: 'utf8', timeout: 180_000 });
    assert.equal(r.status, 0, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
