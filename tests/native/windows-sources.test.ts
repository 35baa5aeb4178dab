/**
 * The addon's Windows sources (native/src/win) compile: Debian's mingw-w64 checks them with -fsyntax-only against
 * the same Node-API and node-addon-api headers the Linux build uses (scripts/setup.sh installs the compiler).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { aptInstallLine } from '../support/xvfb.js';

const native = fileURLToPath(new URL('../../native/', import.meta.url));
const CXX = 'x86_64-w64-mingw32-g++';

test('native/src/win/win.cc (SendInput with KEYEVENTF_UNICODE, per-monitor DPI) compiles for 64-bit Windows with mingw-w64', () => {
  const has = spawnSync('sh', ['-c', `command -v ${CXX}`]).status === 0;
  assert.ok(has, `${CXX} is missing: ${aptInstallLine(['g++-mingw-w64-x86-64-posix'])} (bash scripts/setup.sh installs it)`);
  const r = spawnSync(CXX, ['-fsyntax-only', '-std=c++17', '-Wall', '-Wextra', '-Werror', '-Wno-unused-parameter', '-Wno-cast-function-type',
    '-D_WIN32_WINNT=0x0A00', '-DWINVER=0x0A00', '-DNAPI_CPP_EXCEPTIONS', '-I/usr/include/node', '-I../node_modules/node-addon-api',
    'src/addon.cc', 'src/win/win.cc'], { cwd: native, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stderr);
});
