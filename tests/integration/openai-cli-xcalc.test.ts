/**
 * End to end: `magma-desk run --planner openai --endpoint <fake server>` on xcalc under Xvfb. The fake server
 * answers like UI-TARS-1.5: a click on the "7" key in pixels of the image it was sent, computed from that image's
 * size and xcalc's window geometry (xdotool), then finished(). What xcalc shows is read with tesseract.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { runCli } from '../support/cli.js';
import { kill, readXcalcDisplay, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';
import { imageUrlOf, pngSizeOfDataUrl, startFakeOpenAi, textOf, type FakeServer, type RecordedRequest, type ScriptedReply } from '../fixtures/openai/fake-server.js';

const SCREEN = { width: 1280, height: 800 };
/** Where xcalc (x11-apps, TI-30 layout) draws its "7" key: 70, 287 of its 226x394 window. */
const SEVEN = { fx: 70 / 226, fy: 287 / 394 };

let x: XDisplay;
let xcalc: ChildProcess | undefined;
let win: { x: number; y: number; width: number; height: number };
let server: FakeServer;
let answer: (req: RecordedRequest, i: number) => ScriptedReply = () => ({ text: "Action: finished(content='')" });
const config = mkdtempSync(join(tmpdir(), 'magma-openai-e2e-'));

const readLcd = () => readXcalcDisplay(x.env, win);
const pointer = () => spawnSync('xdotool', ['getmouselocation'], { env: x.env, encoding: 'utf8' }).stdout.trim();

/** The 7 key in pixels of the image the model was sent (the screen is 1280x800 at scale 1: image px = screen px). */
function sevenInSentImage(req: RecordedRequest): { x: number; y: number; sent: { width: number; height: number } } {
  const sent = pngSizeOfDataUrl(imageUrlOf(req)!);
  const sx = win.x + SEVEN.fx * win.width;
  const sy = win.y + SEVEN.fy * win.height;
  return { x: Math.round((sx * sent.width) / SCREEN.width), y: Math.round((sy * sent.height) / SCREEN.height), sent };
}

describe('magma-desk run --planner openai on xcalc', () => {
  before(async () => {
    x = await startXvfb(SCREEN.width, SCREEN.height);
    server = await startFakeOpenAi({ models: ['ui-tars-1.5-7b'], reply: (r, i) => answer(r, i) });
  });
  after(async () => {
    if (xcalc) await kill(xcalc);
    await server.close();
    await x.stop();
    rmSync(config, { recursive: true, force: true });
  });
  beforeEach(async () => {
    if (xcalc) await kill(xcalc);
    xcalc = startApp('xcalc', ['-geometry', '+100+100'], x.env);
    win = await waitForWindow('Calculator', x.env);
    await sleep(300);
    server.requests.length = 0;
  });

  const env = () => ({ ...x.env, XDG_CONFIG_HOME: config, MAGMA_DESK_API_KEY: '' });

  test('a UI-TARS click on the 7 key, in pixels of the resized screenshot, makes xcalc show 7', async () => {
    assert.equal(readLcd(), '0');
    let sent: { width: number; height: number } | undefined;
    answer = (req, i) => {
      if (i > 0) return { text: "Thought: The display shows 7.\nAction: finished(content='7 entered')" };
      const p = sevenInSentImage(req);
      sent = p.sent;
      return { text: `Thought: I click the "7" key.\nAction: click(start_box='<|box_start|>(${p.x},${p.y})<|box_end|>')`, chunk: 4 };
    };
    const r = await runCli(['run', '--planner', 'openai', '--endpoint', server.url, '--yes', 'enter 7 on the calculator'], env());
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.deepEqual(sent, { width: 1288, height: 812 }, 'the model saw the smart-resized screenshot');
    assert.match(r.stdout, /done: 7 entered \(1 actions\)/);
    // The safety check also puts one yes/no question per normal step to the same server (issue #13's second opinion).
    const risky = (q: RecordedRequest) => /Does this step fall in one of these high-risk classes/.test(textOf(q));
    const chats = server.requests.filter((q) => q.path === '/v1/chat/completions' && !risky(q));
    assert.equal(chats.length, 2);
    assert.equal(server.requests.filter(risky).length, 1, 'one second opinion, for the one click');
    assert.equal(chats[0]!.body?.model, 'ui-tars-1.5-7b', 'the first model the server lists');
    assert.equal(readLcd(), '7');
  });

  test('a click outside the screenshot is refused: exit code 1, no input, xcalc still shows 0', async () => {
    const before = pointer();
    answer = () => ({ text: "Thought: click far right.\nAction: click(start_box='(1500,300)')" });
    const r = await runCli(['run', '--planner', 'openai', '--endpoint', server.url, '--family', 'ui-tars-1.5', '--yes', 'enter 7'], env());
    assert.equal(r.code, 1);
    assert.match(r.stderr, /outside the 1288x812 image/);
    assert.equal(pointer(), before);
    assert.equal(readLcd(), '0');
  });

  test('no server listening: exit code 1 and a sentence that says what to start', async () => {
    const dead = await startFakeOpenAi({ reply: () => ({}) });
    const url = dead.url;
    await dead.close();
    const r = await runCli(['run', '--planner', 'openai', '--endpoint', url, '--api-model', 'm', '--yes', 'enter 7'], env());
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No model server answers at .*\. Start it \(e\.g\. `ollama serve`\) or give its address with --endpoint <url>\./);
    assert.equal(readLcd(), '0');
  });

  test('a wrong family name is bad usage (exit code 2)', async () => {
    const r = await runCli(['run', '--planner', 'openai', '--endpoint', server.url, '--family', 'gpt-9', '--yes', 'enter 7'], env());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a model family/);
  });
});
