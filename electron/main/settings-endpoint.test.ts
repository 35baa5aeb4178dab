/**
 * The host's answers on the settings page: a model bundle folder is checked before it is saved, "Check server"
 * explains what it found (a fake OpenAI-compatible server on loopback, a port fetch refuses, nothing listening),
 * and a run of the openai planner with no server says so first, in the app's words (no CLI flag).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { memorySecretStore } from '../adapters/secrets.js';
import type { Result } from '../common/ipc-contract.js';
import type { RunEvent } from '../common/run-events.js';
import { createPlanner, PlannerSetupError } from '../shells/planners.js';
import { messageFor, ModelServerError } from '../shells/shell-fix.js';
import { startFakeOpenAi, type FakeServer } from '../../tests/fixtures/openai/fake-server.js';
import { createAppHost } from './app-host.js';
import { composedEngineFactory } from './engine-adapter.js';

const TINY_BUNDLE = resolve(import.meta.dirname, '../../models/magma/fixtures/tiny-fp32');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'magma-settings-endpoint-'));
  dirs.push(d);
  return d;
};
let server: FakeServer;
/** A loopback port where nothing listens (a server was there a moment ago). */
let deadUrl: string;
before(async () => {
  server = await startFakeOpenAi({ models: ['qwen2.5vl:7b'], reply: () => ({ text: 'OK' }) });
  const dead = await startFakeOpenAi({ reply: () => ({}) });
  deadUrl = dead.url;
  await dead.close();
});
after(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const noEngine = () => {
  throw new Error('no engine in this test');
};
const hostIn = (dataDir: string) => createAppHost({ engineFactory: noEngine, shell: 'browser', dataDir, secrets: async () => memorySecretStore() });
type Health = { ok: boolean; message: string };
const healthOf = (r: Result<unknown>): Health => {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return (r as { value: Health }).value;
};
const errorOf = (r: Result<unknown>) => {
  assert.equal(r.ok, false, 'refused');
  return (r as { error: string }).error;
};

test('settings:set refuses a model bundle folder that does not exist, and saves nothing', async () => {
  const dataDir = tmp();
  const host = hostIn(dataDir);
  const missing = join(tmp(), 'no-such-bundle');
  const err = errorOf(await host.dispatch('settings:set', { modelBundle: missing, maxSteps: 9 }));
  assert.match(err, /The model bundle folder ".*no-such-bundle" does not exist, so the settings were not saved\. Check the path, pick a Magma bundle from Installed models, or clear the field/);
  assert.equal(host.settings().modelBundle, '');
  assert.equal(host.settings().maxSteps, 25, 'nothing of the refused patch was applied');
  assert.equal(existsSync(join(dataDir, 'settings.json')), false, 'nothing written');
  await host.close();
});

test('settings:set refuses a folder that is not a bundle, or an incomplete one, saying what is missing', async () => {
  const host = hostIn(tmp());
  const empty = tmp();
  assert.match(errorOf(await host.dispatch('settings:set', { modelBundle: empty })), /is not a Magma model bundle: it has no manifest\.json/);
  const broken = tmp();
  const manifest = JSON.parse(readFileSync(join(TINY_BUNDLE, 'manifest.json'), 'utf8')) as object;
  writeFileSync(join(broken, 'manifest.json'), JSON.stringify(manifest));
  assert.match(errorOf(await host.dispatch('settings:set', { modelBundle: broken })), /cannot be used: bundle file missing: .*\.onnx/);
  assert.match(errorOf(await host.dispatch('settings:set', { modelBundle: 'models/magma' })), /is not a full path/);
  await host.close();
});

test('settings:set saves a real bundle folder, and an empty field', async () => {
  const dataDir = tmp();
  const host = hostIn(dataDir);
  const r = await host.dispatch('settings:set', { modelBundle: TINY_BUNDLE });
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).modelBundle, TINY_BUNDLE);
  const cleared = await host.dispatch('settings:set', { modelBundle: '' });
  assert.ok(cleared.ok, cleared.ok ? '' : cleared.error);
  assert.equal(host.settings().modelBundle, '');
  await host.close();
});

test('endpoint:health: a served model is found on the loopback server', async () => {
  const host = hostIn(tmp());
  const h = healthOf(await host.dispatch('endpoint:health', { endpoint: { baseUrl: server.url, model: 'qwen2.5vl:7b' } }));
  assert.ok(h.ok, h.message);
  assert.equal(h.message, 'the server answers and serves qwen2.5vl:7b');
  await host.close();
});

