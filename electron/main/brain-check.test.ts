import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Result } from '../common/ipc-contract.js';
import type { DisplayInfo } from '../common/geometry.js';
import { scriptedEngine } from '../../tests/e2e/scripted-engine.js';
import { memorySecretStore } from '../adapters/secrets.js';
import { createAppHost, type AppHostOptions } from './app-host.js';

const FIXTURE_BUNDLE = join(import.meta.dirname, '..', '..', 'models', 'magma', 'fixtures', 'tiny-fp32');
const servers: Server[] = [];
after(() => servers.forEach((s) => (s.closeAllConnections(), s.close())));

function host(extra: Partial<AppHostOptions> = {}) {
  const engine = scriptedEngine({ actions: [{ kind: 'click', target: { mark: 0 } }] });
  const h = createAppHost({ engineFactory: () => engine, shell: 'browser', preflight: true, ...extra });
  return { h, engine };
}
const value = <T>(r: Result<unknown>) => {
  assert.equal(r.ok, true, r.ok ? '' : r.error);
  return (r as { value: T }).value;
};
type Start = { runId: string } | { refused: { need: string; message: string; fixes: string[] } };

/** A fake OpenAI-compatible server: GET /v1/models lists `models`; `hang` accepts and never answers. */
async function fakeServer(models: string[], hang = false): Promise<string> {
  const s = createServer((req, res) => {
    if (hang) return;
    if (req.url === '/v1/models') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: models.map((id) => ({ id })) }));
    res.writeHead(404).end();
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1`;
}
async function closedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}/v1`;
}

test('command mode: a plain-language goal and a "Q:" question are refused with what they need; no run starts', async () => {
  const { h, engine } = host();
  for (const goal of ['open the calculator', 'Q: what is on the screen?']) {
    const r = value<Start>(await h.dispatch('run:start', { goal }));
    assert.ok('refused' in r, goal);
    assert.equal(r.refused.need, 'model');
    assert.ok(r.refused.fixes.includes('use-server') && r.refused.fixes.includes('get-magma'));
  }
  assert.equal(engine.runs.length, 0, 'the engine never ran');
  assert.equal(h.state().status, 'idle');
  const ok = value<Start>(await h.dispatch('run:start', { goal: 'click 7' }));
  assert.ok('runId' in ok, 'a command goal runs');
  h.stop();
  await h.idle();
});

test('command mode: a command with a mistake is an error that names the step, not a need for a model', async () => {
  const { h, engine } = host();
  const r = await h.dispatch('run:start', { goal: 'click 7; press ctrl+nokey' });
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /^The command has a mistake \(step 2: .*nokey.*\)\. Fix it and run it again\.$/);
  assert.equal(engine.runs.length, 0);
});

test('magma: no bundle folder, a missing folder, or a truncated file is refused as a missing bundle; a whole bundle runs', async () => {
  const broken = mkdtempSync(join(tmpdir(), 'magma-broken-'));
  cpSync(FIXTURE_BUNDLE, broken, { recursive: true });
  truncateSync(join(broken, 'embed.onnx'), 10);
  const cases: [string, RegExp][] = [
    ['', /no model bundle folder is chosen/],
    [join(tmpdir(), 'no-such-bundle-xyz'), /no Magma bundle at/],
    [broken, /embed\.onnx has 10 bytes/],
  ];
  for (const [dir, why] of cases) {
    // settings:set refuses such a folder (bundle-check.ts); saved settings can still name one deleted or damaged since.
    const dataDir = mkdtempSync(join(tmpdir(), 'magma-saved-'));
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ planner: 'magma', modelBundle: dir }));
    const { h, engine } = host({ dataDir });
    const r = value<Start>(await h.dispatch('run:start', { goal: 'open the calculator' }));
    assert.ok('refused' in r, dir);
    assert.equal(r.refused.need, 'bundle');
    assert.match(r.refused.message, why);
    assert.deepEqual(r.refused.fixes, ['get-magma', 'open-settings', 'use-server', 'use-commands']);
    assert.equal(engine.runs.length, 0);
  }
  const { h } = host();
  value(await h.dispatch('settings:set', { planner: 'magma', modelBundle: FIXTURE_BUNDLE }));
  assert.ok('runId' in value<Start>(await h.dispatch('run:start', { goal: 'Q: what is on the screen?' })));
  await h.idle();
});

