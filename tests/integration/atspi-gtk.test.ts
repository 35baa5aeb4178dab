/**
 * The AT-SPI2 element source (electron/adapters/atspi/) on real GTK applications under Xvfb, with a private session
 * bus and the AT-SPI bus (tests/support/atspi-session.ts): gtk3-widget-factory (GTK 3, screen extents) and GNOME
 * Calculator (GTK 4, window-relative extents corrected through the X window's position). Checked against what the
 * X server and the pixels say, not against the tree itself: boxes inside the window xdotool reports, a click with
 * xdotool at a box's centre flipping that control, a window moved with xdotool moving the boxes by as much.
 * Debian packages: gtk-3-examples, gnome-calculator (scripts/setup.sh).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { A11yNode, A11yRead } from '../../electron/common/a11y.js';
import { A11yNodeSchema } from '../../electron/common/a11y.js';
import { createAtspiSource, type AtspiSource } from '../../electron/adapters/atspi/source.js';
import { startAtspiSession, type AtspiSession } from '../support/atspi-session.js';
import { kill, requireTools, sleep, startApp, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';

requireTools('xdotool', 'gtk3-widget-factory', 'gnome-calculator');

type Box = readonly [number, number, number, number];
const centre = (b: Box) => ({ x: Math.round((b[0] + b[2]) / 2), y: Math.round((b[1] + b[3]) / 2) });
const inside = (b: Box, w: { x: number; y: number; width: number; height: number }) => b[0] >= w.x && b[1] >= w.y && b[2] <= w.x + w.width && b[3] <= w.y + w.height && b[2] > b[0] && b[3] > b[1];

let x: XDisplay;
let session: AtspiSession;
before(async () => {
  x = await startXvfb(1600, 1000);
  session = await startAtspiSession(x.env);
});
after(async () => {
  await session?.stop();
  await x?.stop();
});

/** Reads until `ok` holds (an application builds its tree a moment after it maps its window). */
async function readUntil(source: AtspiSource, ok: (r: A11yRead) => boolean, timeoutMs = 15_000): Promise<A11yRead> {
  const end = Date.now() + timeoutMs;
  let r = await source.read();
  while (!ok(r) && Date.now() < end) {
    await sleep(250);
    r = await source.read();
  }
  return r;
}

describe('gtk3-widget-factory (GTK 3)', () => {
  let app: ReturnType<typeof startApp>;
  let source: AtspiSource;
  let win: { x: number; y: number; width: number; height: number };
  before(async () => {
    app = startApp('gtk3-widget-factory', [], session.env);
    win = await waitForWindow('^gtk3-widget-factory$', session.env);
    // Generous time box here: the test asserts what is read, the benchmark measures how fast.
    source = await createAtspiSource({ env: session.env, userDataDir: mkdtempSync(join(tmpdir(), 'atspi-ud-')), timeoutMs: 5000 });
  });
  after(async () => {
    await source?.close();
    if (app) await kill(app);
  });

  it('reads the first page: named buttons, check boxes and entries, each box inside the window', async () => {
    const r = await readUntil(source, (r) => r.nodes.filter((n) => n.role === 'check box').length >= 3);
    assert.equal(r.app, 'gtk3-widget-factory');
    for (const n of r.nodes) A11yNodeSchema.parse(n);
    const checks = r.nodes.filter((n) => n.role === 'check box' && n.name === 'checkbutton');
    const toggles = r.nodes.filter((n) => n.role === 'toggle button' && n.name === 'togglebutton');
    const entries = r.nodes.filter((n) => n.role === 'text' && n.states.editable && n.text === 'entry');
    assert.ok(checks.length >= 3, `check boxes: ${checks.length}`);
    assert.ok(toggles.length >= 2, `toggle buttons: ${toggles.length}`);
    assert.ok(entries.length >= 1, `entries showing 'entry': ${entries.length}`);
    assert.ok(r.nodes.some((n) => n.role === 'push button' && n.name === 'Close'), 'the header bar Close button');
    // Only the first page: the notebook's other pages (not showing) contribute nothing.
    assert.ok(!r.nodes.some((n) => n.name === 'Page 2' && n.role !== 'radio button'), 'nothing from page 2');
    for (const n of [...checks, ...toggles, ...entries]) assert.ok(inside(n.screen, win), `${n.role} ${n.name} ${n.screen} inside ${JSON.stringify(win)}`);
    // A disabled check box is kept, greyed out.
    assert.ok(checks.some((n) => !n.states.enabled) && checks.some((n) => n.states.enabled));
  });

  it("a click with xdotool at the centre of an unchecked check box's box checks it (the box is where the pixels are)", async () => {
    const r = await source.read();
    const target = r.nodes.find((n) => n.role === 'check box' && n.name === 'checkbutton' && n.states.enabled && n.states.checked === false)!;
    assert.ok(target, 'an enabled, unchecked check box');
    const c = centre(target.screen);
    spawnSync('xdotool', ['mousemove', String(c.x), String(c.y), 'click', '1'], { env: session.env });
    const same = (n: A11yNode) => n.role === 'check box' && n.screen.join() === target.screen.join();
    const after = await readUntil(source, (r2) => r2.nodes.find(same)?.states.checked === true, 5000);
    assert.equal(after.nodes.find(same)?.states.checked, true, 'the clicked check box reads checked');
  });
});

