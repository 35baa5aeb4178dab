/**
 * `magma-desk models pull` as a person runs it, against a Hub on loopback (HF_ENDPOINT) with LFS files on a second
 * loopback origin: what it prints, where the files go, what it says to do next, and its exit codes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { listModels } from '../../../adapters/model-store.js';
import { checkpointDir } from '../../../adapters/hub/pull.js';
import { startFakeHub, tinyMagmaCheckpoint, TOKEN_OK, type FakeHub } from '../../../adapters/hub/testing/fake-hub.js';
import { tinyConvertibleRepo } from '../../../main/testing/tiny-hub-repo.js';
import { runModels } from './models.js';
import { pullProgress, runModelsPull } from './models-pull.js';
import { captureIo as capture } from '../../../../tests/support/cli.js';

const REPO = 'microsoft/Magma-8B';
/** The tiny Magma checkpoint of models/magma/fixtures (bf16, two shards, official names) with a model card. */
const files = tinyConvertibleRepo('mit');
let hub: FakeHub;
const dirs: string[] = [];
before(async () => {
  // someone/not-magma: a checkpoint-shaped repo whose tensors are not Magma's (it downloads, then cannot convert).
  hub = await startFakeHub({ [REPO]: { files }, 'someone/private-model': { files, private: true }, 'someone/not-magma': { files: tinyMagmaCheckpoint('mit') } });
});
after(async () => {
  await hub.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function store(): string {
  const d = mkdtempSync(join(tmpdir(), 'magma-pull-cli-'));
  dirs.push(d);
  return d;
}

test('models pull downloads the checkpoint, shows the licence from the model card, converts it and adds the model (no Python)', async () => {
  const d = store();
  const saved = { ...process.env };
  process.env.HF_ENDPOINT = hub.endpoint;
  delete process.env.HF_TOKEN;
  try {
    const c = capture();
    const code = await runModels(['pull', '--dir', d], c.io);
    assert.equal(code, 0, c.err());
    const dir = checkpointDir(d, REPO, hub.sha);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'model-00002-of-00002.safetensors'))), files['model-00002-of-00002.safetensors']);
    assert.match(c.out(), /microsoft\/Magma-8B at commit [0-9a-f]{12}: 8 files, .* every file checked against the Hub's hashes/);
    assert.match(c.out(), /licence \(from the model card\): mit/);
    assert.ok(c.out().includes(`checkpoint folder: ${dir}`));
    assert.doesNotMatch(c.out() + c.err(), /models export|Python 3/);
    // Converted (what it found is printed), added to the store as a Magma bundle with the card's licence.
    assert.match(c.err(), /ConvNeXt depths 1\/1\/1\/1, widths 16\/32\/64\/128/);
    assert.match(c.out(), /installed as "magma-8b-int4" \(int4, .*\) in .*; every file checked against its sha256/);
    const m = listModels(d).find((x) => x.name === 'magma-8b-int4');
    assert.ok(m && m.kind === 'magma' && m.precision === 'int4' && m.licence === 'mit' && !m.problem, JSON.stringify(m));
    assert.ok(!readdirSync(d).some((n) => n.includes('converting')), 'no staging folder left in the store');
    // No terminal to ask: the checkpoint is kept.
    assert.match(c.out(), /kept the checkpoint in /);
    assert.ok(existsSync(dir));
    // Without a terminal, progress is plain lines with the rate and what is left; the last one says done.
    assert.match(c.err(), /downloading: .* of .* \(100%\), .*\/s, done; /);
    assert.match(c.err(), /licence \(from the model card\): mit/);

    const again = capture();
    assert.equal(await runModels(['pull', REPO, '--dir', d], again.io), 0);
    assert.match(again.out(), /everything was already downloaded/);
    assert.match(again.out(), /a model named "magma-8b-int4" is already installed .*; nothing converted/);
  } finally {
    process.env = saved;
  }
});

