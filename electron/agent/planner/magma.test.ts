import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element } from '../../common/elements.js';
import type { Frame, RgbaImage } from '../ports.js';
import { MagmaPlanner, groundingPrompt, navigatePrompt, type MagmaGenerator } from './magma.js';
import type { PlanContext, StepRecord } from './planner.js';

const raw: RgbaImage = { width: 4, height: 4, data: new Uint8Array(64) };
const marked: RgbaImage = { width: 4, height: 4, data: new Uint8Array(64).fill(1) };
const elements: Element[] = [0, 1, 2].map((id) => ({ id, kind: 'button', bbox: [id * 10, 0, id * 10 + 8, 8], text: `b${id}`, interactive: true, confidence: 1, source: 'test' }));

function ctx(goal: string, history: StepRecord[] = []): PlanContext & { reasoning: string[] } {
  const reasoning: string[] = [];
  return {
    goal, step: history.length, frame: { id: 'f', capturedAt: 0, image: raw } as unknown as Frame, elements, markedImage: () => marked, history,
    signal: new AbortController().signal, onReasoning: (t) => reasoning.push(t), reasoning,
  };
}

class FakeMagma implements MagmaGenerator {
  calls: Array<{ prompt: string; image: RgbaImage }> = [];
  constructor(private readonly replies: string[]) {}
  async generate(req: Parameters<MagmaGenerator['generate']>[0]): Promise<{ text: string }> {
    this.calls.push({ prompt: req.prompt, image: req.images[0]! });
    const text = this.replies.shift() ?? '';
    for (const ch of text) req.onText?.(ch);
    return { text };
  }
}

describe('the magma planner', () => {
  it('grounds with the exact prompt on the marked image and clicks the named mark, then is done', async () => {
    const m = new FakeMagma(['Coordinate: (0.5, 0.5). Mark: 1']);
    const p = new MagmaPlanner(m);
    const c = ctx('open the settings');
    const r = await p.next(c);
    assert.deepEqual(r, { ok: true, action: { kind: 'click', target: { mark: 1 } }, reasoning: 'Coordinate: (0.5, 0.5). Mark: 1' });
    assert.equal(m.calls[0]!.prompt, 'In this view I need to click a button to "open the settings"? Provide the coordinates and the mark index of the containing bounding box if applicable.');
    assert.equal(m.calls[0]!.prompt, groundingPrompt('open the settings'));
    assert.equal(m.calls[0]!.image, marked);
    assert.equal(c.reasoning.join(''), 'Coordinate: (0.5, 0.5). Mark: 1');
    assert.deepEqual(await p.next(c), { ok: true, action: { kind: 'done' }, reasoning: '' });
  });
  it('reports an unknown mark as an error instead of clicking', async () => {
    const r = await new MagmaPlanner(new FakeMagma(['Coordinate: (0.5, 0.5). Mark: 7'])).next(ctx('open it'));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /mark 7/);
  });
  it('answers a Q: goal from the unmarked image and needs no marks', async () => {
    const m = new FakeMagma(['  Three windows. ']);
    const p = new MagmaPlanner(m, { goal: 'Q: how many windows are open?' });
    assert.equal(p.needsElements, false);
    const r = await p.next(ctx('Q: how many windows are open?'));
    assert.deepEqual(r, { ok: true, action: { kind: 'answer', text: 'Three windows.' }, reasoning: 'Three windows.' });
    assert.equal(m.calls[0]!.prompt, 'how many windows are open? Answer the question briefly.');
    assert.equal(m.calls[0]!.image, raw);
  });
  it('navigates with the Mind2Web-style prompt carrying the task and history', async () => {
    const m = new FakeMagma(['{"ACTION": "TYPE", "MARK": 2, "VALUE": "hello"}']);
    const hist: StepRecord[] = [{ step: 0, description: 'click #1', outcome: 'executed' }];
    const r = await new MagmaPlanner(m, { mode: 'navigate' }).next(ctx('write hello', hist));
    assert.deepEqual(r.ok && r.action, { kind: 'type', text: 'hello', target: { mark: 2 } });
    assert.equal(m.calls[0]!.prompt, navigatePrompt('write hello', hist));
    assert.match(m.calls[0]!.prompt, /^You are asked to complete the following task: write hello The previous actions you have taken: click #1 /);
    assert.match(m.calls[0]!.prompt, /SCROLL, PRESS, DONE/);
  });
  it('retries an invalid navigate reply once with a stricter prompt', async () => {
    const m = new FakeMagma(['I would click the button', "{'ACTION': 'CLICK', 'MARK': 0, 'VALUE': None}"]);
    const r = await new MagmaPlanner(m, { mode: 'navigate' }).next(ctx('press ok'));
    assert.deepEqual(r.ok && r.action, { kind: 'click', target: { mark: 0 } });
    assert.equal(m.calls.length, 2);
    assert.match(m.calls[1]!.prompt, /could not be used: .*Reply with ONLY the JSON object/);
    assert.match(m.calls[1]!.prompt, /from 0 to 2/);
  });
  it('reports a structured error after two invalid navigate replies', async () => {
    const m = new FakeMagma(['nope', '{"ACTION": "CLICK", "MARK": 9}']);
    const r = await new MagmaPlanner(m, { mode: 'navigate' }).next(ctx('press ok'));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /no usable action twice/);
    assert.equal(m.calls.length, 2);
  });
  it('turns a model failure into an error proposal', async () => {
    const broken: MagmaGenerator = { generate: async () => { throw new Error('GPU lost'); } };
    const r = await new MagmaPlanner(broken).next(ctx('x'));
    assert.deepEqual(r, { ok: false, error: 'Magma failed: GPU lost' });
  });
});