describe('GNOME Calculator (GTK 4: window-relative extents)', () => {
  let app: ReturnType<typeof startApp>;
  let source: AtspiSource;
  const keys = ['÷', '×', '√'];
  before(async () => {
    app = startApp('gnome-calculator', [], session.env);
    await waitForWindow('Calculator', session.env);
    source = await createAtspiSource({ env: session.env, userDataDir: mkdtempSync(join(tmpdir(), 'atspi-ud-')), timeoutMs: 5000 });
  });
  after(async () => {
    await source?.close();
    if (app) await kill(app);
  });

  const buttons = (r: A11yRead) => keys.map((k) => r.nodes.find((n) => n.role === 'push button' && n.name === k));

  it('reads the push buttons ÷ × √ with screen boxes inside the X window, and moving the window moves them', async () => {
    const id = spawnSync('xdotool', ['search', '--onlyvisible', '--name', '^Calculator$'], { env: session.env, encoding: 'utf8' }).stdout.trim().split('\n')[0]!;
    spawnSync('xdotool', ['windowmove', id, '300', '150'], { env: session.env });
    let win = await waitForWindow('^Calculator$', session.env);
    const first = await readUntil(source, (r) => buttons(r).every(Boolean));
    assert.equal(first.app, 'gnome-calculator');
    const before1 = buttons(first).map((n) => n!.screen);
    assert.equal(win.x, 300);
    for (const [i, b] of before1.entries()) assert.ok(inside(b, win), `${keys[i]} ${b} inside the X window ${JSON.stringify(win)}`);
    // Uncorrected, GTK 4 would put them near the screen's top-left corner, outside the window.
    assert.ok(before1.every((b) => b[0] > 300 && b[1] > 150));

    spawnSync('xdotool', ['windowmove', id, '700', '420'], { env: session.env });
    const end = Date.now() + 5000;
    while ((win = await waitForWindow('^Calculator$', session.env)).x !== 700 && Date.now() < end) await sleep(100);
    const moved = buttons(await source.read()).map((n) => n!.screen);
    for (const [i, b] of moved.entries()) {
      assert.deepEqual(b, [before1[i]![0] + 400, before1[i]![1] + 270, before1[i]![2] + 400, before1[i]![3] + 270], `${keys[i]} moved with the window`);
      assert.ok(inside(b, win));
    }
  });

  it('a read stays inside its time box: cut short, it says so and returns what it has', async () => {
    const quick = await createAtspiSource({ env: session.env, userDataDir: mkdtempSync(join(tmpdir(), 'atspi-ud-')), timeoutMs: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await quick.read();
        // 1 ms cannot hold a full read of GNOME Calculator (~500 calls): the note is always there.
        assert.match(r.note ?? '', /(read in part|not read in time).*screen parser/);
        // Wall time: the time box plus the event loop's delay on a loaded machine, not the ~0.3-3 s of a full read.
        assert.ok(r.ms < 250, `read ${i} took ${r.ms} ms with a 1 ms time box`);
        await sleep(200);
      }
    } finally {
      await quick.close();
    }
  });

  it('an aborted read rejects with the abort', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(source.read(ac.signal), { name: 'AbortError' });
  });
});
