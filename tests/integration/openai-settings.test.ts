/**
 * The app side of model servers: the settings schema's endpoint, the endpoint:health / endpoint:set-key /
 * models:list channels through the contract's dispatcher, and the secret store (the key never in settings.json).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAppHost } from '../../electron/main/app-host.js';
import { encryptedFileStore, memorySecretStore, openSecretStore } from '../../electron/adapters/secrets.js';
import { apiKeyName } from '../../electron/shells/openai-planners.js';
import { DEFAULT_SETTINGS } from '../../electron/common/ipc-contract.js';
import { startFakeOpenAi, type FakeServer } from '../fixtures/openai/fake-server.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'magma-openai-settings-'));
  dirs.push(d);
  return d;
};
let server: FakeServer;
before(async () => {
  server = await startFakeOpenAi({ models: ['qwen2.5vl:7b'], reply: () => ({ text: 'OK' }) });
});
after(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const noEngine = () => {
  throw new Error('no engine in this test');
};

describe('settings and channels for model servers', () => {
  it('endpoint settings persist; the API key goes to the secret store, never into settings.json', async () => {
    const dataDir = tmp();
    const secrets = memorySecretStore();
    const host = createAppHost({ engineFactory: noEngine, shell: 'browser', dataDir, secrets: async () => secrets });
    const set = await host.dispatch('settings:set', { planner: 'openai', endpoint: { baseUrl: server.url, model: 'qwen2.5vl:7b', family: 'qwen2.5-vl' } });
    assert.ok(set.ok, set.ok ? '' : set.error);
    assert.deepEqual((set.value as typeof DEFAULT_SETTINGS).endpoint, { ...DEFAULT_SETTINGS.endpoint, baseUrl: server.url, model: 'qwen2.5vl:7b', family: 'qwen2.5-vl' });
    const key = await host.dispatch('endpoint:set-key', { key: 'sk-secret-value-123' });
    assert.deepEqual(key, { ok: true, value: { stored: true, backend: 'memory' } });
    assert.equal(await secrets.get(apiKeyName(server.url)), 'sk-secret-value-123');
    const onDisk = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f), 'utf8')).join('\n');
    assert.ok(!onDisk.includes('sk-secret-value-123'), 'no file of the data folder holds the key');
    assert.match(onDisk, /"family": "qwen2.5-vl"/);
    const h = await host.dispatch('endpoint:health', {});
    assert.ok(h.ok, h.ok ? '' : h.error);
    assert.deepEqual({ ...(h.value as object), latencyMs: 0 }, {
      ok: true, message: 'the server answers and serves qwen2.5vl:7b', latencyMs: 0, models: ['qwen2.5vl:7b'], family: 'qwen2.5-vl', keyStored: true, keyBackend: 'memory',
    });
    assert.equal(server.requests.at(-1)!.authorization, 'Bearer sk-secret-value-123', 'the health check sends the stored key');
    const removed = await host.dispatch('endpoint:set-key', { key: '' });
    assert.deepEqual(removed, { ok: true, value: { stored: false, backend: 'memory' } });
    await host.close();
  });

  it('endpoint:health checks a draft before it is saved, and reports a bad URL as a result, not a crash', async () => {
    const host = createAppHost({ engineFactory: noEngine, shell: 'browser', secrets: async () => memorySecretStore() });
    const draft = await host.dispatch('endpoint:health', { endpoint: { baseUrl: server.url, model: 'llava', family: 'auto' } });
    assert.ok(draft.ok);
    assert.equal((draft.value as { ok: boolean }).ok, false);
    assert.match((draft.value as { message: string }).message, /does not serve "llava"/);
    const bad = await host.dispatch('endpoint:health', { endpoint: { baseUrl: 'ftp://x' } });
    assert.ok(bad.ok);
    assert.match((bad.value as { message: string }).message, /must be http/);
    const badKey = await host.dispatch('endpoint:set-key', { key: 'k', baseUrl: 'not a url' });
    assert.equal(badKey.ok, false);
    const wrongType = await host.dispatch('settings:set', { endpoint: { timeoutMs: 5 } });
    assert.equal(wrongType.ok, false, 'a timeout under 1 s is refused by the schema');
    await host.close();
  });

  it('keys are kept per server origin: a key saved for one server is not sent to another', () => {
    assert.notEqual(apiKeyName('http://127.0.0.1:8000/v1'), apiKeyName('http://127.0.0.1:11434/v1'));
    assert.equal(apiKeyName('http://127.0.0.1:8000/v1'), apiKeyName('http://127.0.0.1:8000/other'));
  });

  it('models:list shows the store the CLI manages', async () => {
    const store = tmp();
    mkdirSync(join(store, 'detector'));
    writeFileSync(join(store, 'detector', 'model.onnx'), 'abc');
    writeFileSync(join(store, 'detector', 'manifest.json'), JSON.stringify({
      format: 'magma-desk-model', licence: 'AGPL-3.0', files: { 'model.onnx': { bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' } },
    }));
    const host = createAppHost({ engineFactory: noEngine, shell: 'browser', modelsDir: store });
    const r = await host.dispatch('models:list', {});
    assert.deepEqual(r, { ok: true, value: { dir: store, models: [{ name: 'detector', dir: join(store, 'detector'), kind: 'file', licence: 'AGPL-3.0', files: 1, bytes: 3 }] } });
    await host.close();
  });
});

describe('secret store', () => {
  it('the encrypted-file store round-trips, keeps no plain key on disk, and says what it protects against', async () => {
    const dir = tmp();
    const s = encryptedFileStore(dir);
    assert.equal(s.backend, 'encrypted-file');
    assert.match(s.warning ?? '', /not from someone who can read your files/);
    await s.set('k', 'sk-plain-text-must-not-appear');
    assert.equal(await s.get('k'), 'sk-plain-text-must-not-appear');
    assert.equal(await encryptedFileStore(dir).get('k'), 'sk-plain-text-must-not-appear', 'a new process reads it back');
    for (const f of readdirSync(dir)) assert.ok(!readFileSync(join(dir, f), 'utf8').includes('sk-plain-text'), f);
    await s.delete('k');
    assert.equal(await s.get('k'), undefined);
  });

  it('with a passphrase, the wrong passphrase reads nothing (never a garbled key)', async () => {
    const dir = tmp();
    const s = encryptedFileStore(dir, 'correct horse');
    assert.equal(s.warning, undefined);
    await s.set('k', 'v1');
    assert.equal(await encryptedFileStore(dir, 'correct horse').get('k'), 'v1');
    assert.equal(await encryptedFileStore(dir, 'wrong').get('k'), undefined);
  });

  it('outside Electron, with no keychain answering, openSecretStore falls back to the encrypted file', async () => {
    const s = await openSecretStore({ dir: tmp(), keychain: false });
    assert.equal(s.backend, 'encrypted-file');
  });
});
