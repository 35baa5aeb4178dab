/**
 * The accessibility tree through the whole loop (issue #15): read right after each capture, mapped from screen px
 * into the frame's image px, fused with vision by the real tree stage, and visible in the approval request.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { A11yNode, A11yRead } from '../../common/a11y.js';
import type { ApprovalRequest } from '../../common/approval.js';
import type { ImageBox } from '../../common/geometry.js';
import { initialRunState, reduceRun, type RunEvent } from '../../common/run-events.js';
import { RecordingInputDriver } from '../../adapters/input-recording.js';
import type { Merged } from '../perception/merge.js';
import { newFrame, runStages } from '../perception/stages/frame.js';
import { numberStage } from '../perception/stages/number.js';
import { treeStage } from '../perception/stages/tree.js';
import { CommandPlanner } from '../planner/command.js';
import type { AccessibilitySource, ApprovalChannel, RgbaImage } from '../ports.js';
import { runAgent, type Perceiver } from './run-agent.js';
import { FakeScreen, instantClock, testDisplay } from '../../../tests/support/fakes.js';

/** The display sits right of another one: screen x 1000 is image x 0, so a box left unmapped would miss. */
const display = { ...testDisplay, bounds: { x: 1000, y: 0, width: 200, height: 100 } };

function fill(img: RgbaImage, b: ImageBox, v: number): void {
  for (let y = b[1]; y < b[3]; y++) for (let x = b[0]; x < b[2]; x++) img.data.fill(v, (y * img.width + x) * 4, (y * img.width + x) * 4 + 3);
}
/** Two bordered buttons with strokes inside (Save, an icon-only Settings) and a line of text on a canvas. */
function paint(img: RgbaImage): void {
  for (const b of [[20, 20, 100, 50], [150, 10, 180, 40]] as const) {
    fill(img, b, 120);
    fill(img, [b[0] + 1, b[1] + 1, b[2] - 1, b[3] - 1], 235);
    for (let x = b[0] + 6; x < b[2] - 6; x += 4) fill(img, [x, b[1] + 8, x + 2, b[3] - 8], 20);
  }
  for (let x = 120; x < 190; x += 4) fill(img, [x, 70, x + 2, 80], 20);
}

/** What vision finds on that screen: the Save button (read "Save") and the canvas text; the icon is missed. */
const vision: Merged[] = [
  { kind: 'button', box: [21, 21, 99, 49], text: 'Save', interactive: true, confidence: 0.9, source: 'ocr+widget' },
  { kind: 'text', box: [120, 70, 190, 80], text: 'Canvas text', interactive: false, confidence: 0.9, source: 'ocr' },
];

const states = { enabled: true, focused: false, editable: false, showing: true, protected: false };
const node = (role: string, name: string, screen: [number, number, number, number]): A11yNode => ({ role, name, states, screen, app: 'editor' });
/** The tree in logical screen px (display at x 1000). */
const tree: A11yNode[] = [node('push button', 'Save', [1020, 20, 1100, 50]), node('push button', 'Settings', [1150, 10, 1180, 40])];

/** The real tree and number stages over fixed vision results, as the perceiver runs them. */
function fusing(): Perceiver & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    async perceive(image, signal, extras) {
      seen.push(extras);
      const ctx = newFrame(image, {}, signal, extras?.tree);
      const visionOn = extras?.vision !== false || !extras?.tree;
      ctx.merged = visionOn ? vision.slice() : [];
      await runStages(ctx, [treeStage({ vision: visionOn }), numberStage()]);
      return { elements: ctx.elements, timings_ms: ctx.timings };
    },
  };
}

function setup(goal: string, source: AccessibilitySource | undefined, more: { vision?: boolean } = {}) {
  const input = new RecordingInputDriver();
  const screen = new FakeScreen(input, display);
  screen.beforeCapture = (_n, img) => paint(img);
  const events: RunEvent[] = [];
  const asked: ApprovalRequest[] = [];
  const approvals: ApprovalChannel = { request: async (r) => (asked.push(r), { approvalId: r.id, verdict: 'approve' }) };
  const perceiver = fusing();
  const deps = { screen, input, perceiver, markImage: (i: RgbaImage) => i, planner: new CommandPlanner(goal), approvals, clock: instantClock, emit: (e: RunEvent) => events.push(e), ...(source ? { accessibility: source } : {}), ...more };
  return { input, events, asked, deps, perceiver };
}
const run = (deps: Parameters<typeof runAgent>[0]) => runAgent(deps, { goal: 'x', signal: new AbortController().signal, settleMs: 0, verify: false });
const perceivedOf = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'perceived' }> => e.type === 'perceived');
const reads = (r: Partial<A11yRead> = {}): AccessibilitySource & { calls: number } => {
  const s = { calls: 0, read: async () => (s.calls++, { nodes: tree, ms: 3, app: 'editor', ...r }), close: async () => undefined };
  return s;
};

