/**
 * Re-creates the frames of tests/fixtures/perception/gtk-live/ (the `gtk-live` set of the accessibility fusion eval,
 * issue #15): each GTK application alone on a private 1280x800 Xvfb with its own session bus and AT-SPI bus, its
 * window moved off the origin (so a window-relative toolkit, GTK 4, is caught if uncorrected), the pointer parked in
 * the window on a spot that is no control (no hover, no tooltip), then the whole screen grabbed with ImageMagick and the tree read with
 * the reader under test (createAtspiSource) in the same moment. The read is saved as it came (A11yRead, logical
 * screen px) with the display geometry, so the eval replays exactly what the live source gave.
 *
 *   npx tsx tests/eval/a11y-capture.ts [name ...]     (names: GTK_LIVE_APPS below; default all)
 *
 * The ground truth (`<name>.json`) is NOT written here: it is made and checked by hand against the pixels
 * (gtk-live/README.md says how). Needs galculator, gnome-calculator and gtk-3-examples (scripts/setup.sh).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAtspiSource } from '../../electron/adapters/atspi/source.js';
import { startAtspiSession } from '../support/atspi-session.js';
import { kill, requireTools, sleep, startApp, startXvfb, waitForWindow } from '../support/xvfb.js';
import { GTK_LIVE_APPS, GTK_LIVE_DIR, type SavedTreeRead } from './a11y-frames.js';

const wanted = process.argv.slice(2);
requireTools('xdotool', 'import');
// One display and one session for all: the native addon (the reader's X side) keeps its first X connection, and
// the process must not outlive that server's connection (xvfb.ts stopOnExit).
const x = await startXvfb(1280, 800);
x.stopOnExit();
const s = await startAtspiSession(x.env);
for (const app of GTK_LIVE_APPS.filter((a) => !wanted.length || wanted.includes(a.name))) {
  const data = mkdtempSync(join(tmpdir(), 'a11y-capture-'));
  const env = { ...s.env, LANG: 'C.UTF-8' };
  const proc = startApp(app.command, [], env);
  try {
    await waitForWindow(app.title, env, 20_000);
    const id = spawnSync('xdotool', ['search', '--onlyvisible', '--name', app.title], { env, encoding: 'utf8' }).stdout.trim().split('\n')[0]!;
    spawnSync('xdotool', ['windowmove', id, String(app.at[0]), String(app.at[1])], { env });
    if (app.size) spawnSync('xdotool', ['windowsize', id, String(app.size[0]), String(app.size[1])], { env });
    spawnSync('xdotool', ['mousemove', String(app.rest[0]), String(app.rest[1])], { env });
    // A read time box of 5 s, not the app's 400 ms: the saved read must be complete on a loaded machine.
    // GTK redraws after the move/resize; the tree's extents follow on the next layout.
    await sleep(Number(process.env.A11Y_CAPTURE_WAIT_MS ?? 2500));
    const source = await createAtspiSource({ userDataDir: data, env, timeoutMs: 5000 });
    let read;
    let first;
    try {
      // The first read of a fresh source may stop at its time box while atk-bridge builds its cache (seen on the
      // widget factory: 0-7 nodes); the app reads every step, so the saved read is the second, steady-state one.
      first = await source.read();
      read = await source.read();
    } finally {
      await source.close();
    }
    const png = spawnSync('import', ['-window', 'root', '-strip', 'png:-'], { env, maxBuffer: 1 << 26 });
    if (png.status !== 0) throw new Error(`import failed: ${png.stderr}`);
    writeFileSync(join(GTK_LIVE_DIR, `${app.name}.png`), png.stdout);
    const saved: SavedTreeRead = { display: { x: 0, y: 0, width: 1280, height: 800 }, read };
    // One node a line: a diff of a re-capture shows which nodes changed.
    writeFileSync(join(GTK_LIVE_DIR, `${app.name}.tree.json`), `${JSON.stringify(saved).replace(/(\{"role":)/g, '\n$1')}\n`);
    console.log(`${app.name}: first read ${first.nodes.length} nodes in ${first.ms} ms${first.note ? ` (${first.note})` : ''}; saved read ${read.nodes.length} nodes in ${read.ms} ms${read.note ? ` (${read.note})` : ''}`);
  } finally {
    await kill(proc);
    rmSync(data, { recursive: true, force: true });
  }
}
await s.stop();
