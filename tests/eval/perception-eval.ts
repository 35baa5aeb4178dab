/**
 * Perception evaluation on interfaces not written by us, with ground truth that does not come from the parser.
 *
 * Web: HTML shipped in Debian packages (python3-doc) and a few forms built from standard controls, rendered by
 * the system Chromium (playwright-core) on an Xvfb display. Ground truth from the DOM: every visible a[href],
 * button, input, select, textarea and [role=button|link|tab|checkbox] inside the viewport and not covered by
 * another element, one box per line fragment for inline elements (getClientRects), and its visible text.
 * X: xcalc, xmessage and xedit (Debian x11-apps/x11-utils), boxes from the X server (`xwininfo -tree`: each Xaw
 * button is an X window), labels from the known layout / the command line that created them; xcalc also alone
 * at three window sizes (xcalcCases). The frozen GTK frames are read by gtk-frames.ts.
 *
 * Metrics per case:
 *  - recall / precision of interactive elements: predicted = elements with interactive true; one-to-one greedy
 *    matching by IoU >= 0.5;
 *  - grounding: for each ground-truth element with visible text, `matchLabel(text)` (the command planner's
 *    resolver) gives an element whose bbox centre (the click point) lies inside the ground-truth box.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import type { RgbaImage } from '../../electron/agent/ports.js';
import { kill, requireFonts, sleep, startXvfb, waitForWindow, type XDisplay } from '../support/xvfb.js';
import { labelledXcalcKeys, outerBox, readXTree, xcalcKeys, xcalcLabels, XCALC_SIZES, type XWindow } from './x-tree.js';

export * from './scoring.js';
import { type EvalCase, type GtElement } from './scoring.js';
const root = fileURLToPath(new URL('../../', import.meta.url));
export const PY_DOC = ['/usr/share/doc/python3-doc/html', '/usr/share/doc/python3.11/html', '/usr/share/doc/python3/html'].find((d) => existsSync(`${d}/library/json.html`));
export const FORMS = ['signup.html', 'settings.html', 'search.html'].map((f) => `${root}tests/eval/forms/${f}`);


/** In-page ground truth: boxes (CSS px = image px at device scale 1) and visible text of interactive elements. */
export function collectGt(): GtElement[] {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=tab], [role=checkbox]';
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const out: GtElement[] = [];
  const seen = new Set<Element>();
  for (const el of Array.from(document.querySelectorAll(sel))) {
    // An interactive element inside another (a button inside a link) counts once, as the outer one.
    if (el.parentElement?.closest(sel)) continue;
    if (seen.has(el)) continue;
    seen.add(el);
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || cs.display === 'none' || Number(cs.opacity) === 0) continue;
    const tag = el.tagName.toLowerCase();
    const type = (el as HTMLInputElement).type ?? '';
    let name = '';
    if (tag === 'input' && ['submit', 'button', 'reset'].includes(type)) name = (el as HTMLInputElement).value;
    else if (tag === 'select') name = (el as HTMLSelectElement).selectedOptions[0]?.text ?? '';
    else if (tag !== 'input' && tag !== 'textarea') name = (el as HTMLElement).innerText ?? '';
    name = name.replace(/\s+/g, ' ').trim();
    const role = el.getAttribute('role') ?? (tag === 'input' ? `input:${type}` : tag);
    const rects = tag === 'a' ? Array.from(el.getClientRects()) : [el.getBoundingClientRect()];
    // What shows of it: clipped by every scrolling/overflow-hidden ancestor.
    let clip = { l: 0, t: 0, r: vw, b: vh };
    for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a);
      if (o.overflowX === 'visible' && o.overflowY === 'visible') continue;
      const ar = a.getBoundingClientRect();
      clip = { l: Math.max(clip.l, ar.left + a.clientLeft), t: Math.max(clip.t, ar.top + a.clientTop), r: Math.min(clip.r, ar.left + a.clientLeft + a.clientWidth), b: Math.min(clip.b, ar.top + a.clientTop + a.clientHeight) };
    }
    for (const full of rects) {
      const r = { left: Math.max(full.left, clip.l), top: Math.max(full.top, clip.t), right: Math.min(full.right, clip.r), bottom: Math.min(full.bottom, clip.b), width: 0, height: 0 };
      r.width = r.right - r.left;
      r.height = r.bottom - r.top;
      if (r.width < 4 || r.height < 4) continue;
      // Mostly hidden by clipping: not a target a person would see.
      if (r.width * r.height < 0.5 * full.width * full.height) continue;
      if (r.left < 0 || r.top < 0 || r.right > vw || r.bottom > vh) continue;
      // Not covered: the element (or a descendant) is what a click at its centre would hit.
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(el === hit || el.contains(hit) || (hit as HTMLElement).closest?.('label') )) continue;
      out.push({ box: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)], name: rects.length > 1 ? '' : name, role });
    }
  }
  return out;
}

export interface WebSession {
  browser: Browser;
  x: XDisplay;
  close(): Promise<void>;
}
export async function startWeb(): Promise<WebSession> {
  // The forms have Chinese labels (search.html); without a CJK font Chromium draws boxes and the scores change.
  requireFonts(process.env, 'cjk');
  const x = await startXvfb(1920, 1080);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: false,
    env: { ...process.env, DISPLAY: x.display },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    browser,
    x,
    async close() {
      await browser.close();
      await x.stop();
    },
  };
}

