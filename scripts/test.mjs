#!/usr/bin/env node
// The test command: type-check, lint, then every *.test.ts / *.test.tsx under the project through node's test
// runner. Integration and e2e tests start their own Xvfb (tests/support/xvfb.ts) and skip nothing silently:
// a missing system package fails them with the apt-get line to run.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['electron', 'renderer', 'models', 'tests', 'scripts'];
const skipDirs = new Set(['node_modules', 'dist', 'fixtures', '.git']);
function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (!skipDirs.has(name)) walk(p, out);
    } else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}
// --unit: only the unit tests (no Xvfb); other arguments pick files whose path contains one of them.
const unitOnly = process.argv.includes('--unit');
const only = process.argv.slice(2).filter((a) => a !== '--unit');
const files = roots.flatMap((r) => { try { return walk(r, []); } catch { return []; } })
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

function step(name, cmd, args) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${name} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}
if (only.length === 0 && !unitOnly) {
  step('typecheck', 'npx', ['tsc', '-p', '.']);
  step('lint', 'npx', ['eslint', '.']);
}
// Unit tests run concurrently; integration/e2e share one X display each and run one file at a time.
// A file that hangs (a test, or an after hook waiting on something that never ends) is cancelled after this long
// and reported by name, instead of holding the whole run until CI's own limit (node 20 applies it per file).
const FILE_TIMEOUT = `--test-timeout=${10 * 60 * 1000}`;
const slow = files.filter((f) => f.startsWith('tests/integration') || f.startsWith('tests/e2e'));
const fast = files.filter((f) => !slow.includes(f));
if (fast.length) step('unit tests', process.execPath, ['--import', 'tsx', '--test', FILE_TIMEOUT, '--test-reporter=spec', ...fast]);
if (slow.length && !unitOnly) step('integration tests', process.execPath, ['--import', 'tsx', '--test', FILE_TIMEOUT, '--test-concurrency=1', '--test-reporter=spec', ...slow]);
