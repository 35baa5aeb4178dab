/**
 * The `web-tree` set of the accessibility fusion eval (issue #15), live: the web eval's pages (the forms and the
 * python3-doc pages of the web set) in the system Chromium on Xvfb with a session bus and the AT-SPI bus,
 * started with --force-renderer-accessibility so it builds its tree, read by the reader under test
 * (createAtspiSource) while the page shows. Ground truth is the DOM (perception-eval.ts collectGt), as in the web set.
 *
 * The frame is the page's viewport (Playwright's screenshot, as in the web set); the tree's logical screen px are
 * mapped onto it through the one coordinate pipeline with a display whose bounds are the viewport's place on the
 * X screen, found by matching the screenshot's pixels in a grab of the root window (not asked of the code under test).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createAtspiSource } from '../../electron/adapters/atspi/source.js';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import type { RgbaImage } from '../../electron/agent/ports.js';
import { startAtspiSession } from '../support/atspi-session.js';
import { requireFonts, sleep, startXvfb } from '../support/xvfb.js';
import { findInside, joinLinkFragments, type TreeCase } from './a11y-eval.js';
import { displayOf } from './a11y-frames.js';
import { collectGt, DOC_PAGES, FORMS, PY_DOC } from './perception-eval.js';

export async function webTreeCases(pages: readonly string[] = [...FORMS, ...DOC_PAGES.map((p) => `${PY_DOC}/${p}`)], width = 1280, height = 800): Promise<TreeCase[]> {
  if (!PY_DOC) throw new Error('python3-doc is not installed: apt-get install python3-doc (scripts/setup.sh installs it)');
  const x = await startXvfb(1920, 1080);
  // The reader's X side (the native addon) keeps its X connection: the server goes when this process does.
  x.stopOnExit();
  requireFonts(x.env, 'cjk');
  const s = await startAtspiSession(x.env);
  const data = mkdtempSync(join(tmpdir(), 'a11y-web-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: false,
    env: { ...s.env },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--force-renderer-accessibility'],
  });
  // A time box of 5 s, not the app's 400 ms: the eval scores what the tree says, not how this loaded machine times.
  const source = await createAtspiSource({ userDataDir: data, env: s.env, timeoutMs: 5000 });
  const cases: TreeCase[] = [];
  try {
    for (const file of pages) {
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
      try {
        await page.goto(`file://${file}`, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const gt = joinLinkFragments(await page.evaluate(collectGt));
        const image = await decodeImage(await page.screenshot({ type: 'png' }));
        const root = spawnSync('import', ['-window', 'root', '-depth', '8', 'rgba:-'], { env: x.env, maxBuffer: 1 << 28 });
        if (root.status !== 0) throw new Error(`import failed: ${root.stderr}`);
        const screen: RgbaImage = { width: 1920, height: 1080, data: new Uint8Array(root.stdout.buffer, root.stdout.byteOffset, root.stdout.length) };
        const at = findInside(screen, image);
        if (!at) throw new Error(`${file}: the page's viewport was not found on the X screen (is the Chromium window covered?)`);
        // The pointer on the window's tab strip (no link hovered): the reader takes the window under the pointer.
        spawnSync('xdotool', ['mousemove', String(at.x + 400), String(Math.max(2, at.y - 60))], { env: x.env });
        await sleep(300);
        await source.read();
        const tree = await source.read();
        const name = file.includes('/forms/') ? `form:${file.split('/').pop()}` : `pydoc:${file.split('/html/').pop()}`;
        cases.push({ name: `web-tree:${name}`, set: 'web-tree', image, gt, ignore: [], tree, display: displayOf({ x: at.x, y: at.y, width, height }) });
      } finally {
        await page.close();
      }
    }
  } finally {
    await source.close();
    await browser.close();
    await s.stop();
    rmSync(data, { recursive: true, force: true });
  }
  return cases;
}