export async function webCase(s: WebSession, file: string, width: number, height: number): Promise<EvalCase> {
  const page = await s.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const gt = await page.evaluate(collectGt);
    const png = await page.screenshot({ type: 'png' });
    const name = file.includes('/forms/') ? `form:${file.split('/').pop()}` : `pydoc:${file.split('/html/').pop()}`;
    return { name, set: 'web', image: await decodeImage(png), gt };
  } finally {
    await page.close();
  }
}

async function grab(env: NodeJS.ProcessEnv): Promise<RgbaImage> {
  const r = spawnSync('import', ['-window', 'root', 'png:-'], { env, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  return decodeImage(r.stdout);
}

/** xcalc, xmessage and xedit on one Xvfb screen of the given size; ground truth from the X server. */
export async function xCases(width: number, height: number): Promise<EvalCase[]> {
  const x = await startXvfb(width, height);
  const procs: ChildProcess[] = [];
  try {
    requireFonts(x.env, 'xaw');
    const cases: EvalCase[] = [];
    const labels = xcalcLabels();
    procs.push(spawn('xcalc', ['-geometry', '+60+60'], { env: x.env, stdio: 'ignore' }));
    const calc = await waitForWindow('Calculator', x.env);
    procs.push(spawn('xmessage', ['-geometry', `+${calc.x + calc.width + 40}+60`, '-buttons', 'Yes,No,Cancel,Help', 'Save the changes to notes.txt before closing?'], { env: x.env, stdio: 'ignore' }));
    const msg = await waitForWindow('xmessage', x.env);
    procs.push(spawn('xedit', ['-geometry', `${Math.min(800, width - msg.x - 20)}x400+${msg.x}+${msg.y + msg.height + 60}`], { env: x.env, stdio: 'ignore' }));
    const ed = await waitForWindow('xedit', x.env);
    await sleep(500);
    const tree = readXTree(x.env);
    const inside = (w: XWindow, r: { x: number; y: number; width: number; height: number }) => w.ax >= r.x && w.ay >= r.y && w.ax + w.w <= r.x + r.width && w.ay + w.h <= r.y + r.height;
    const calcButtons = xcalcKeys(tree);
    const msgButtons = tree.filter((w) => w.h >= 14 && w.h <= 22 && w.w < 80 && inside(w, msg) && w.ay > msg.y + 20).sort((a, b) => a.ax - b.ax);
    const edTop = tree.filter((w) => w.h >= 14 && w.h <= 22 && w.w < 80 && inside(w, ed) && w.ay <= ed.y + 6).sort((a, b) => a.ax - b.ax);
    const uniq = (ws: XWindow[]) => ws.filter((w, i) => ws.findIndex((v) => v.ax === w.ax && v.ay === w.ay && v.w === w.w) === i);
    const gt: GtElement[] = [
      ...uniq(calcButtons).map((w, i) => ({ box: outerBox(w), name: labels[i] ?? '', role: 'xcalc button' })),
      ...uniq(msgButtons).slice(0, 4).map((w, i) => ({ box: outerBox(w), name: ['Yes', 'No', 'Cancel', 'Help'][i]!, role: 'xmessage button' })),
      ...uniq(edTop).slice(0, 3).map((w, i) => ({ box: outerBox(w), name: ['Quit', 'Save', 'Load'][i]!, role: 'xedit button' })),
    ];
    if (uniq(calcButtons).length !== 55 || uniq(msgButtons).length < 4 || uniq(edTop).length < 3) {
      throw new Error(`X ground truth incomplete: xcalc ${uniq(calcButtons).length}/55, xmessage ${uniq(msgButtons).length}/4, xedit ${uniq(edTop).length}/3`);
    }
    cases.push({ name: 'x:xcalc+xmessage+xedit', set: 'x', image: await grab(x.env), gt });
    return cases;
  } finally {
    for (const p of procs) await kill(p);
    await x.stop();
  }
}

export { XCALC_SIZES };

/**
 * xcalc alone at each window size, each on an empty 1920x1080 screen (one frame per size; the whole screen, as the
 * app captures it). Ground truth: the 55 keys from the X server (x-tree.ts xcalcKeys), labelled from the layout.
 */
export async function xcalcCases(sizes: readonly string[] = XCALC_SIZES): Promise<EvalCase[]> {
  const x = await startXvfb(1920, 1080);
  const cases: EvalCase[] = [];
  try {
    requireFonts(x.env, 'xaw');
    for (const size of sizes) {
      const proc = spawn('xcalc', ['-geometry', `${size === 'default' ? '' : size}+60+60`], { env: x.env, stdio: 'ignore' });
      try {
        const win = await waitForWindow('Calculator', x.env);
        await sleep(500);
        const keys = labelledXcalcKeys(x.env);
        const image = await grab(x.env);
        const gt = keys.map((k) => ({ box: k.box, name: k.label, role: 'xcalc button' }));
        cases.push({ name: `xcalc:${size}`, set: 'xcalc', size: `xcalc ${size} (${win.width}x${win.height})`, image, gt });
      } finally {
        await kill(proc);
      }
    }
    return cases;
  } finally {
    await x.stop();
  }
}
