/**
 * The CLI as a newcomer meets it, run as a real process (bin/magma-desk.js) without an X display: the command list,
 * help for one command, the version, `start --help` starting nothing, `ask` with each kind of brain, and the app's
 * settings file deciding the brain unless a flag says otherwise. Model servers are fakes on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { encodePng } from '../../adapters/image-codec.js';
import { runCli } from '../../../tests/support/cli.js';
import { startFakeOpenAi, type FakeServer } from '../../../tests/fixtures/openai/fake-server.js';

const tmp = mkdtempSync(join(tmpdir(), 'md-cli-help-'));
const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const COMMANDS = ['start', 'run', 'ask', 'parse', 'screenshot', 'models', 'audit', 'help'];

/** A data folder whose settings.json holds `settings` (the same file the app writes). */
function dataDir(name: string, settings?: unknown): string {
  const d = join(tmp, name);
  mkdirSync(d, { recursive: true });
  if (settings !== undefined) writeFileSync(join(d, 'settings.json'), typeof settings === 'string' ? settings : JSON.stringify(settings));
  return d;
}
const cli = (args: string[], data = dataDir('empty')) => runCli(args, { MAGMA_DESK_DATA_DIR: data }, 60_000);
const chats = (s: FakeServer) => s.requests.filter((r) => r.path === '/v1/chat/completions');
const textOf = (s: FakeServer) => JSON.stringify(chats(s).at(-1)?.body?.messages ?? []);

let serverA: FakeServer;
let serverB: FakeServer;
let png: string;