test('models pull of a private model without HF_TOKEN fails with what to do; with it, it succeeds; bad options are usage errors', async () => {
  const d = store();
  const c = capture();
  assert.equal(await runModelsPull(['someone/private-model', '--dir', d], c.io, { env: { HF_ENDPOINT: hub.endpoint } }), 1);
  assert.match(c.err(), /someone\/private-model was not found .*, or it is private: check the name, or set HF_TOKEN/);
  const ok = capture();
  assert.equal(await runModelsPull(['someone/private-model', '--dir', d], ok.io, { env: { HF_ENDPOINT: hub.endpoint, HF_TOKEN: TOKEN_OK } }), 0, ok.err());
  assert.match(ok.err(), /with the token in HF_TOKEN/);
  const bad = capture();
  assert.equal(await runModelsPull(['--precision', 'fp8', '--dir', d], bad.io, { env: { HF_ENDPOINT: hub.endpoint } }), 2);
  assert.match(bad.err(), /--precision is int4 or fp16/);
  const name = capture();
  assert.equal(await runModelsPull(['../etc/passwd', '--dir', d], name.io, { env: { HF_ENDPOINT: hub.endpoint } }), 2);
  assert.match(name.err(), /"\.\.\/etc\/passwd" is not a Hugging Face model name; write it as organisation\/name/);
  const fp16 = capture();
  assert.equal(await runModelsPull(['--precision', 'fp16', '--dir', d], fp16.io, { env: { HF_ENDPOINT: hub.endpoint } }), 0);
  assert.match(fp16.out(), /installed as "magma-8b-fp16" \(fp16, /);
  assert.equal(listModels(d).find((x) => x.name === 'magma-8b-fp16')?.precision, 'fp16');
});

test('models pull refuses when the disk is too small, and after a stop says how to continue', async () => {
  const d = store();
  const small = capture();
  assert.equal(await runModelsPull(['--dir', d], small.io, { env: { HF_ENDPOINT: hub.endpoint }, pull: { freeBytes: async () => 1000 } }), 1);
  assert.match(small.err(), /not enough free disk space: .* 1\.0 kB is free/);

  hub.stallAfter.set('model-00002-of-00002.safetensors', 3000);
  const stop = new AbortController();
  const c = capture();
  const part = join(checkpointDir(d, REPO, hub.sha), 'model-00002-of-00002.safetensors.part');
  const poll = setInterval(() => {
    if (existsSync(part) && statSync(part).size >= 3000) stop.abort();
  }, 5);
  const code = await runModelsPull(['--dir', d], c.io, { env: { HF_ENDPOINT: hub.endpoint }, signal: stop.signal });
  clearInterval(poll);
  assert.equal(code, 1);
  assert.match(c.err(), /stopped\. What was downloaded is kept in .*; run the same command again to continue where it stopped/);
  const again = capture();
  assert.equal(await runModelsPull(['--dir', d], again.io, { env: { HF_ENDPOINT: hub.endpoint } }), 0, again.err());
  assert.match(again.err(), /resuming, .* left/);
});

test('the progress line shows bytes, rate and time left', () => {
  const err = new PassThrough();
  let text = '';
  err.on('data', (d) => (text += d));
  let t = 0;
  const bar = pullProgress(err, () => t);
  bar.start(10e6);
  t = 2000;
  bar.update(60e6, 110e6, 'model-00001-of-00004.safetensors');
  assert.match(text, /downloading: 60\.0 MB of 110\.0 MB \(54%\), 25\.0 MB\/s, about 2 s left; model-00001-of-00004\.safetensors/);
  t = 1_000_000;
  bar.update(70e6, 110e6, 'x');
  bar.update(110e6, 110e6, 'x');
  assert.match(text, /110\.0 MB of 110\.0 MB \(100%\), .*, done; x/);
});

test('models pull: --delete removes the checkpoint after the model is installed, a yes on the terminal does too, --keep with --delete is a usage error', async () => {
  const env = { HF_ENDPOINT: hub.endpoint };
  const d = store();
  const c = capture();
  assert.equal(await runModelsPull(['--dir', d, '--delete'], c.io, { env }), 0, c.err());
  assert.match(c.out(), /deleted the checkpoint /);
  assert.ok(!existsSync(checkpointDir(d, REPO, hub.sha)));
  assert.ok(listModels(d).some((x) => x.name === 'magma-8b-int4'));

  const d2 = store();
  const asked: string[] = [];
  const y = capture();
  assert.equal(await runModelsPull(['--dir', d2], y.io, { env, confirm: async (q) => (asked.push(q), true) }), 0, y.err());
  assert.match(asked[0]!, /Delete the downloaded checkpoint .* now that the model is installed\?/);
  assert.ok(!existsSync(checkpointDir(d2, REPO, hub.sha)));

  const both = capture();
  assert.equal(await runModelsPull(['--dir', d2, '--keep', '--delete'], both.io, { env }), 2);
  assert.match(both.err(), /--keep and --delete contradict each other/);
});

test('models pull: a download that is not a Magma checkpoint is kept, nothing is installed, and the message says why and what next', async () => {
  const d = store();
  const c = capture();
  assert.equal(await runModelsPull(['someone/not-magma', '--dir', d], c.io, { env: { HF_ENDPOINT: hub.endpoint } }), 1);
  assert.match(c.err(), /magma-desk models pull: config\.json/);
  assert.match(c.err(), /The downloaded checkpoint is kept in .*; after fixing the above, convert it with:\n  magma-desk models convert --from /);
  assert.ok(existsSync(checkpointDir(d, 'someone/not-magma', hub.sha)));
  assert.deepEqual(listModels(d), []);
  assert.ok(!readdirSync(d).some((n) => n.includes('converting')));
});
