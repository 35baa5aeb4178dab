import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { detectServers } from './server-detect.js';
import { closedPort } from '../../tests/support/ports.js';

type Route = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const servers: Server[] = [];
after(() => servers.forEach((s) => s.closeAllConnections?.() ?? s.close()));

/** A fake server on a free loopback port; routes by "METHOD /path"; anything else is 404. */
async function fake(routes: Record<string, unknown | Route>): Promise<number> {
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const r = routes[`${req.method} ${req.url}`];
      if (r === undefined) return void res.writeHead(404).end('not found');
      if (typeof r === 'function') return (r as Route)(req, body, res);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r));
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

const hang: Route = () => undefined;

test('Ollama: models from /api/tags, vision from /api/show capabilities (yes, no, and unknown where not said)', async () => {
  const ollama = await fake({
    'GET /api/tags': { models: [{ name: 'qwen2.5vl:7b' }, { name: 'llama3.2:3b' }, { name: 'old:1b' }] },
    'POST /api/show': ((_req, body, res) => {
      const model = (JSON.parse(body) as { model: string }).model;
      const caps = model === 'qwen2.5vl:7b' ? { capabilities: ['completion', 'vision'] } : model === 'llama3.2:3b' ? { capabilities: ['completion', 'tools'] } : { modelfile: '...' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(caps));
    }) as Route,
  });
  const closed = await closedPort();
  const found = await detectServers({ ports: { ollama, lmstudio: closed, vllm: closed, llamacpp: closed } });
  const o = found.find((s) => s.kind === 'ollama')!;
  assert.equal(o.found, true);
  assert.equal(o.baseUrl, `http://127.0.0.1:${ollama}/v1`);
  assert.deepEqual(o.models, [
    { id: 'qwen2.5vl:7b', vision: 'yes' },
    { id: 'llama3.2:3b', vision: 'no' },
    { id: 'old:1b', vision: 'unknown' },
  ]);
  for (const kind of ['lmstudio', 'vllm', 'llamacpp']) {
    const s = found.find((x) => x.kind === kind)!;
    assert.equal(s.found, false);
    assert.equal(s.note, `nothing listens on port ${closed}`);
  }
});

test('LM Studio: type "vlm" is vision, "llm" is not, embeddings are left out; without /api/v0 the /v1 list is unknown', async () => {
  const lm = await fake({ 'GET /api/v0/models': { data: [{ id: 'qwen2-vl-7b', type: 'vlm' }, { id: 'llama-3', type: 'llm' }, { id: 'nomic-embed', type: 'embeddings' }] } });
  const lmOld = await fake({ 'GET /v1/models': { data: [{ id: 'some-model' }] } });
  const closed = await closedPort();
  const [a, b] = await Promise.all([
    detectServers({ ports: { ollama: closed, lmstudio: lm, vllm: closed, llamacpp: closed } }),
    detectServers({ ports: { ollama: closed, lmstudio: lmOld, vllm: closed, llamacpp: closed } }),
  ]);
  assert.deepEqual(a.find((s) => s.kind === 'lmstudio')!.models, [{ id: 'qwen2-vl-7b', vision: 'yes' }, { id: 'llama-3', vision: 'no' }]);
  assert.deepEqual(b.find((s) => s.kind === 'lmstudio')!.models, [{ id: 'some-model', vision: 'unknown' }]);
});

test('vLLM lists models without a vision flag (unknown); llama.cpp reads modalities.vision from /props', async () => {
  const vllm = await fake({ 'GET /v1/models': { object: 'list', data: [{ id: 'ByteDance-Seed/UI-TARS-1.5-7B', object: 'model' }] } });
  const llamaVision = await fake({ 'GET /v1/models': { data: [{ id: 'gemma-3-4b' }] }, 'GET /props': { modalities: { vision: true } } });
  const llamaText = await fake({ 'GET /v1/models': { data: [{ id: 'phi-4' }] }, 'GET /props': { modalities: { vision: false } } });
  const llamaOld = await fake({ 'GET /v1/models': { data: [{ id: 'x' }] }, 'GET /props': { total_slots: 1 } });
  const closed = await closedPort();
  const run = (llamacpp: number) => detectServers({ ports: { ollama: closed, lmstudio: closed, vllm, llamacpp } });
  const r = await run(llamaVision);
  assert.deepEqual(r.find((s) => s.kind === 'vllm')!.models, [{ id: 'ByteDance-Seed/UI-TARS-1.5-7B', vision: 'unknown' }]);
  assert.deepEqual(r.find((s) => s.kind === 'llamacpp')!.models, [{ id: 'gemma-3-4b', vision: 'yes' }]);
  assert.deepEqual((await run(llamaText)).find((s) => s.kind === 'llamacpp')!.models, [{ id: 'phi-4', vision: 'no' }]);
  assert.deepEqual((await run(llamaOld)).find((s) => s.kind === 'llamacpp')!.models, [{ id: 'x', vision: 'unknown' }]);
});

test('a port that accepts but never answers is cut at 300 ms; the other ports still answer', async () => {
  const stuck = await fake({ 'GET /api/tags': hang });
  const vllm = await fake({ 'GET /v1/models': { data: [{ id: 'm' }] } });
  const closed = await closedPort();
  const t0 = performance.now();
  const r = await detectServers({ ports: { ollama: stuck, lmstudio: closed, vllm, llamacpp: closed } });
  const ms = performance.now() - t0;
  const o = r.find((s) => s.kind === 'ollama')!;
  assert.equal(o.found, false);
  assert.equal(o.note, `something on port ${stuck} did not answer within 300 ms`);
  assert.ok(ms >= 290 && ms < 900, `the whole detection took ${ms.toFixed(0)} ms`);
  assert.equal(r.find((s) => s.kind === 'vllm')!.found, true);
});

test('Ollama whose /api/show hangs: the models listed in time are kept, vision unknown, with a note', async () => {
  const ollama = await fake({ 'GET /api/tags': { models: [{ name: 'qwen2.5vl:7b' }] }, 'POST /api/show': hang });
  const closed = await closedPort();
  const o = (await detectServers({ ports: { ollama, lmstudio: closed, vllm: closed, llamacpp: closed } })).find((s) => s.kind === 'ollama')!;
  assert.equal(o.found, true);
  assert.deepEqual(o.models, [{ id: 'qwen2.5vl:7b', vision: 'unknown' }]);
  assert.match(o.note ?? '', /did not say within 300 ms/);
});

test('something else on a server port (HTML, other JSON) is not taken for that server', async () => {
  const web = await fake({ 'GET /v1/models': ((_q, _b, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>')) as Route, 'GET /api/tags': { hello: 'world' } });
  const closed = await closedPort();
  const r = await detectServers({ ports: { ollama: web, lmstudio: closed, vllm: web, llamacpp: closed } });
  for (const kind of ['ollama', 'vllm']) {
    const s = r.find((x) => x.kind === kind)!;
    assert.equal(s.found, false, kind);
    assert.match(s.note ?? '', /answers on port \d+, but not like/);
  }
});

test('every probe goes to 127.0.0.1, whatever the ports', async () => {
  const urls: string[] = [];
  const r = await detectServers({
    httpJson: async (u) => {
      urls.push(u);
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    },
  });
  assert.ok(r.every((s) => !s.found && /^nothing listens on port \d+$/.test(s.note ?? '')));
  assert.ok(urls.length >= 4);
  for (const u of urls) assert.equal(new URL(u).hostname, '127.0.0.1', u);
  assert.deepEqual([...new Set(urls.map((u) => new URL(u).port))].sort(), ['11434', '1234', '8000', '8080'].sort());
});