before(async () => {
  serverA = await startFakeOpenAi({ models: ['model-a'], reply: () => ({ text: 'Server A says: the total is 42.' }) });
  serverB = await startFakeOpenAi({ models: ['model-b'], reply: () => ({ text: 'Server B says: 7.' }) });
  png = join(tmp, 'screen.png');
  const w = 96;
  const h = 64;
  writeFileSync(png, await encodePng({ width: w, height: h, data: new Uint8Array(w * h * 4).fill(255) }));
});
after(async () => {
  await serverA.close();
  await serverB.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('magma-desk --help, help <command> and --version', () => {
  test('--help lists every command, one line each, and says where the settings come from', async () => {
    const data = dataDir('help');
    const r = await cli(['--help'], data);
    assert.equal(r.code, 0, r.stderr);
    const section = r.stdout.split('Commands:\n')[1]!.split('\n\n')[0]!.split('\n');
    assert.deepEqual(section.map((l) => /^ {2}(\S+)/.exec(l)?.[1]), COMMANDS, `every line names one command:\n${section.join('\n')}`);
    for (const l of section) assert.match(l, /^ {2}\S.*\S {2,}\S/, `a command and its summary on one line: "${l}"`);
    assert.ok(r.stdout.includes(join(data, 'settings.json')), 'the settings file is named');
  });

  test('help ask and ask --help print the same help, with the brain options', async () => {
    const a = await cli(['help', 'ask']);
    const b = await cli(['ask', '--help']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(a.stdout, b.stdout);
    for (const o of ['--planner <name>', '--model <dir>', '--endpoint <url>', '--api-model <id>', '--family <name>', '--image <file>']) assert.ok(a.stdout.includes(o), `ask's help shows ${o}`);
    assert.match(a.stdout, /default: the app's settings, now "command"/);
  });

  test('help models and models --help show how to add, list, verify, remove and export', async () => {
    for (const args of [['help', 'models'], ['models', '--help']]) {
      const r = await cli(args);
      assert.equal(r.code, 0, r.stderr);
      for (const sub of ['list', 'add', 'remove', 'verify', 'export']) assert.match(r.stdout, new RegExp(`magma-desk models ${sub}`));
    }
  });

  test("--version prints package.json's version", async () => {
    const r = await cli(['--version']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), VERSION);
  });

  test('start --help prints the options and exits without starting a server', async () => {
    // A started app would print its address and wait for Ctrl-C: runCli would time out instead of returning.
    const t = performance.now();
    const r = await runCli(['start', '--help'], { MAGMA_DESK_DATA_DIR: dataDir('start') }, 30_000);
    const ms = performance.now() - t;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Usage: magma-desk start/);
    assert.match(r.stdout, /--no-open/);
    assert.doesNotMatch(r.stdout + r.stderr, /http:\/\/|is at/);
    assert.ok(ms < 30_000, `exited after ${Math.round(ms)} ms`);
  });

  test('a port that is not a number is bad usage (exit 2), before anything starts', async () => {
    const r = await cli(['start', '--port', 'eighty']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"eighty" is not a port/);
  });
});

describe('magma-desk ask', () => {
  test('with the command planner: exit 2 and how to get a model that can answer', async () => {
    const r = await cli(['ask', '--image', png, 'what is the total?']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Command mode cannot answer questions/);
    assert.match(r.stderr, /Command mode is the planner in the app's settings/);
    assert.match(r.stderr, /Local model servers/);
    assert.match(r.stderr, /Magma-8B on your GPU/);
    assert.match(r.stderr, /--planner openai --endpoint/);
  });

  test('--planner openai --endpoint <server> answers from the screenshot it was sent', async () => {
    const before = chats(serverA).length;
    const r = await cli(['ask', '--planner', 'openai', '--endpoint', serverA.url, '--image', png, 'Q: what is the total?']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Server A says: the total is 42.\n');
    assert.equal(chats(serverA).length, before + 1, 'one request');
    assert.match(textOf(serverA), /what is the total\? Answer the question briefly\./);
    assert.match(textOf(serverA), /data:image\/png;base64,/);
    assert.equal(chats(serverA).at(-1)!.body?.model, 'model-a', 'the first model the server lists');
  });

  test('an --endpoint alone picks the model-server planner', async () => {
    const r = await cli(['ask', '--endpoint', serverB.url, '--image', png, 'what is shown?']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Server B says: 7.\n');
  });

  test('a question that is only "Q:" is bad usage', async () => {
    const r = await cli(['ask', '--endpoint', serverA.url, 'Q:']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the question is missing/);
  });
});

describe("run and ask take the app's settings unless a flag is given", () => {
  const settings = { planner: 'openai', endpoint: { baseUrl: '', model: 'settings-model' } };

  test("ask with no flags uses the settings' planner, server and model id", async () => {
    const data = dataDir('ask-settings', { ...settings, endpoint: { ...settings.endpoint, baseUrl: serverA.url } });
    const before = chats(serverA).length;
    const r = await cli(['ask', '--image', png, 'what is the total?'], data);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Server A says: the total is 42.\n');
    assert.equal(chats(serverA).length, before + 1);
    assert.equal(chats(serverA).at(-1)!.body?.model, 'settings-model');
  });

  test("with the hybrid planner in the settings, its planning server answers (Magma is not needed for a question)", async () => {
    const data = dataDir('ask-hybrid', { planner: 'hybrid', modelBundle: join(tmp, 'no-bundle-here'), endpoint: { baseUrl: serverB.url } });
    const r = await cli(['ask', '--image', png, 'what is shown?'], data);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Server B says: 7.\n');
  });

  test('flags override the settings: another server and model id, or the command planner', async () => {
    const data = dataDir('ask-override', { ...settings, endpoint: { ...settings.endpoint, baseUrl: serverA.url } });
    const aBefore = chats(serverA).length;
    const r = await cli(['ask', '--endpoint', serverB.url, '--api-model', 'model-b', '--image', png, 'what is shown?'], data);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Server B says: 7.\n');
    assert.equal(chats(serverB).at(-1)!.body?.model, 'model-b');
    assert.equal(chats(serverA).length, aBefore, 'the settings\' server was not asked');
    const c = await cli(['ask', '--planner', 'command', '--image', png, 'what is shown?'], data);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /cannot answer questions/);
  });

  test("run uses the settings' model server, and --endpoint replaces it", async () => {
    // Without an X display the run cannot capture; by then it has already asked the server for its models.
    const data = dataDir('run-settings', { planner: 'openai', endpoint: { baseUrl: serverA.url } });
    const models = (s: FakeServer) => s.requests.filter((q) => q.path === '/v1/models').length;
    const [a0, b0] = [models(serverA), models(serverB)];
    const r = await cli(['run', '--yes', '--dry-run', 'open the menu'], data);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /using the openai planner from the app's settings/);
    assert.equal(models(serverA), a0 + 1, "the settings' server was asked");
    const o = await cli(['run', '--yes', '--dry-run', '--endpoint', serverB.url, 'open the menu'], data);
    assert.equal(o.code, 1, o.stderr);
    assert.equal(models(serverB), b0 + 1, 'the --endpoint server was asked');
    assert.equal(models(serverA), a0 + 1, "and not the settings' server");
  });

  test('a settings file that cannot be used is reported, and the defaults apply', async () => {
    const data = dataDir('broken', '{ "planner": "openai", ');
    const r = await cli(['ask', '--image', png, 'what is shown?'], data);
    assert.equal(r.code, 2, 'the default planner (command) cannot answer');
    assert.match(r.stderr, /settings file .*settings\.json was not used: it is not readable JSON/);
  });
});
