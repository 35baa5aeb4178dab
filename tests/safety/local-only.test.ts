/**
 * S14 local-only: the CLI's commands run under a guard that records every connect, UDP send and DNS lookup; only
 * loopback and local sockets may appear. A positive control shows the guard sees and blocks a remote connection.
 * The one exception, `models pull`, contacts the model Hub it was started for and nothing else.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { AuditLog } from '../../electron/adapters/audit-log.js';
import { startFakeHub } from '../../electron/adapters/hub/testing/fake-hub.js';
import { tinyConvertibleRepo } from '../../electron/main/testing/tiny-hub-repo.js';
import { startXvfb, type XDisplay } from '../support/xvfb.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'magma-guard-'));
const guard = fileURLToPath(new URL('./connect-guard.ts', import.meta.url));
let x: XDisplay;
before(async () => { x = await startXvfb(640, 480); });
after(async () => { await x.stop(); rmSync(dir, { recursive: true, force: true }); });

interface Rec { kind: string; host?: string; port?: number; path?: string; allowed: boolean }
function guarded(args: string[], env: NodeJS.ProcessEnv = {}) {
  const log = join(dir, `c${Math.random().toString(36).slice(2)}.jsonl`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', guard, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env, MAGMA_CONNECT_LOG: log } });
  const recs = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec) : [];
  return { r, recs };
}

test('positive control: the guard records and blocks a remote connect and a remote DNS lookup', () => {
  const code = "const net=require('node:net');const dns=require('node:dns');dns.lookup('example.com',()=>{});const s=net.connect(443,'93.184.216.34');s.on('error',()=>{});";
  const { recs } = guarded(['-e', code]);
  assert.ok(recs.some((c) => c.kind === 'tcp' && c.host === '93.184.216.34' && !c.allowed), JSON.stringify(recs));
  assert.ok(recs.some((c) => c.kind === 'dns' && c.host === 'example.com' && !c.allowed));
});

test('magma-desk parse, run --dry-run and audit verify make no connection outside this machine', () => {
  const audit = join(dir, 'a.jsonl');
  const log = new AuditLog(audit);
  log.write({ type: 'x' });
  void log.close();
  const runs = [
    guarded(['bin/magma-desk.js', 'parse', 'tests/fixtures/perception/xcalc-1280x800.png']),
    guarded(['bin/magma-desk.js', 'run', '--dry-run', '--yes', '--max-steps', '3', 'wait 10; done'], { DISPLAY: x.display }),
    guarded(['bin/magma-desk.js', 'audit', 'verify', audit]),
  ];
  for (const { r, recs } of runs) {
    assert.ok(recs.some((c) => c.kind === 'guard'), `the guard was loaded: ${r.stderr.slice(-400)}`);
    const outside = recs.filter((c) => !c.allowed);
    assert.deepEqual(outside, [], `non-loopback activity: ${JSON.stringify(outside)}`);
  }
  assert.equal(runs[0]!.r.status, 0, runs[0]!.r.stderr.slice(-400));
  assert.equal(runs[1]!.r.status, 0, runs[1]!.r.stderr.slice(-400));
  assert.equal(runs[2]!.r.status, 0, runs[2]!.r.stderr.slice(-400));
});

/** Like guarded(), but without blocking this process's event loop (the fake Hub below answers from it). */
function guardedAsync(args: string[], env: NodeJS.ProcessEnv) {
  const log = join(dir, `c${Math.random().toString(36).slice(2)}.jsonl`);
  const p = spawn(process.execPath, ['--import', 'tsx', '--import', guard, ...args], { cwd: root, env: { ...env, MAGMA_CONNECT_LOG: log } });
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  return new Promise<{ code: number | null; stderr: string; recs: Rec[] }>((resolve) => p.on('close', (code) => {
    const recs = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec) : [];
    resolve({ code, stderr, recs });
  }));
}

test('models pull contacts only the Hub it is pointed at: a loopback HF_ENDPOINT and nothing else; by default only huggingface.co', async () => {
  // The tiny Magma checkpoint the converter turns into a bundle: a pull downloads, converts and installs it.
  const hub = await startFakeHub({ 'microsoft/Magma-8B': { files: tinyConvertibleRepo() } });
  const { HF_ENDPOINT: _e, HF_TOKEN: _t, ...env } = process.env;
  try {
    const store = join(dir, 'pull-store');
    const local = await guardedAsync(['bin/magma-desk.js', 'models', 'pull', '--dir', store], { ...env, HF_ENDPOINT: hub.endpoint });
    assert.equal(local.code, 0, local.stderr.slice(-600));
    assert.ok(local.recs.some((c) => c.kind === 'guard'));
    assert.ok(local.recs.some((c) => c.kind === 'tcp' && String(c.port) === new URL(hub.endpoint).port), 'the pull went to the Hub it was given');
    assert.ok(local.recs.some((c) => c.kind === 'tcp' && String(c.port) === new URL(hub.cdnOrigin).port), 'and to the storage origin the Hub redirected to');
    assert.deepEqual(local.recs.filter((c) => !c.allowed), []);

    const remote = await guardedAsync(['bin/magma-desk.js', 'models', 'pull', '--dir', store], env);
    assert.equal(remote.code, 1);
    assert.match(remote.stderr, /could not reach huggingface\.co/);
    const outside = remote.recs.filter((c) => !c.allowed);
    assert.ok(outside.length > 0, 'the attempt was seen (and blocked) by the guard');
    assert.deepEqual([...new Set(outside.map((c) => c.host))], ['huggingface.co'], JSON.stringify(outside));
  } finally {
    await hub.close();
  }
});
