/** The `ask` and `models` CLI commands on the tiny fixture bundle (CPU). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { convertCheckpoint } from '../../electron/adapters/convert/convert.js';
import { encodePng } from '../../electron/adapters/image-codec.js';
import { runAsk } from '../../electron/shells/cli/commands/ask.js';
import { runModels } from '../../electron/shells/cli/commands/models.js';

const FIX = fileURLToPath(new URL('../../models/magma/fixtures/', import.meta.url));
const BUNDLE = join(FIX, 'tiny-fp32');
const tmp = mkdtempSync(join(tmpdir(), 'magma-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  const o: string[] = [];
  const e: string[] = [];
  out.on('data', (d) => o.push(String(d)));
  err.on('data', (d) => e.push(String(d)));
  return { io: { out, err }, out: () => o.join(''), err: () => e.join('') };
}

describe('magma-desk models and ask', () => {
  it('models verify hashes every file, checks the graphs and runs one token', async () => {
    const t = io();
    const code = await runModels(['verify', BUNDLE, '--providers', 'cpu'], t.io);
    assert.equal(code, 0, t.err());
    assert.match(t.out(), /ok {2}decoder\.onnx/);
    assert.match(t.out(), /smoke run: \d+ prompt tokens/);
    assert.match(t.out(), /verified/);
  });
  it('models verify of a format-1 or format-2 bundle says it still works and how to convert again; the current format says nothing of it', async () => {
    const t = io();
    assert.equal(await runModels(['verify', BUNDLE, '--providers', 'cpu', '--no-hash'], t.io), 0, t.err());
    assert.match(t.out(), /converted by an older Magma Desk \(bundle format 1; this version writes format 3\)\. It still works/);
    assert.match(t.out(), /magma-desk models convert --from <checkpoint folder> --to <new folder>/);
    const v2 = join(tmp, 'format-2');
    await convertCheckpoint({ from: join(FIX, 'tiny-checkpoint'), to: v2, precision: 'fp32', format: 2 });
    const u = io();
    assert.equal(await runModels(['verify', v2, '--providers', 'cpu', '--no-hash'], u.io), 0, u.err());
    assert.match(u.out(), /\(bundle format 2; this version writes format 3\)\. It still works/);
    const v3 = join(tmp, 'format-3');
    await convertCheckpoint({ from: join(FIX, 'tiny-checkpoint'), to: v3, precision: 'fp32' });
    const w = io();
    assert.equal(await runModels(['verify', v3, '--providers', 'cpu', '--no-hash'], w.io), 0, w.err());
    assert.doesNotMatch(w.out(), /older Magma Desk|convert again/);
    assert.match(w.out(), /verified/);
  });
  it('models verify of a folder without a bundle fails with a sentence saying what to do', async () => {
    const t = io();
    assert.equal(await runModels(['verify', tmp], t.io), 1);
    assert.match(t.err(), /no manifest\.json/);
  });
  it('bad usage exits 2', async () => {
    assert.equal(await runModels([], io().io), 2);
    assert.equal(await runModels(['export', '--from', 'x'], io().io), 2);
    assert.equal(await runAsk(['--model', BUNDLE], io().io), 2);
    assert.equal(await runAsk(['what?'], io().io), 2);
  });
  it('models export reports a missing checkpoint or Python in one sentence', async () => {
    const t = io();
    assert.equal(await runModels(['export', '--from', join(tmp, 'none'), '--to', join(tmp, 'b')], t.io), 1);
    assert.match(t.err(), /no checkpoint directory/);
    const t2 = io();
    assert.equal(await runModels(['export', '--from', tmp, '--to', join(tmp, 'b'), '--python', join(tmp, 'no-python')], t2.io), 1);
    assert.match(t2.err(), /could not start/);
  });
  it('ask answers about an image file and streams the reply', async () => {
    const rgb = readFileSync(join(FIX, 'grid-1x1.image0.rgb'));
    const data = new Uint8Array(100 * 90 * 4);
    for (let i = 0; i < 100 * 90; i++) data.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
    const png = join(tmp, 'img.png');
    writeFileSync(png, await encodePng({ width: 100, height: 90, data }));
    const t = io();
    const code = await runAsk(['--model', BUNDLE, '--image', png, '--providers', 'cpu', '--max-new-tokens', '4', '--timings', 'Q: what is this?'], t.io);
    assert.equal(code, 0, t.err());
    assert.ok(t.out().length > 1);
    assert.match(t.err(), /grid 1x1; \d+ prompt tokens; vision/);
  });
});