test('endpoint:health: port 9 is explained (fetch refuses it) with the ports servers really use', async () => {
  const host = hostIn(tmp());
  const h = healthOf(await host.dispatch('endpoint:health', { endpoint: { baseUrl: 'http://127.0.0.1:9/v1', model: '' } }));
  assert.equal(h.ok, false);
  assert.doesNotMatch(h.message, /failed: bad port$/);
  assert.match(h.message, /^port 9 cannot be used: it is on the list of ports that web browsers and Node's fetch refuse to connect to \(a "bad port", blocked for safety\), so nothing was sent to http:\/\/127\.0\.0\.1:9\/v1; use the port your model server really listens on \(Ollama: 11434, vLLM: 8000, LM Studio: 1234\)$/);
  await host.close();
});

test('endpoint:health: nothing listening says no server answers and what to start', async () => {
  const host = hostIn(tmp());
  const h = healthOf(await host.dispatch('endpoint:health', { endpoint: { baseUrl: deadUrl, model: 'm' } }));
  assert.equal(h.ok, false);
  assert.match(h.message, /^no model server answers at http:\/\/127\.0\.0\.1:\d+\/v1: start it \(e\.g\. `ollama serve`.*\) or correct the server URL$/);
  await host.close();
});

test('the openai planner with no server running says that first: in the app with Settings, in the CLI with its flag', async () => {
  for (const model of ['', 'qwen2.5vl:7b']) {
    const e = await createPlanner('openai', 'x', { endpoint: { baseUrl: deadUrl, model }, apiKey: async () => undefined }).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof ModelServerError, `model "${model}": ${String(e)}`);
    assert.match(messageFor(e, 'app'), /^No model server answers at http:\/\/127\.0\.0\.1:\d+\/v1\. Start it \(e\.g\. `ollama serve`\) or change the server in Settings\.$/);
    assert.match(messageFor(e, 'cli'), /^No model server answers at .* Start it \(e\.g\. `ollama serve`\) or give its address with --endpoint <url>\.$/);
    assert.doesNotMatch(messageFor(e, 'app'), /--|no model id/);
  }
  const port9 = await createPlanner('openai', 'x', { endpoint: { baseUrl: 'http://127.0.0.1:9/v1', model: '' }, apiKey: async () => undefined }).catch((err: unknown) => err);
  assert.match(messageFor(port9, 'app'), /^Port 9 cannot be used.* Change the server in Settings to the port your model server listens on/);
  const noUrl = await createPlanner('openai', 'x', { endpoint: { baseUrl: '' } }).catch((err: unknown) => err);
  assert.ok(noUrl instanceof PlannerSetupError, 'still bad usage (exit code 2) in the CLI');
  assert.equal(messageFor(noUrl, 'app'), 'This planner needs a model server (an OpenAI-compatible one, such as Ollama or vLLM). Set the server in Settings.');
  assert.match(messageFor(noUrl, 'cli'), /Pass --endpoint http:\/\/host:port\/v1\./);
});

test('a run of the openai planner from the app with no server fails with the real cause and no CLI flag', async () => {
  const host = createAppHost({ engineFactory: composedEngineFactory({ dryRun: true }), shell: 'browser', secrets: async () => memorySecretStore() });
  const events: RunEvent[] = [];
  host.subscribe((channel, payload) => channel === 'run:event' && events.push(payload as RunEvent));
  const set = await host.dispatch('settings:set', { planner: 'openai', endpoint: { baseUrl: deadUrl, model: '' } });
  assert.ok(set.ok, set.ok ? '' : set.error);
  const started = await host.dispatch('run:start', { goal: 'open the Downloads folder' });
  assert.ok(started.ok, started.ok ? '' : started.error);
  await host.idle();
  const fin = events.find((e) => e.type === 'run_finished');
  assert.equal(fin?.type === 'run_finished' && fin.status, 'failed');
  assert.match(fin?.type === 'run_finished' ? fin.reason : '', /^No model server answers at http:\/\/127\.0\.0\.1:\d+\/v1\. Start it \(e\.g\. `ollama serve`\) or change the server in Settings\.$/);
  await host.close();
});
