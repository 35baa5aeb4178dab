/**
 * S13 data at rest: real CLI runs (`magma-desk run --dry-run`, with --log and the default audit log in a throwaway
 * MAGMA_DESK_DATA_DIR) that type a fake API key and a test card number, each confirmed as high-risk at a terminal
 * (util-linux `script` gives the CLI a pty; "yes" is typed at each prompt). Then every file in the data folder and
 * the log is scanned: no image files, and no canary, whole or in pieces (typing is sent and audited in chunks).
 * Not covered here: the browser shell's and the Electron app's history (app-host history on/off) and exports.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { requireTools, startXvfb, type XDisplay } from '../support/xvfb.js';
import { CANARY_CARD, CANARY_KEY, canaryPieces, filesUnder, isImage } from './canaries.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let x: XDisplay;
let dir: string;
before(async () => { requireTools('script'); x = await startXvfb(640, 480); dir = mkdtempSync(join(tmpdir(), 'md-s13-')); });
after(async () => { await x.stop(); rmSync(dir, { recursive: true, force: true }); });

test('after confirmed runs that type a fake key and a card number: no screenshots and no canary (whole or in chunks) on disk', () => {
  const data = join(dir, 'data');
  const log = join(dir, 'run.jsonl');
  const goal = `type "${CANARY_KEY}"; type "${CANARY_CARD}"; done`;
  const cmd = `node bin/magma-desk.js run --dry-run --max-steps 6 --log ${log} '${goal}'`;
  // Answers arrive one per second; the CLI asks once per high-risk step (and again for a verification retry).
  const answers = 'sleep 3; for i in 1 2 3 4 5 6; do echo yes; sleep 1; done';
  const r = spawnSync('sh', ['-c', `(${answers}) | script -qfec "${cmd.replace(/"/g, '\\"')}" /dev/null`], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DISPLAY: x.display, MAGMA_DESK_DATA_DIR: data } });
  const typed = (r.stdout.match(/type "yes" to run this high-risk step/g) ?? []).length;
  assert.ok(typed >= 2, `the high-risk steps were confirmed and run: ${r.stdout.slice(-1500)}`);
  const all = [...filesUnder(data), log];
  assert.ok(all.some((f) => f.endsWith('audit.jsonl')), `the default audit log was written: ${all.join(', ')}`);
  const images = all.filter(isImage);
  assert.deepEqual(images, [], 'no screenshots on disk without history');
  const text = all.map((f) => [f, readFileSync(f, 'utf8')] as const);
  // The records do describe the typing (so the scan looks at the right place) ...
  assert.ok(text.some(([, t]) => t.includes('"kind":"type"') && t.includes('[redacted]')));
  // ... and no piece of either canary is in any file.
  const leaks: string[] = [];
  for (const [f, t] of text) for (const p of [...canaryPieces(CANARY_KEY), ...canaryPieces(CANARY_CARD), CANARY_CARD.replace(/ /g, '')]) if (t.includes(p)) leaks.push(`${f}: ${p}`);
  assert.deepEqual(leaks, []);
});