test("the frame's marks carry their sources and each approval says where its mark came from", async () => {
  const source = reads();
  const s = setup('click Save; click Settings; click Canvas text', source);
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.equal(source.calls, perceivedOf(s.events).length, 'one read per frame perceived');
  const first = perceivedOf(s.events)[0]!;
  assert.deepEqual(first.elements.map((e) => [e.text, e.source, e.bbox]), [
    ['Save', 'a11y+vision', [20, 20, 100, 50]],
    ['Settings', 'a11y', [150, 10, 180, 40]],
    ['Canvas text', 'vision', [120, 70, 190, 80]],
  ]);
  assert.deepEqual(s.asked.map((q) => q.description), [
    'click #0 "Save" (accessibility tree and screen parser) at (1060, 35)',
    'click #1 "Settings" (accessibility tree; the screen parser read no text there) at (1165, 25)',
    'click #2 "Canvas text" (screen parser) at (1155, 75)',
  ]);
  assert.deepEqual(s.input.injected.map((e) => e.kind === 'click' && [e.p.x, e.p.y]), [[1060, 35], [1165, 25], [1155, 75]]);
  assert.deepEqual(first.tree, { nodes: 2, ms: 3, app: 'editor' });
});

test('a tree source that throws leaves the marks to vision, with one notice for the run', async () => {
  const source: AccessibilitySource = { read: async () => { throw new Error('the D-Bus connection was closed'); }, close: async () => undefined };
  const s = setup('click Save; click Canvas text', source);
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  const first = perceivedOf(s.events)[0]!;
  assert.deepEqual(first.elements.map((e) => [e.text, e.source]), [['Save', 'ocr+widget'], ['Canvas text', 'ocr']], 'vision exactly as without a tree');
  const notes = s.events.filter((e) => e.type === 'notice' && /accessibility tree could not be read \(the D-Bus connection was closed\); the marks come from the screen parser alone/.test(e.message));
  assert.equal(notes.length, 1, 'told once, not at every step');
  assert.match(first.tree?.failed ?? '', /could not be read/);
  assert.equal(s.asked[0]!.description, 'click #0 "Save" (screen parser) at (1060, 35)');
});

test('a tree source that never answers is given up on after its time, and the step goes on with vision', async () => {
  const source: AccessibilitySource = { read: (signal) => new Promise((_r, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')))), close: async () => undefined };
  const s = setup('click Save', source);
  const r = await run({ ...s.deps, treeTimeoutMs: 20 });
  assert.equal(r.status, 'done', r.reason);
  assert.ok(s.events.some((e) => e.type === 'notice' && /did not answer within 0\.0 s/.test(e.message)));
  assert.deepEqual(perceivedOf(s.events)[0]!.elements.map((e) => e.source), ['ocr+widget', 'ocr']);
});

test('with the screen parser turned off the tree alone gives the marks', async () => {
  const s = setup('click Settings', reads(), { vision: false });
  const r = await run(s.deps);
  assert.equal(r.status, 'done', r.reason);
  assert.deepEqual(perceivedOf(s.events)[0]!.elements.map((e) => [e.text, e.source]), [['Save', 'a11y'], ['Settings', 'a11y']]);
  assert.ok(s.perceiver.seen.every((x) => (x as { vision?: boolean }).vision === false));
});

test("the source's note (an application that exposes no tree) reaches the run state the Settings panel reads", async () => {
  const note = 'Chromium exposes no accessibility tree: start it with --force-renderer-accessibility; the screen parser covers it';
  const s = setup('click Save', reads({ nodes: [], note, app: 'Chromium' }));
  await run(s.deps);
  const st = s.events.reduce(reduceRun, initialRunState);
  assert.deepEqual(st.tree, { nodes: 0, ms: 3, app: 'Chromium', note });
});

test('without a tree source nothing is read and perception gets no tree', async () => {
  const s = setup('click Save', undefined);
  await run(s.deps);
  assert.ok(s.perceiver.seen.length > 0 && s.perceiver.seen.every((x) => JSON.stringify(x) === '{}'));
  assert.equal(perceivedOf(s.events)[0]!.tree, undefined);
});
