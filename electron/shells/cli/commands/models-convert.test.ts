/**
 * `magma-desk models convert` as a person runs it: on the tiny Magma checkpoint of models/magma/fixtures, from its
 * folder and from a Hugging Face cache layout (snapshots/<commit>/ of symlinks into blobs/), what it prints and
 * its exit codes. The bundle's content is tested in tests/integration/magma-convert.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runModels } from './models.js';
import { captureIo as capture } from '../../../../tests/support/cli.js';

const CKPT = fileURLToPath(new URL('../../../../models/magma/fixtures/tiny-checkpoint/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'magma-convert-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('models convert makes an int4 bundle from the checkpoint folder, printing what it found and what to do next', async () => {
  const c = capture();
  const to = join(tmp, 'tiny-int4');
  assert.equal(await runModels(['convert', '--from', CKPT, '--to', to], c.io), 0, c.err());
  assert.match(c.err(), /text: vocabulary 160, hidden 64, intermediate 128, 2 layers/);
  assert.match(c.err(), /special tokens: <\|begin_of_text\|>=150 <\|eot_id\|>=151/);
  assert.match(c.err(), /converting: decoder layers: 2\/2/);
  assert.match(c.out(), new RegExp(`${to.replace(/[/\\.]/g, '\\$&')}: int4 bundle, .* GB, converted in \\d+ s`));
  assert.match(c.out(), /next: magma-desk models add /);
  const m = JSON.parse(readFileSync(join(to, 'manifest.json'), 'utf8'));
  assert.equal(m.precision, 'int4');
  assert.equal(m.dtype, 'fp16');
  assert.equal(m.text.kvDtype, 'float16');
  assert.equal(m.version, 3);
  assert.ok(m.rewrites.includes('vision-int8'), 'the 8-bit vision tower is the default');
});

test('models convert --fp16-vision keeps the vision tower fp16; asking for both towers is a usage error', async () => {
  const c = capture();
  const to = join(tmp, 'tiny-int4-fp16-vision');
  assert.equal(await runModels(['convert', '--from', CKPT, '--to', to, '--fp16-vision'], c.io), 0, c.err());
  const m = JSON.parse(readFileSync(join(to, 'manifest.json'), 'utf8'));
  assert.deepEqual(m.rewrites, ['argmax-2stage', 'logits-last-real', 'bias-gelu']);
  const d = capture();
  assert.equal(await runModels(['convert', '--from', CKPT, '--to', join(tmp, 'both'), '--fp16-vision', '--vision-int8'], d.io), 2);
  assert.match(d.err(), /--fp16-vision and --vision-int8 ask for opposite vision towers/);
  assert.ok(!existsSync(join(tmp, 'both')));
});

test('models convert reads a Hugging Face cache folder (models--org--name with one snapshot of symlinks)', async () => {
  const root = join(tmp, 'hub', 'models--microsoft--Magma-8B');
  const snap = join(root, 'snapshots', '0123456789abcdef0123456789abcdef01234567');
  mkdirSync(join(root, 'blobs'), { recursive: true });
  mkdirSync(snap, { recursive: true });
  for (const f of readdirSync(CKPT)) {
    copyFileSync(join(CKPT, f), join(root, 'blobs', `blob-${f}`));
    symlinkSync(join('..', '..', 'blobs', `blob-${f}`), join(snap, f));
  }
  const c = capture();
  assert.equal(await runModels(['convert', '--from', root, '--to', join(tmp, 'from-cache'), '--precision', 'fp32'], c.io), 0, c.err());
  assert.ok(existsSync(join(tmp, 'from-cache', 'manifest.json')));
});

test('models convert: missing options and a bad precision are usage errors; a folder that is no checkpoint is a clear failure', async () => {
  const a = capture();
  assert.equal(await runModels(['convert', '--from', CKPT], a.io), 2);
  assert.match(a.err(), /--from and --to are required/);
  const b = capture();
  assert.equal(await runModels(['convert', '--from', CKPT, '--to', join(tmp, 'x'), '--precision', 'int8'], b.io), 2);
  assert.match(b.err(), /--precision is int4, fp16 or fp32/);
  const c = capture();
  assert.equal(await runModels(['convert', '--from', tmp, '--to', join(tmp, 'y')], c.io), 1);
  assert.match(c.err(), /has no config\.json: give the checkpoint folder/);
  assert.ok(!existsSync(join(tmp, 'y')));
  const h = capture();
  assert.equal(await runModels(['--help'], h.io), 0);
  assert.match(h.out(), /magma-desk models convert --from <checkpoint-dir\|hf-cache-snapshot> --to <bundle-dir>/);
});

test('models convert needs no Python: the CLI converts with only node on the PATH', async () => {
  // A PATH with node alone (a link to this node): no python3, no python, nothing else to spawn.
  const bin = join(tmp, 'only-node');
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, join(bin, 'node'));
  const env = { ...process.env, PATH: bin };
  const which = spawnSync('/bin/sh', ['-c', 'command -v node && command -v python3 || command -v python'], { env: { PATH: bin }, encoding: 'utf8' });
  assert.equal(which.stdout.trim(), join(bin, 'node'), 'node and no python on this PATH');
  const cli = fileURLToPath(new URL('../../../../bin/magma-desk.js', import.meta.url));
  const to = join(tmp, 'no-python-fp32');
  const r = spawnSync(join(bin, 'node'), [cli, 'models', 'convert', '--from', CKPT, '--to', to, '--precision', 'fp32'], { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(to, 'manifest.json')));
});
