/**
 * Pulling a checkpoint from a Hub on loopback (testing/fake-hub.ts): the Hub's URL layout, LFS files redirected
 * to a second loopback origin, the faults a real download meets. No X, no network beyond 127.0.0.1/localhost.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { listModels } from '../model-store.js';
import { HubError, type HubConfig } from './hub-api.js';
import { checkpointDir, LOCK_FILE, pullCheckpoint, STATE_FILE, type PullEvent, type PullOptions } from './pull.js';
import { startFakeHub, tinyMagmaCheckpoint, TOKEN_NOT_ACCEPTED, TOKEN_OK, type FakeHub } from './testing/fake-hub.js';

const REPO = 'microsoft/Magma-8B';
const SHARD2 = 'model-00002-of-00002.safetensors';
const files = tinyMagmaCheckpoint();
const privateFiles = tinyMagmaCheckpoint('apache-2.0');
let hub: FakeHub;
const dirs: string[] = [];

before(async () => {
  hub = await startFakeHub({
    [REPO]: { files },
    'someone/private-model': { files: privateFiles, private: true },
    'meta-llama/gated-model': { files, gated: 'manual' },
    'evil/escape': { files: { '../../outside.txt': new TextEncoder().encode('x') } },
  });
});
after(() => hub.close());
afterEach(() => {
  hub.requests.length = 0;
  hub.dropAfter.clear();
  hub.stallAfter.clear();
  hub.corrupt.clear();
  hub.ignoreRange.clear();
  hub.expireOnDrop = false;
});
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function store(): string {
  const d = mkdtempSync(join(tmpdir(), 'magma-pull-'));
  dirs.push(d);
  return d;
}
function cfg(token?: string): HubConfig {
  return { endpoint: hub.endpoint, ...(token ? { token } : {}) };
}
function opts(modelsDir: string, more: Partial<PullOptions> = {}): PullOptions {
  return { cfg: cfg(), repo: REPO, precision: 'int4', modelsDir, freeBytes: async () => 1e12, download: { retryDelayMs: 1, retries: 3 }, ...more };
}
const resolves = (path: string) => hub.requests.filter((r) => r.origin === 'hub' && r.path.endsWith(`/resolve/${hub.sha}/${path}`));
const cdnGets = () => hub.requests.filter((r) => r.origin === 'cdn');

function assertSameFiles(dir: string, expected: Record<string, Uint8Array>): void {
  for (const [p, b] of Object.entries(expected)) assert.deepEqual(new Uint8Array(readFileSync(join(dir, p))), b, `${p} differs from the Hub's copy`);
  const leftovers = readdirSync(dir).filter((f) => f.endsWith('.part'));
  assert.deepEqual(leftovers, [], 'no partial files are left after a finished pull');
}

test('a full pull puts every file of the pinned commit in the store, states the licence from the model card, and sends the token only to the Hub', async () => {
  const models = store();
  const events: PullEvent[] = [];
  const r = await pullCheckpoint(opts(models, { cfg: cfg(TOKEN_OK), onEvent: (e) => events.push(e) }));
  assert.equal(r.sha, hub.sha);
  assert.equal(r.dir, checkpointDir(models, REPO, hub.sha));
  assertSameFiles(r.dir, files);
  assert.equal(r.licence?.id, 'mit');
  assert.equal(r.totalBytes, Object.values(files).reduce((s, b) => s + b.length, 0));
  assert.equal(r.downloadedBytes, r.totalBytes);
  const state = JSON.parse(readFileSync(join(r.dir, STATE_FILE), 'utf8'));
  assert.equal(state.sha, hub.sha);
  assert.ok(state.completedAt, 'the state file says the pull is complete');
  // Every file was asked for at the commit sha the API answered, not at the moving branch name.
  const fileRequests = hub.requests.filter((q) => q.origin === 'hub' && q.path.includes('/resolve/'));
  assert.equal(fileRequests.length, Object.keys(files).length);
  assert.ok(fileRequests.every((q) => q.path.includes(`/resolve/${hub.sha}/`)));
  // The LFS shards came from the second origin, and no request there carried the token.
  assert.equal(cdnGets().length, 2);
  assert.ok(cdnGets().every((q) => q.headers.authorization === undefined), 'the token never reaches the storage origin');
  assert.ok(fileRequests.every((q) => q.headers.authorization === `Bearer ${TOKEN_OK}`), 'the Hub itself gets the token');
  // Progress reached the total, and the store's list does not show the checkpoint folder as a broken model.
  const last = events.filter((e) => e.type === 'progress').at(-1);
  assert.ok(last && last.type === 'progress' && last.doneBytes === r.totalBytes);
  assert.deepEqual(listModels(models), []);
});

test('a connection dropped mid-file is resumed with a range request from the byte where it stopped', async () => {
  const models = store();
  hub.dropAfter.set(SHARD2, 10_000);
  const r = await pullCheckpoint(opts(models));
  assertSameFiles(r.dir, files);
  const gets = cdnGets().filter((q) => q.path.startsWith('/lfs/') && q.status !== 403);
  const ranged = gets.filter((q) => q.headers.range);
  assert.equal(ranged.length, 1, JSON.stringify(gets.map((g) => [g.path, g.headers.range, g.status])));
  assert.equal(ranged[0]!.headers.range, 'bytes=10000-');
  assert.equal(ranged[0]!.status, 206);
  assert.equal(resolves(SHARD2).length, 1, 'the still valid storage link is reused, the Hub is not asked again');
});

test('a connection that goes silent mid-file is dropped after the idle time and resumed', async () => {
  const models = store();
  hub.stallAfter.set(SHARD2, 6_000);
  const t0 = Date.now();
  const r = await pullCheckpoint(opts(models, { download: { retryDelayMs: 1, retries: 3, idleTimeoutMs: 300 } }));
  assertSameFiles(r.dir, files);
  assert.ok(Date.now() - t0 < 5_000);
  const ranged = cdnGets().filter((q) => q.headers.range);
  assert.deepEqual(ranged.map((q) => [q.headers.range, q.status]), [['bytes=6000-', 206]]);
});

test('a server that ignores the range on resume gets the file again from the start, and the result is still verified', async () => {
  const models = store();
  hub.dropAfter.set(SHARD2, 8_000);
  hub.ignoreRange.add(SHARD2);
  const events: PullEvent[] = [];
  const r = await pullCheckpoint(opts(models, { onEvent: (e) => events.push(e) }));
  assertSameFiles(r.dir, files);
  const resumed = cdnGets().filter((q) => q.headers.range);
  assert.deepEqual(resumed.map((q) => [q.headers.range, q.status]), [['bytes=8000-', 200]]);
  const last = events.filter((e) => e.type === 'progress').at(-1);
  assert.ok(last && last.type === 'progress' && last.doneBytes === r.totalBytes, 'progress is not counted twice');
});

test('an expired storage link on resume makes the pull ask the Hub for a fresh one', async () => {
  const models = store();
  hub.dropAfter.set(SHARD2, 5_000);
  hub.expireOnDrop = true;
  const r = await pullCheckpoint(opts(models));
  assertSameFiles(r.dir, files);
  const refused = cdnGets().filter((q) => q.status === 403);
  assert.equal(refused.length, 1, 'the old link was tried once and refused as expired');
  assert.equal(refused[0]!.headers.range, 'bytes=5000-');
  assert.equal(resolves(SHARD2).length, 2, 'the Hub was asked again for the file');
  const resumed = cdnGets().filter((q) => q.status === 206);
  assert.equal(resumed.length, 1);
  assert.equal(resumed[0]!.headers.range, 'bytes=5000-');
});

test('a corrupted file is caught by its hash, named, and not kept', async () => {
  const models = store();
  hub.corrupt.add('model-00001-of-00002.safetensors');
  hub.corrupt.add('config.json');
  await assert.rejects(pullCheckpoint(opts(models)), (e: unknown) => {
    assert.ok(e instanceof HubError && e.kind === 'corrupt', String(e));
    assert.match(e.message, /config\.json is corrupted: its git blob id is [0-9a-f]{40}, the Hub lists [0-9a-f]{40}/);
    return true;
  });
  const dir = checkpointDir(models, REPO, hub.sha);
  assert.equal(existsSync(join(dir, 'config.json')), false);
  assert.equal(existsSync(join(dir, 'config.json.part')), false);
  hub.corrupt.delete('config.json');
  await assert.rejects(pullCheckpoint(opts(models)), /model-00001-of-00002\.safetensors is corrupted: its sha256 is [0-9a-f]{64}, the Hub lists [0-9a-f]{64}/);
  assert.equal(existsSync(join(dir, 'model-00001-of-00002.safetensors')), false);
  hub.corrupt.clear();
  const r = await pullCheckpoint(opts(models));
  assertSameFiles(r.dir, files);
});

test('a private repo without a token is "not found or private" (401); with HF_TOKEN it downloads', async () => {
  const models = store();
  await assert.rejects(pullCheckpoint(opts(models, { repo: 'someone/private-model' })), (e: unknown) => {
    assert.ok(e instanceof HubError && e.status === 401 && e.kind === 'not-found', String(e));
    assert.match(e.message, /someone\/private-model was not found on .*, or it is private: check the name, or set HF_TOKEN/);
    return true;
  });
  assert.equal(existsSync(join(models, '_checkpoints')), false, 'nothing was written');
  const r = await pullCheckpoint(opts(models, { repo: 'someone/private-model', cfg: cfg(TOKEN_OK) }));
  assertSameFiles(r.dir, privateFiles);
  assert.equal(r.licence?.id, 'apache-2.0');
});

test('a gated repo whose terms were not accepted is refused (403) with where to accept them; without a token it is refused before any download', async () => {
  const models = store();
  await assert.rejects(pullCheckpoint(opts(models, { repo: 'meta-llama/gated-model', cfg: cfg(TOKEN_NOT_ACCEPTED) })), (e: unknown) => {
    assert.ok(e instanceof HubError && e.kind === 'gated' && e.status === 403, String(e));
    assert.ok(e.message.includes(`accept its terms at ${hub.endpoint}/meta-llama/gated-model while signed in`), e.message);
    return true;
  });
  hub.requests.length = 0;
  await assert.rejects(pullCheckpoint(opts(models, { repo: 'meta-llama/gated-model' })), /This model is gated: accept its terms at .*\/meta-llama\/gated-model while signed in, then set HF_TOKEN/);
  assert.equal(hub.requests.filter((q) => q.path.includes('/resolve/')).length, 0);
  const r = await pullCheckpoint(opts(models, { repo: 'meta-llama/gated-model', cfg: cfg(TOKEN_OK) }));
  assertSameFiles(r.dir, files);
});

test('not enough disk space (download + bundle) is refused before downloading anything', async () => {
  const models = store();
  const total = Object.values(files).reduce((s, b) => s + b.length, 0);
  await assert.rejects(pullCheckpoint(opts(models, { freeBytes: async () => total })), (e: unknown) => {
    assert.ok(e instanceof HubError && e.kind === 'disk', String(e));
    assert.match(e.message, /not enough free disk space: microsoft\/Magma-8B needs .* still to download and about .* for the int4 model made from it\), and .* is free/);
    return true;
  });
  assert.equal(hub.requests.filter((q) => q.path.includes('/resolve/')).length, 0, 'no file was requested');
  assert.equal(existsSync(join(models, '_checkpoints')), false);
});

test('stopping mid-file (Ctrl-C) keeps the partial file; the next pull finishes it without fetching finished files again', async () => {
  const models = store();
  hub.stallAfter.set(SHARD2, 7_000);
  const stop = new AbortController();
  const first = pullCheckpoint(opts(models, {
    signal: stop.signal,
    onEvent: (e) => {
      if (e.type === 'progress' && e.file === SHARD2) stop.abort(new DOMException('stopped by the user', 'AbortError'));
    },
  }));
  await assert.rejects(first, (e: unknown) => (e as Error).name === 'AbortError');
  const dir = checkpointDir(models, REPO, hub.sha);
  const kept = statSync(join(dir, `${SHARD2}.part`)).size;
  assert.ok(kept > 0, 'the partial shard is kept');
  assert.ok(existsSync(join(dir, 'model-00001-of-00002.safetensors')), 'the first shard was finished before the stop');
  hub.requests.length = 0;

  const events: PullEvent[] = [];
  const r = await pullCheckpoint(opts(models, { onEvent: (e) => events.push(e) }));
  assertSameFiles(r.dir, files);
  const plan = events.find((e) => e.type === 'plan');
  assert.ok(plan && plan.type === 'plan' && plan.resumed);
  const asked = hub.requests.filter((q) => q.path.includes('/resolve/')).map((q) => q.path.split('/').at(-1));
  assert.deepEqual(asked, [SHARD2], 'only the unfinished file was requested again');
  const resumed = cdnGets().filter((q) => q.status === 206);
  assert.equal(resumed.length, 1);
  assert.equal(resumed[0]!.headers.range, `bytes=${kept}-`);
  assert.equal(r.downloadedBytes, files[SHARD2]!.length - kept, 'this run fetched only the rest of the shard');
});

test('a file list naming a path outside the download folder is refused before anything is written', async () => {
  const models = store();
  await assert.rejects(pullCheckpoint(opts(models, { repo: 'evil/escape' })), /names a file that would land outside the download folder/);
  assert.equal(existsSync(join(models, '_checkpoints')), false);
});

test('a second pull into the same folder while one is running is refused; a lock left by a process that is gone is taken over', async () => {
  const models = store();
  const dir = checkpointDir(models, REPO, hub.sha);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, LOCK_FILE), String(process.ppid)); // a live process that is not this one
  await assert.rejects(pullCheckpoint(opts(models)), /another download of this model is running \(process \d+\)/);
  assert.equal(hub.requests.filter((q) => q.path.includes('/resolve/')).length, 0);
  writeFileSync(join(dir, LOCK_FILE), '999999999'); // no such process
  const r = await pullCheckpoint(opts(models));
  assertSameFiles(r.dir, files);
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'the lock is released at the end');
});

test('a full disk while writing stops the pull with a message about the disk, not the network, and no retries', { skip: process.platform !== 'linux' && 'needs /dev/full' }, async () => {
  const models = store();
  const dir = checkpointDir(models, REPO, hub.sha);
  mkdirSync(dir, { recursive: true });
  symlinkSync('/dev/full', join(dir, 'config.json.part')); // every write there fails with ENOSPC
  await assert.rejects(pullCheckpoint(opts(models)), (e: unknown) => {
    assert.ok(e instanceof HubError && e.kind === 'disk', String(e));
    assert.match(e.message, /could not write .*config\.json\.part \(ENOSPC\): check that the disk has room/);
    return true;
  });
  assert.equal(resolves('config.json').length, 1, 'a full disk is not retried');
});
