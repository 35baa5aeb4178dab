/**
 * Get Magma-8B through the host's contract (dispatch, as both shells call it) against the fake Hub on loopback:
 * nothing is contacted before Start; Start shows size and licence from the Hub; the download shows progress, stops
 * on Cancel keeping its bytes and resumes by range; the bundle is installed, selected, and the one-step check runs
 * (the real one, on the CPU). Errors are the pull's own messages. The fake Hub serves the tiny bf16 checkpoint
 * (testing/tiny-hub-repo.ts), which the real TypeScript converter turns into an int4 bundle.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import type { GetMagmaLocal, GetMagmaState } from '../common/magma-get.js';
import { startFakeHub, type FakeHub } from '../adapters/hub/testing/fake-hub.js';
import { listModels } from '../adapters/model-store.js';
import { scriptedEngine } from '../../tests/e2e/scripted-engine.js';
import { convertCheckpoint } from '../adapters/convert/convert.js';
import { createAppHost, type AppHostOptions } from './app-host.js';
import { tinyConvertibleRepo } from './testing/tiny-hub-repo.js';

const SHARD2 = 'model-00002-of-00002.safetensors';
let hub: FakeHub;
const dirs: string[] = [];

before(async () => {
  hub = await startFakeHub({
    'microsoft/Magma-8B': { files: tinyConvertibleRepo('mit') },
  });
});
afterEach(() => {
  hub.requests.length = 0;
  hub.stallAfter.clear();
  hub.dropAfter.clear();
});
after(async () => {
  await hub.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function makeHost(extra: Partial<AppHostOptions['magmaGet']> = {}, env: NodeJS.ProcessEnv = { HF_ENDPOINT: hub.endpoint }) {
  const root = mkdtempSync(join(tmpdir(), 'magma-get-'));
  dirs.push(root);
  const modelsDir = join(root, 'models');
  const events: GetMagmaState[] = [];
  const host = createAppHost({
    engineFactory: () => scriptedEngine({ actions: [] }),
    shell: 'browser',
    dataDir: join(root, 'data'),
    modelsDir,
    magmaGet: { env, gpu: async () => ({ ok: false, message: 'No graphics card was found on this computer.' }), download: { retries: 1, retryDelayMs: 10, idleTimeoutMs: 20_000 }, ...extra },
  });
  host.subscribe((c, p) => {
    if (c === 'magma:get-progress') events.push(p as GetMagmaState);
  });
  const call = async <T,>(channel: string, input: unknown = {}): Promise<T> => {
    const r = await host.dispatch(channel, input);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const until = async (phase: GetMagmaState['phase'], ms = 20_000) => {
    const t0 = Date.now();
    for (;;) {
      const s = await call<GetMagmaState>('magma:get-state');
      if (s.phase === phase) return s;
      if (Date.now() - t0 > ms) throw new Error(`still ${s.phase} (${s.message ?? ''}), not ${phase}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { host, call, until, events, modelsDir };
}

test('before Start nothing contacts the Hub; Start shows the size from the file list and the licence from the model card', async () => {
  const { host, call, modelsDir } = makeHost();
  const local = await call<GetMagmaLocal>('magma:gpu-check');
  assert.equal(local.gpu.ok, false);
  assert.match(local.need, /Nothing is contacted until you press Start/);
  assert.equal(local.modelsDir, modelsDir);
  assert.ok(local.freeBytes > 0);
  assert.equal((await call<GetMagmaState>('magma:get-state')).phase, 'idle');
  assert.equal(hub.requests.length, 0, 'S14: no request before Start');

  const planned = await call<GetMagmaState>('magma:get-plan');
  assert.equal(planned.phase, 'ready', planned.message);
  const total = Object.values(tinyConvertibleRepo()).reduce((s, b) => s + b.length, 0);
  assert.equal(planned.plan?.totalBytes, total);
  assert.equal(planned.plan?.licence, 'mit');
  assert.equal(planned.plan?.files, Object.keys(tinyConvertibleRepo()).length);
  assert.equal(planned.message, 'Read the licence, then press Download and convert.');
  // Only the file list and the model card: no weights yet.
  assert.deepEqual(hub.requests.map((r) => r.path).filter((p) => p.includes('safetensors')), []);
  assert.equal(listModels(modelsDir).length, 0);
  await host.close();
});

test('the download shows progress, Cancel keeps it, Resume continues by range, then the bundle is installed, selected and checked', async () => {
  const { host, call, until, events, modelsDir } = makeHost();
  await call('magma:get-plan');
  hub.stallAfter.set(SHARD2, 1000);
  assert.equal((await call<GetMagmaState>('magma:get-start')).phase, 'downloading');
  // Progress arrives while the second shard stalls after 1000 bytes.
  const t0 = Date.now();
  while (!events.some((e) => e.progress?.what === 'download' && e.progress.item === SHARD2 && e.progress.done > 0)) {
    if (Date.now() - t0 > 10_000) throw new Error('no download progress');
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(await call('magma:get-cancel'), { stopped: true });
  const stopped = await until('stopped');
  assert.match(stopped.message ?? '', /What was downloaded is kept; press Resume/);
  const partial = stopped.progress!.done;
  assert.ok(partial > 1000 && partial < stopped.progress!.total, `stopped part way (${partial} of ${stopped.progress!.total})`);
  const cp = join(modelsDir, '_checkpoints', 'microsoft--Magma-8B', hub.sha);
  assert.ok(readdirSync(cp).some((f) => f === `${SHARD2}.part`), 'the partial file is kept');
  assert.equal(listModels(modelsDir).length, 0);

  hub.requests.length = 0;
  await call('magma:get-start');
  const done = await until('done', 60_000);
  const ranged = hub.requests.find((r) => r.origin === 'cdn' && r.headers.range);
  assert.equal(ranged?.headers.range, 'bytes=1000-', 'the resume asked for the rest only');
  assert.equal(done.result?.name, 'magma-8b-int4');
  assert.equal(done.result?.checkOk, true, done.result?.check);
  assert.match(done.result!.check, /One-step check passed: .* on the processor/);
  const models = listModels(modelsDir);
  assert.deepEqual(models.map((m) => [m.name, m.kind, m.licence, m.problem]), [['magma-8b-int4', 'magma', 'mit', undefined]]);
  assert.equal(host.settings().planner, 'magma');
  assert.equal(host.settings().modelBundle, models[0]!.dir);
  assert.ok(!existsSync(join(modelsDir, '.magma-8b-int4.converting')), 'no half bundle left');
  assert.ok(events.some((e) => e.phase === 'converting' && e.progress?.what === 'convert'), 'conversion progress was shown');
  await host.close();
});

test('Cancel while converting keeps the download; Resume converts again without downloading the weights again', async () => {
  let cancel: () => Promise<unknown> = async () => undefined;
  let cancelled = false;
  const t = makeHost({
    // The real converter; the test presses Cancel when it reaches the decoder.
    convert: (o) => convertCheckpoint({ ...o, onProgress: (p) => {
      o.onProgress?.(p);
      if (p.stage === 'decoder' && !cancelled) {
        cancelled = true;
        void cancel();
      }
    } }),
  });
  cancel = () => t.call('magma:get-cancel');
  await t.call('magma:get-start');
  const stopped = await t.until('stopped', 60_000);
  assert.match(stopped.message ?? '', /^Stopped while converting\. The download is complete and kept; press Resume to convert it again\./);
  assert.deepEqual(readdirSync(t.modelsDir).filter((f) => f !== '_checkpoints'), [], 'no bundle and no partial folder');
  hub.requests.length = 0;
  await t.call('magma:get-start');
  const done = await t.until('done', 60_000);
  assert.equal(done.result?.checkOk, true, done.result?.check);
  assert.deepEqual(hub.requests.filter((r) => r.path.includes('safetensors')), [], 'the weights were not downloaded again');
  await t.host.close();
});

test('a stopped download from an earlier session reads as stopped after a restart, so the button says Resume', async () => {
  const a = makeHost();
  hub.stallAfter.set(SHARD2, 500);
  await a.call('magma:get-start');
  const t0 = Date.now();
  while (!a.events.some((e) => e.progress?.item === SHARD2 && e.progress.done > 0)) {
    if (Date.now() - t0 > 10_000) throw new Error('no download progress');
    await new Promise((r) => setTimeout(r, 20));
  }
  await a.host.close();
  const b = createAppHost({ engineFactory: () => scriptedEngine({ actions: [] }), shell: 'browser', modelsDir: a.modelsDir, magmaGet: { env: { HF_ENDPOINT: hub.endpoint } } });
  const s = (await b.dispatch('magma:get-state', {})) as { ok: true; value: GetMagmaState };
  assert.equal(s.value.phase, 'stopped');
  assert.match(s.value.message ?? '', /press Resume to continue/);
  await b.close();
});

test('not enough disk space and a gated model fail with the pull\'s own messages, and nothing is installed', async () => {
  const small = makeHost({ freeBytes: async () => 1000 });
  const planned = await small.call<GetMagmaState>('magma:get-plan');
  assert.match(planned.message ?? '', /Not enough free space: .* is needed and only 1\.0 kB is free/);
  await small.call('magma:get-start');
  const failed = await small.until('failed');
  assert.match(failed.message ?? '', /^Not enough free disk space: microsoft\/Magma-8B needs/);
  assert.match(failed.message ?? '', /press Try again/);
  assert.equal(listModels(small.modelsDir).length, 0);
  await small.host.close();

  const gatedHub = await startFakeHub({ 'microsoft/Magma-8B': { files: tinyConvertibleRepo(), gated: 'manual' } });
  try {
    const g = makeHost({}, { HF_ENDPOINT: gatedHub.endpoint });
    const s = await g.call<GetMagmaState>('magma:get-plan');
    assert.equal(s.phase, 'failed');
    assert.match(s.message ?? '', /^This model is gated: accept its terms at .*Magma-8B while signed in/);
    await g.host.close();
  } finally {
    await gatedHub.close();
  }
});

test('Cancel while asking the Hub (a Hub that does not answer) goes back to Start with nothing downloaded', async () => {
  // A Hub that accepts the connection and never answers.
  const { createServer } = await import('node:http');
  const silent = createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  try {
    const { host, call, until, modelsDir } = makeHost({}, { HF_ENDPOINT: `http://127.0.0.1:${(silent.address() as { port: number }).port}` });
    const planning = call<GetMagmaState>('magma:get-plan');
    await until('looking');
    assert.deepEqual(await call('magma:get-cancel'), { stopped: true });
    const s = await planning;
    assert.equal(s.phase, 'idle');
    assert.equal(s.message, 'Stopped before anything was downloaded. Press Start to ask again.');
    assert.ok(!existsSync(join(modelsDir, '_checkpoints')));
    await host.close();
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});

test('a second Start while the flow works is refused with a message', async () => {
  const { host, call } = makeHost();
  hub.stallAfter.set(SHARD2, 100);
  await call('magma:get-start');
  const again = await host.dispatch('magma:get-plan', {});
  assert.deepEqual(again, { ok: false, error: 'Getting Magma-8B is already under way: wait for it, or press Cancel first.' });
  await host.close();
});
