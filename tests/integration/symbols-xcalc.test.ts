/**
 * Symbol keys on a real xcalc (Xaw, X core fonts: drawn in fonts the symbol classifier never saw) at 300x400,
 * where OCR reads `√`, `*`, `.` and `(` as no text. `click <label>` must land on the right key: the element the
 * command planner's resolver picks has its centre inside that key's X window (the X server's geometry, not the
 * parser's). Then the same through `magma-desk run`, reading xcalc's display with tesseract.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import { createPerceiver } from '../../electron/agent/perception/perceiver.js';
import { matchLabel } from '../../electron/agent/planner/label-match.js';
import { labelledXcalcKeys } from '../eval/x-tree.js';
import { runCli } from '../support/cli.js';
import { kill, readXcalcDisplay, requireFonts, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

let x: XDisplay;
let xcalc: ChildProcess;
let win: { x: number; y: number; width: number; height: number };

describe('symbol keys on a 300x400 xcalc', () => {
  before(async () => {
    x = await startXvfb(1280, 800);
    requireFonts(x.env, 'xaw');
    xcalc = startApp('xcalc', ['-geometry', '300x400+100+100'], x.env);
    win = await waitForWindow('Calculator', x.env);
    await sleep(300);
  });
  after(async () => {
    await kill(xcalc);
    await x.stop();
  });

  test('click √, click *, click . and click ( resolve to the √, *, . and ( keys', async () => {
    const keys = labelledXcalcKeys(x.env);
    const shot = spawnSync('import', ['-window', 'root', 'png:-'], { env: x.env, maxBuffer: 1 << 28 });
    assert.equal(shot.status, 0, String(shot.stderr));
    const p = createPerceiver({ runtime: new OrtRuntime(), ...shippedOcrModels(), providers: ['cpu'] });
    try {
      const r = await p.perceive(await decodeImage(shot.stdout));
      assert.equal(r.notes, undefined, 'the symbol model loaded');
      for (const label of ['√', '*', '.', '(']) {
        const key = keys.find((k) => k.label === label)!;
        const m = matchLabel(label, r.elements);
        assert.ok(m.ok, `click ${label}: ${m.ok ? '' : m.error}`);
        const cx = (m.element.bbox[0] + m.element.bbox[2]) / 2;
        const cy = (m.element.bbox[1] + m.element.bbox[3]) / 2;
        assert.ok(cx >= key.box[0] && cx <= key.box[2] && cy >= key.box[1] && cy <= key.box[3], `click ${label} lands at ${cx},${cy}, outside the key ${key.box}`);
      }
    } finally {
      await p.release();
    }
  });

  test('magma-desk run "click 9; click √" makes xcalc show 3', async () => {
    assert.equal(readXcalcDisplay(x.env, win), '0');
    const r = await runCli(['run', '--planner', 'command', '--yes', 'click 9; click √'], x.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /click #\d+ "√"/);
    assert.equal(readXcalcDisplay(x.env, win), '3');
  });
});