test('openai: a closed port, a server without the chosen model, and a server that hangs are refused as a server need', async () => {
  const hanging = await fakeServer([], true);
  for (const [baseUrl, model, why] of [
    [await closedUrl(), 'm', /no model server answers at/],
    [await fakeServer(['other-model']), 'qwen2.5vl:7b', /does not serve "qwen2\.5vl:7b"/],
    [hanging, '', /did not finish within 3 s/],
  ] as const) {
    const { h, engine } = host();
    value(await h.dispatch('settings:set', { planner: 'openai', endpoint: { baseUrl, model } }));
    const t0 = Date.now();
    const r = value<Start>(await h.dispatch('run:start', { goal: 'open the calculator' }));
    assert.ok(Date.now() - t0 < 4500, 'answers within the preflight limit');
    assert.ok('refused' in r, baseUrl);
    assert.equal(r.refused.need, 'server');
    assert.match(r.refused.message, why);
    assert.deepEqual(r.refused.fixes, ['use-server', 'open-settings', 'use-commands']);
    assert.equal(engine.runs.length, 0);
  }
  const { h, engine } = host();
  value(await h.dispatch('settings:set', { planner: 'openai', endpoint: { baseUrl: await fakeServer(['qwen2.5vl:7b']), model: 'qwen2.5vl:7b' } }));
  assert.ok('runId' in value<Start>(await h.dispatch('run:start', { goal: 'Q: what is on the screen?' })), 'a server that serves the model takes the goal');
  await h.idle();
  assert.equal(engine.runs.length, 1);
});

test('the status strip says the active brain, the display and what works now', async () => {
  const displays: DisplayInfo[] = [
    { id: 'DP-1', name: 'DP-1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1, primary: true },
    { id: 'HDMI-1', name: 'HDMI-1', bounds: { x: 1920, y: 0, width: 1280, height: 1024 }, scaleFactor: 1, primary: false },
  ];
  const { h } = host({ displays: async () => displays });
  type S = { brain: string; display: string; works: string; problem?: string };
  const cmd = value<S>(await h.dispatch('brain:status', {}));
  assert.equal(cmd.brain, 'commands (no model)');
  assert.equal(cmd.display, 'DP-1, 1920x1080 (runs use this one, the primary of 2)');
  assert.match(cmd.works, /Commands like "click 7" work; questions \(Q:\) and plain-language goals need a model/);
  assert.equal(cmd.problem, undefined);
  value(await h.dispatch('settings:set', { planner: 'openai', endpoint: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5vl:7b' } }));
  assert.equal(value<S>(await h.dispatch('brain:status', {})).brain, 'qwen2.5vl:7b on 127.0.0.1:11434');
  // A bundle that was whole when saved (settings:set refuses a missing one) and deleted since.
  const gone = join(mkdtempSync(join(tmpdir(), 'magma-gone-')), 'magma-int4');
  cpSync(FIXTURE_BUNDLE, gone, { recursive: true });
  value(await h.dispatch('settings:set', { planner: 'magma', modelBundle: gone }));
  rmSync(gone, { recursive: true });
  const magma = value<S>(await h.dispatch('brain:status', {}));
  assert.equal(magma.brain, `Magma-8B bundle ${gone}`);
  assert.ok((magma.problem ?? '').startsWith(`no Magma bundle at ${gone}`), magma.problem);
  const none = createAppHost({ engineFactory: () => scriptedEngine({ actions: [] }), shell: 'browser', displays: async () => Promise.reject(new Error('no X display')) });
  assert.equal(value<S>(await none.dispatch('brain:status', {})).display, 'none: no X display');
});

test('servers:detect probes the configured loopback ports only when asked', async () => {
  let asked = 0;
  const s = createServer((req, res) => {
    asked++;
    if (req.url === '/api/tags') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ models: [{ name: 'qwen2.5vl:7b' }] }));
    if (req.url === '/api/show') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ capabilities: ['completion', 'vision'] }));
    res.writeHead(404).end();
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  const closed = Number(new URL(await closedUrl()).port);
  const { h } = host({ serverPorts: { ollama: port, lmstudio: closed, vllm: closed, llamacpp: closed } });
  await h.dispatch('brain:status', {});
  await h.dispatch('app:info', {});
  assert.equal(asked, 0, 'nothing is probed until the renderer asks');
  const r = value<{ servers: { kind: string; found: boolean; baseUrl: string; models: unknown[] }[] }>(await h.dispatch('servers:detect', {}));
  const o = r.servers.find((x) => x.kind === 'ollama')!;
  assert.equal(o.found, true);
  assert.equal(o.baseUrl, `http://127.0.0.1:${port}/v1`);
  assert.deepEqual(o.models, [{ id: 'qwen2.5vl:7b', vision: 'yes' }]);
});

test('a settings file from before the first-run card loads, with the card not yet answered; an answer is kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'magma-old-settings-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ planner: 'command', modelBundle: '', maxSteps: 7, history: false }));
  const first = createAppHost({ engineFactory: () => scriptedEngine({ actions: [] }), shell: 'browser', dataDir: dir, secrets: async () => memorySecretStore() });
  const s = value<{ onboarded: boolean; maxSteps: number }>(await first.dispatch('settings:get', {}));
  assert.equal(s.maxSteps, 7, 'the old file was used, not replaced by defaults');
  assert.equal(s.onboarded, false);
  value(await first.dispatch('settings:set', { onboarded: true }));
  const again = createAppHost({ engineFactory: () => scriptedEngine({ actions: [] }), shell: 'browser', dataDir: dir, secrets: async () => memorySecretStore() });
  assert.equal(value<{ onboarded: boolean }>(await again.dispatch('settings:get', {})).onboarded, true);
});
