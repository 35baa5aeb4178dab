/**
 * The openai and hybrid planners through the real HTTP client against a fake OpenAI-compatible server on
 * 127.0.0.1 (tests/fixtures/openai/fake-server.ts): streamed and plain replies of UI-TARS, Qwen2.5-VL and generic
 * models, malformed, slow and out-of-image replies, HTTP errors, keys, the health check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Element } from '../../electron/common/elements.js';
import type { Frame, RgbaImage } from '../../electron/agent/ports.js';
import type { PlanContext } from '../../electron/agent/planner/planner.js';
import { OpenAiPlanner } from '../../electron/agent/planner/openai.js';
import { HybridPlanner, MagmaGrounder } from '../../electron/agent/planner/hybrid.js';
import type { MagmaGenerator } from '../../electron/agent/planner/magma.js';
import type { ModelFamily } from '../../electron/agent/planner/reply-formats.js';
import { OpenAiClient, pngDataUrl } from '../../electron/adapters/openai-client.js';
import { resolveEndpoint } from '../../electron/shells/openai-planners.js';
import { createPlanner, PlannerSetupError } from '../../electron/shells/planners.js';
import { imageUrlOf, pngSizeOfDataUrl, startFakeOpenAi, textOf, type FakeServer, type ScriptedReply } from '../fixtures/openai/fake-server.js';

const W = 1280;
const H = 800;
const raw: RgbaImage = { width: W, height: H, data: new Uint8Array(W * H * 4).fill(200) };
const marked: RgbaImage = { width: W, height: H, data: new Uint8Array(W * H * 4).fill(90) };
const elements: Element[] = ['7', '8', 'Save'].map((text, id) => ({ id, kind: 'button', bbox: [100 + id * 60, 300, 150 + id * 60, 340], text, interactive: true, confidence: 1, source: 'test' }));

function ctx(goal = 'enter 7', signal = new AbortController().signal): PlanContext & { streamed: string[]; markedCalls: number } {
  const streamed: string[] = [];
  const c = {
    goal, step: 0, elements, history: [], signal, streamed, markedCalls: 0,
    frame: { id: 'f0', capturedAt: 0, image: raw, geometry: { display: { id: 'd', name: 'd', bounds: { x: 0, y: 0, width: W, height: H }, scaleFactor: 1, primary: true }, imageWidth: W, imageHeight: H } } as Frame,
    markedImage: () => {
      c.markedCalls++;
      return marked;
    },
    onReasoning: (t: string) => void streamed.push(t),
  };
  return c;
}

let script: ScriptedReply[] = [];
let server: FakeServer;
before(async () => {
  server = await startFakeOpenAi({ models: ['ui-tars-1.5-7b', 'qwen2.5vl:7b'], reply: () => script.shift() ?? { text: '' } });
});
after(() => server.close());

function planner(family: ModelFamily, o: { stream?: boolean; timeoutMs?: number; idleTimeoutMs?: number; apiKey?: string; baseUrl?: string } = {}) {
  const client = new OpenAiClient({ baseUrl: o.baseUrl ?? server.url, model: 'm', stream: o.stream ?? true, timeoutMs: o.timeoutMs ?? 10_000, idleTimeoutMs: o.idleTimeoutMs ?? 10_000, ...(o.apiKey ? { apiKey: o.apiKey } : {}) });
  return new OpenAiPlanner(client, pngDataUrl, { family });
}

function fresh(...replies: ScriptedReply[]) {
  script = replies;
  server.requests.length = 0;
}

describe('openai planner against an OpenAI-compatible server', () => {
  it('UI-TARS-1.5, streamed: the screenshot goes as a 1288x812 PNG, the reply streams live, the click maps back to the frame', async () => {
    const reply = "Thought: The calculator shows 0; I click the \"7\" key.\nAction: click(start_box='<|box_start|>(171,392)<|box_end|>')";
    fresh({ text: reply, chunk: 5 });
    const c = ctx();
    const r = await planner('ui-tars-1.5').next(c);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.action, { kind: 'click', target: { point: { space: 'image', x: (171 * W) / 1288, y: (392 * H) / 812 } } });
    assert.match(r.reasoning, /I click the "7" key/);
    const req = server.requests.at(-1)!;
    assert.equal(req.body?.model, 'm');
    assert.equal(req.body?.stream, true);
    assert.deepEqual(pngSizeOfDataUrl(imageUrlOf(req)!), { width: 1288, height: 812 });
    assert.match(textOf(req), /## User Instruction\nTask: enter 7/);
    assert.equal(c.markedCalls, 0, 'UI-TARS sees the raw screenshot, not the marks');
    assert.ok(c.streamed.length > 10, 'the reply arrived in pieces');
    assert.equal(c.streamed.join(''), reply);
  });

  it('the same reply without streaming gives the same click', async () => {
    fresh({ text: "Action: click(start_box='(171,392)')" });
    const r = await planner('ui-tars-1.5', { stream: false }).next(ctx());
    assert.ok(r.ok && r.action.kind === 'click');
    assert.equal(server.requests.at(-1)!.body?.stream, false);
    assert.deepEqual(r.action, { kind: 'click', target: { point: { space: 'image', x: (171 * W) / 1288, y: (392 * H) / 812 } } });
  });

  it('UI-TARS-1.0 answers 0..1000: the click stays in the box1000 space', async () => {
    fresh({ text: "Action: click(start_box='(133,482)')" });
    const r = await planner('ui-tars-1.0').next(ctx());
    assert.ok(r.ok);
    assert.deepEqual(r.action, { kind: 'click', target: { point: { space: 'box1000', x: 133, y: 482 } } });
  });

  it('Qwen2.5-VL: the tool is declared with the sent resolution and the tool call maps back', async () => {
    fresh({ text: '<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [520, 372]}}\n</tool_call>' });
    const r = await planner('qwen2.5-vl').next(ctx());
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.action, { kind: 'click', target: { point: { space: 'image', x: (520 * W) / 1288, y: (372 * H) / 812 } } });
    const sys = server.requests.at(-1)!.body!.messages![0]!;
    assert.equal(sys.role, 'system');
    assert.match(String(sys.content), /The screen's resolution is 1288x812/);
  });

  it('generic models get the marked screenshot and the marks as "ID: n, Text: ..." lines, and answer with a mark', async () => {
    fresh({ text: '```json\n{"Reasoning": "7 is mark 0", "Next Action": "left_click", "Box ID": 0, "value": null}\n```' });
    const c = ctx();
    const r = await planner('generic').next(c);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.action, { kind: 'click', target: { mark: 0 } });
    assert.equal(r.reasoning, '7 is mark 0');
    assert.equal(c.markedCalls, 1);
    const text = textOf(server.requests.at(-1)!);
    assert.match(text, /ID: 0, Text: 7\nID: 1, Text: 8\nID: 2, Text: Save/);
    assert.deepEqual(pngSizeOfDataUrl(imageUrlOf(server.requests.at(-1)!)!), { width: W, height: H });
  });

  it('a malformed reply is asked again once, with the reason; the second answer is used', async () => {
    fresh({ text: 'Sure! I would press the seven.' }, { text: "Action: click(start_box='(171,392)')" });
    const c = ctx();
    const r = await planner('ui-tars-1.5').next(c);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(server.requests.length, 2);
    assert.match(textOf(server.requests[1]!), /That answer could not be used: the reply holds no action in a known format/);
    assert.match(c.streamed.join(''), /reply not usable/);
  });

  it('malformed twice is a refusal, not a guess', async () => {
    fresh({ text: 'I am not sure.' }, { text: "Action: click(start_box='(abc" });
    const r = await planner('ui-tars-1.5').next(ctx());
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /no usable action twice/);
  });

  it('a point outside the image is an error both times, never a click', async () => {
    fresh({ text: "Action: click(start_box='(1500,300)')" }, { text: "Action: click(start_box='(1290,813)')" });
    const r = await planner('ui-tars-1.5').next(ctx());
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /outside the 1288x812 image/);
  });

  it('a server slower than the timeout is an error that says so', async () => {
    fresh({ text: "Action: click(start_box='(1,1)')", delayMs: 3000 });
    const t0 = Date.now();
    const r = await planner('ui-tars-1.5', { timeoutMs: 400 }).next(ctx());
    assert.ok(Date.now() - t0 < 2500, 'gave up at the timeout');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /did not finish within/);
  });

  it('a stream that stalls after its first token hits the idle timeout', async () => {
    fresh({ text: "Action: click(start_box='(1,1)')", stallMs: 3000 });
    const t0 = Date.now();
    const r = await planner('ui-tars-1.5', { idleTimeoutMs: 400 }).next(ctx());
    assert.ok(Date.now() - t0 < 2500);
    assert.match(r.ok ? '' : r.error, /sent nothing for/);
  });

  it('stopping the run aborts the request at once', async () => {
    fresh({ text: "Action: click(start_box='(1,1)')", delayMs: 3000 });
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(new Error('stop')), 150);
    const r = await planner('ui-tars-1.5').next(ctx('enter 7', ac.signal));
    assert.ok(Date.now() - t0 < 1500);
    assert.deepEqual(r, { ok: false, error: 'stopped' });
  });

  it('a vLLM image refusal (HTTP 400) names the fix', async () => {
    fresh({ status: 400, body: JSON.stringify({ object: 'error', message: 'At most 0 image(s) may be provided in one request.', type: 'BadRequestError', code: 400 }) });
    const r = await planner('ui-tars-1.5').next(ctx());
    assert.match(r.ok ? '' : r.error, /answered 400: At most 0 image\(s\).*--limit-mm-per-prompt/);
  });

  it('sends the key as a bearer token, and a 401 says the key was refused', async () => {
    fresh({ status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided' } }) });
    const r = await planner('ui-tars-1.5', { apiKey: 'sk-test-123' }).next(ctx());
    assert.equal(server.requests.at(-1)!.authorization, 'Bearer sk-test-123');
    assert.match(r.ok ? '' : r.error, /401: Incorrect API key.*refused the API key/);
  });

  it('reasoning_content of thinking models streams to the UI but is not parsed as the answer', async () => {
    fresh({ reasoning: 'Let me think: Action: click(start_box=\'(5000,5000)\')', text: "Action: click(start_box='(171,392)')" });
    const c = ctx();
    const r = await planner('ui-tars-1.5').next(c);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.match(c.streamed.join(''), /Let me think/);
  });

  it('a Q: goal is answered from the raw screenshot', async () => {
    fresh({ text: ' The display shows 42. ' });
    const c = ctx('Q: what does the calculator show?');
    const r = await planner('ui-tars-1.5').next(c);
    assert.deepEqual(r, { ok: true, action: { kind: 'answer', text: 'The display shows 42.' }, reasoning: 'The display shows 42.' });
    assert.match(textOf(server.requests.at(-1)!), /what does the calculator show\? Answer the question briefly\./);
  });
});

describe('endpoint composition and health', () => {
  it('health: the server answers and serves the model; a model it does not serve is named', async () => {
    const ok = await new OpenAiClient({ baseUrl: server.url, model: 'ui-tars-1.5-7b' }).health();
    assert.equal(ok.ok, true, ok.message);
    assert.deepEqual(ok.models, ['ui-tars-1.5-7b', 'qwen2.5vl:7b']);
    const missing = await new OpenAiClient({ baseUrl: `${server.url}/`, model: 'llava' }).health();
    assert.equal(missing.ok, false);
    assert.match(missing.message, /does not serve "llava"; it serves: ui-tars-1.5-7b, qwen2.5vl:7b/);
  });

  it('health: nothing listening is said plainly', async () => {
    const dead = await startFakeOpenAi({ reply: () => ({}) });
    const url = dead.url;
    await dead.close();
    const h = await new OpenAiClient({ baseUrl: url, model: 'x' }).health(2000);
    assert.equal(h.ok, false);
    assert.match(h.message, /no model server answers at http:\/\/127\.0\.0\.1:\d+\/v1: start it \(e\.g\. `ollama serve`/);
  });

  it('with no model id, the first listed model is used and its name gives the family', async () => {
    const ep = await resolveEndpoint({ endpoint: { baseUrl: server.url, model: '', family: 'auto' }, apiKey: async () => undefined });
    assert.equal(ep.settings.model, 'ui-tars-1.5-7b');
    assert.equal(ep.family, 'ui-tars-1.5');
  });

  it('createPlanner: openai needs a server URL; hybrid needs a Magma bundle (bad usage, not a crash)', async () => {
    await assert.rejects(createPlanner('openai', 'x', { endpoint: { baseUrl: '' } }), PlannerSetupError);
    await assert.rejects(createPlanner('openai', 'x', { endpoint: { baseUrl: 'file:///etc/passwd', model: 'm' }, apiKey: async () => undefined }), /must be http/);
    await assert.rejects(createPlanner('hybrid', 'x', { endpoint: { baseUrl: server.url, model: 'm' } }), /needs|grounds with Magma/);
    const p = await createPlanner('openai', 'x', { endpoint: { baseUrl: server.url, model: 'qwen2.5vl:7b' }, apiKey: async () => undefined });
    assert.equal(p.name, 'openai');
    assert.equal((p as OpenAiPlanner).format, 'qwen');
  });
});

describe('hybrid planner: the server plans in words, Magma grounds', () => {
  class FakeMagma implements MagmaGenerator {
    prompts: string[] = [];
    constructor(private readonly reply: string) {}
    async generate(req: Parameters<MagmaGenerator['generate']>[0]) {
      this.prompts.push(req.prompt);
      req.onText?.(this.reply);
      return { text: this.reply };
    }
  }
  const client = () => new OpenAiClient({ baseUrl: server.url, model: 'planner', timeoutMs: 10_000 });

  it('a click described in words becomes Magma\'s mark', async () => {
    fresh({ text: '{"Reasoning": "I need the seven.", "Step": "click the 7 key", "Action": "click", "Element": "the 7 key of the keypad", "Value": null}' });
    const magma = new FakeMagma('Coordinate: (0.1, 0.4). Mark: 0');
    const c = ctx();
    const r = await new HybridPlanner(client(), pngDataUrl, new MagmaGrounder(magma)).next(c);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.action, { kind: 'click', target: { mark: 0 } });
    assert.deepEqual(magma.prompts, ['In this view I need to click a button to "the 7 key of the keypad"? Provide the coordinates and the mark index of the containing bounding box if applicable.']);
    assert.equal(c.markedCalls, 1, 'Magma grounds on the marked screenshot');
    assert.match(r.reasoning, /Step: click the 7 key -> mark #0/);
  });

  it('keys come from the planner alone; Magma is not asked', async () => {
    fresh({ text: '{"Reasoning": "Save it.", "Step": "press ctrl+s", "Action": "press", "Element": null, "Value": "ctrl+s"}' });
    const magma = new FakeMagma('Mark: 1');
    const r = await new HybridPlanner(client(), pngDataUrl, new MagmaGrounder(magma)).next(ctx());
    assert.deepEqual(r.ok && r.action, { kind: 'press', keys: ['ctrl', 's'] });
    assert.equal(magma.prompts.length, 0);
  });

  it('composes with a real Magma bundle (the tiny random one): the words reach Magma and the answer is a checked click or a refusal', async () => {
    const tiny = new URL('../../models/magma/fixtures/tiny-fp32', import.meta.url).pathname;
    const p = await createPlanner('hybrid', 'enter 7', { modelDir: tiny, endpoint: { baseUrl: server.url, model: 'planner' }, apiKey: async () => undefined });
    fresh({ text: '{"Step": "click the 7 key", "Action": "click", "Element": "the 7 key", "Value": null}' });
    const c = ctx();
    const r = await p.next(c);
    assert.match(c.streamed.join(''), /\[Magma grounds "the 7 key"\]/);
    if (r.ok) assert.equal(r.action.kind, 'click');
    else assert.match(r.error, /Magma could not find "the 7 key"/);
  });

  it('Magma naming a mark that is not there is a refusal', async () => {
    fresh({ text: '{"Step": "click Save", "Action": "click", "Element": "the Save button", "Value": null}' });
    const r = await new HybridPlanner(client(), pngDataUrl, new MagmaGrounder(new FakeMagma('Coordinate: (0.5, 0.5). Mark: 42'))).next(ctx());
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /could not find "the Save button": the model named mark 42/);
  });
});
