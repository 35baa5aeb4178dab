/**
 * The model manager through the real CLI: `magma-desk models add|list|verify|remove` on a store in a temp folder,
 * with manifests (sha256 and licence), a progress report on stderr, damaged sources refused and tampering found.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'magma-models-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
const store = join(root, 'store');
const env = { ...process.env, MAGMA_DESK_MODELS_DIR: store };

/** A model folder: two files (3 MB and 1 kB) and a manifest with their sizes and sha256. */
function source(name: string, o: { licence?: string; corrupt?: boolean } = {}): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'sub'), { recursive: true });
  const files: Record<string, { bytes: number; sha256: string }> = {};
  for (const [f, n] of [['weights.bin', 3_000_000], ['sub/tokenizer.json', 1000]] as const) {
    const data = randomBytes(n);
    writeFileSync(join(dir, f), data);
    files[f] = { bytes: n, sha256: createHash('sha256').update(data).digest('hex') };
  }
  if (o.corrupt) writeFileSync(join(dir, 'weights.bin'), randomBytes(3_000_000));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'test-bundle', precision: 'fp16', ...(o.licence ? { licence: o.licence } : {}), files }));
  return dir;
}

describe('magma-desk models list|add|remove|verify', () => {
  it('an empty store lists nothing and says how to add', async () => {
    const r = await runCli(['models', 'list'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no models in .*store; add one with "magma-desk models add <bundle-dir>"/);
  });

  it('add copies, checks every sha256, records the licence, and reports progress on stderr', async () => {
    const r = await runCli(['models', 'add', source('tiny', { licence: 'MIT' })], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added tiny: 2 files, sha256 checked, licence MIT/);
    assert.match(r.stderr, /copying and hashing: 100% \(3\.0 MB of 3\.0 MB\)/);
    assert.ok((r.stderr.match(/copying and hashing: \d+%/g) ?? []).length >= 3, 'several progress lines');
    assert.ok(existsSync(join(store, 'tiny', 'sub', 'tokenizer.json')));
    const list = await runCli(['models', 'list', '--json'], env);
    const j = JSON.parse(list.stdout) as { models: Array<{ name: string; licence: string; files: number; bytes: number; precision: string }> };
    assert.deepEqual(j.models.map((m) => [m.name, m.licence, m.files, m.bytes, m.precision]), [['tiny', 'MIT', 2, 3_001_000, 'fp16']]);
    const table = await runCli(['models', 'list'], env);
    assert.match(table.stdout, /^NAME.*LICENCE/m);
    assert.match(table.stdout, /^tiny\s+other\s+fp16\s+3\.0 MB\s+MIT/m);
  });

  it('a manifest without a licence needs --licence; a damaged source is refused and leaves nothing behind', async () => {
    const noLicence = await runCli(['models', 'add', source('nolic'), '--name', 'nolic'], env);
    assert.equal(noLicence.code, 1);
    assert.match(noLicence.stderr, /names no licence: pass --licence/);
    const withLicence = await runCli(['models', 'add', join(root, 'nolic'), '--licence', 'Apache-2.0'], env);
    assert.equal(withLicence.code, 0, withLicence.stderr);
    const bad = await runCli(['models', 'add', source('broken', { licence: 'MIT', corrupt: true })], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /weights\.bin: sha256 .* differs from the manifest/);
    assert.ok(!existsSync(join(store, 'broken')));
    assert.deepEqual(readdirSync(store).filter((f) => f.startsWith('.')), [], 'no partial copy is left');
    const again = await runCli(['models', 'add', join(root, 'tiny')], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already installed/);
  });

  it('a single model file gets a manifest written for it', async () => {
    const f = join(root, 'icons.onnx');
    writeFileSync(f, randomBytes(5000));
    const r = await runCli(['models', 'add', f, '--licence', 'AGPL-3.0'], env);
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(readFileSync(join(store, 'icons', 'manifest.json'), 'utf8')) as { licence: string; files: Record<string, { bytes: number; sha256: string }> };
    assert.equal(m.licence, 'AGPL-3.0');
    assert.equal(m.files['icons.onnx']?.sha256, createHash('sha256').update(readFileSync(f)).digest('hex'));
  });

  it('verify <name> hashes with progress and finds a changed file', async () => {
    const ok = await runCli(['models', 'verify', 'tiny'], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /ok  weights\.bin\n {2}ok  sub\/tokenizer\.json\nverified/);
    assert.match(ok.stderr, /hashing tiny: 100%/);
    const w = join(store, 'tiny', 'weights.bin');
    const data = readFileSync(w);
    data[12345] = (data[12345]! + 1) % 256;
    writeFileSync(w, data);
    const bad = await runCli(['models', 'verify', 'tiny'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /BAD weights\.bin: sha256/);
    assert.match(bad.stderr, /differs from its manifest/);
  });

  it('remove deletes only store folders; unknown names and paths are refused', async () => {
    const r = await runCli(['models', 'remove', 'tiny'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(store, 'tiny')));
    const unknown = await runCli(['models', 'remove', 'tiny'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no model named "tiny"/);
    const escape = await runCli(['models', 'remove', '../store'], env);
    assert.equal(escape.code, 1);
    assert.match(escape.stderr, /not a model name/);
    assert.ok(existsSync(store));
    const usage = await runCli(['models', 'frobnicate'], env);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /models list \[--json\]/);
  });
});
