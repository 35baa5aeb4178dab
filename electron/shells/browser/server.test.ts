import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import type { RunEvent } from '../../common/run-events.js';
import { scriptedEngine } from '../../../tests/e2e/scripted-engine.js';
import { appWindowArgs, contentSecurityPolicy, startBrowserShell, type BrowserShell } from './server.js';

const engine = scriptedEngine({ actions: [{ kind: 'click', target: { mark: 0 } }] });
let shell: BrowserShell;
const dir = mkdtempSync(join(tmpdir(), 'magma-renderer-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title><script src="app.js"></script>');
writeFileSync(join(dir, 'app.js'), 'void 0;');

before(async () => {
  shell = await startBrowserShell({ engineFactory: () => engine, rendererDir: dir });
});
after(async () => {
  await shell.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((res, rej) => {
    const r = request({ host: '127.0.0.1', port: shell.port, path, headers }, (resp) => {
      const chunks: Buffer[] = [];
      resp.on('data', (c: Buffer) => chunks.push(c));
      resp.on('end', () => res({ status: resp.statusCode ?? 0, headers: resp.headers, body: Buffer.concat(chunks) }));
    });
    r.on('error', rej);
    r.end();
  });
}

function connect(path: string, origin: string | undefined): Promise<WebSocket> {
  return new Promise((res, rej) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}${path}`, origin ? { origin } : {});
    ws.once('open', () => res(ws));
    ws.once('unexpected-response', (_req, resp) => rej(new Error(`HTTP ${resp.statusCode}`)));
    ws.once('error', rej);
  });
}

function client(ws: WebSocket) {
  let next = 1;
  const waiting = new Map<number, (r: unknown) => void>();
  const events: RunEvent[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d));
    if (m.kind === 'result') waiting.get(m.id)?.(m.result);
    else if (m.channel === 'run:event') events.push(m.payload);
  });
  return {
    events,
    call(channel: string, input: unknown): Promise<{ ok: boolean; value?: Record<string, unknown> & { shell?: string; accepted?: boolean }; error?: string }> {
      const id = next++;
      ws.send(JSON.stringify({ id, channel, input }));
      return new Promise((r) => waiting.set(id, r as never));
    },
  };
}

test('the page is served only at the token URL, with a CSP that has no unsafe-eval', async () => {
  assert.match(shell.url, /^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
  const ok = await get(new URL(shell.url).pathname);
  assert.equal(ok.status, 200);
  assert.match(String(ok.headers['content-security-policy']), /script-src 'self'/);
  assert.doesNotMatch(String(ok.headers['content-security-policy']), /unsafe/);
  assert.equal((await get(`/${shell.token}/app.js`)).status, 200);
});

test('a request without the token, with a wrong token, another origin or another Host is refused', async () => {
  assert.equal((await get('/')).status, 403);
  assert.equal((await get('/index.html')).status, 403);
  assert.equal((await get('/app.js')).status, 403);
  assert.equal((await get(`/${'x'.repeat(32)}/`)).status, 403);
  assert.equal((await get(`/${shell.token.slice(0, -1)}/`)).status, 403);
  assert.equal((await get(`/${shell.token}/`, { Origin: 'http://evil.example' })).status, 403);
  assert.equal((await get(`/${shell.token}/`, { Host: 'evil.example' })).status, 403);
  assert.equal((await get(`/${shell.token}/`, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
  assert.equal((await get(`/${shell.token}/../../etc/passwd`)).status, 404);
  assert.equal((await get(`/${shell.token}/frames/nope.png`)).status, 404);
});

test('the WebSocket needs the token, this origin and the /ws path', async () => {
  await assert.rejects(connect('/ws', shell.origin), /403/);
  await assert.rejects(connect(`/${'a'.repeat(32)}/ws`, shell.origin), /403/);
  await assert.rejects(connect(`/${shell.token}/ws`, 'http://evil.example'), /403/);
  await assert.rejects(connect(`/${shell.token}/ws`, undefined), /403/);
  await assert.rejects(connect(`/${shell.token}/ws?x=1`.replace('/ws', '/other'), shell.origin), /403/);
  const ws = await connect(`/${shell.token}/ws`, shell.origin);
  ws.close();
});

test('a run over the WebSocket: events arrive, approval by id, frames by id with the token', async () => {
  const ws = await connect(`/${shell.token}/ws`, shell.origin);
  const c = client(ws);
  const info = await c.call('app:info', {});
  assert.equal(info.ok, true);
  assert.equal(info.value?.shell, 'browser');
  assert.equal((await c.call('nope:nope', {})).ok, false);
  assert.equal((await c.call('run:start', { goal: 5 })).ok, false);
  assert.equal((await c.call('run:start', { goal: 'click 7' })).ok, true);
  while (!c.events.some((e) => e.type === 'approval_requested')) await new Promise((r) => setTimeout(r, 5));
  const req = c.events.find((e) => e.type === 'approval_requested')!;
  assert.equal(req.type, 'approval_requested');
  if (req.type !== 'approval_requested') return;
  assert.equal((await c.call('approval:decide', { approvalId: req.request.id, verdict: 'approve' })).value?.accepted, true);
  await shell.host.idle();
  while (!c.events.some((e) => e.type === 'run_finished')) await new Promise((r) => setTimeout(r, 5));
  assert.equal(engine.executed.length, 1);
  const png = await get(`/${shell.token}/frames/${req.request.frameId}.png`);
  assert.equal(png.status, 200);
  assert.equal(png.headers['content-type'], 'image/png');
  assert.deepEqual([...png.body.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.equal((await get(`/frames/${req.request.frameId}.png`)).status, 403);
  ws.close();
});

test('a malformed WebSocket message closes that socket and the server keeps serving', async () => {
  const ws = await connect(`/${shell.token}/ws`, shell.origin);
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  ws.send('{not json');
  assert.equal(await closed, 1007);
  const again = await connect(`/${shell.token}/ws`, shell.origin);
  assert.equal((await client(again).call('settings:get', {})).ok, true);
  again.close();
});

test('the app window runs Chromium with its own profile and without background networking', () => {
  const args = appWindowArgs('http://127.0.0.1:1/t/', '/tmp/p');
  assert.ok(args.includes('--app=http://127.0.0.1:1/t/'));
  assert.ok(args.includes('--user-data-dir=/tmp/p'));
  assert.ok(args.includes('--disable-background-networking'));
  assert.match(contentSecurityPolicy('http://127.0.0.1:5'), /connect-src 'self' ws:\/\/127\.0\.0\.1:5/);
});

test('close() does not wait for a browser that keeps connections open (a preconnected socket, a request half sent)', async () => {
  const s = await startBrowserShell({ engineFactory: () => engine, rendererDir: dir });
  const { connect: tcp } = await import('node:net');
  const open = (first?: string) => new Promise<import('node:net').Socket>((res) => {
    const so = tcp(s.port, '127.0.0.1', () => { if (first) so.write(first); res(so); });
    so.on('error', () => undefined);
  });
  // Chromium opens sockets before it has a request for them, and a request may be cut off mid-header.
  const sockets = [await open(), await open(`GET /${s.token}/ HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n`)];
  const closed = await Promise.race([s.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000))]);
  for (const so of sockets) so.destroy();
  assert.equal(closed, 'closed');
});
