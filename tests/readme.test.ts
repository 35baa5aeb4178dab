/**
 * The README promises what the tests run: its command-mode example is COMMAND_EXAMPLE (run on xcalc at its default
 * size and at 300x400 by tests/integration/cli-xcalc.test.ts, and in the browser shell by the e2e), and its two
 * fresh-machine commands are the ones CI (.ci/run) and scripts/fresh-check.sh run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMAND_EXAMPLE } from '../electron/common/brain.js';

const ROOT = join(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const code = readme.replace(/!\[[^\]]*\]\([^)]*\)/g, ''); // image captions describe old screenshots, not instructions

test("every command-mode example in the README is the tested one (COMMAND_EXAMPLE), none with a symbol key it can't read", () => {
  const examples = [...code.matchAll(/(?:`|")((?:click [^;`"]+; )+click [^;`"]+)(?:`|")/g)].map((m) => m[1]);
  assert.ok(examples.length >= 3, `the README shows the example in the intro, the first steps and the CLI: found ${examples.length}`);
  for (const e of examples) assert.equal(e, COMMAND_EXAMPLE);
});

test("the README's two fresh-machine commands are the ones CI and the fresh-machine check run", () => {
  assert.match(readme, /```sh\nbash scripts\/setup\.sh && npm start\n```/);
  assert.match(readme, /```sh\nbash scripts\/setup\.sh && npm test\n```/);
  const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  assert.match(ci, /^bash scripts\/setup\.sh$/m);
  assert.match(ci, /^npm test$/m);
  const fresh = readFileSync(join(ROOT, 'scripts', 'fresh-check.sh'), 'utf8');
  assert.match(fresh, /bash scripts\/setup\.sh && npm test/);
  assert.match(fresh, /bash scripts\/setup\.sh && npm start/);
});
