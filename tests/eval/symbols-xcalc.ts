/**
 * Symbols on xcalc, measured: for xcalc at its default size, 300x400 and 600x800 (one Xvfb 1280x1024 screen each, tall enough for the 600x800 one),
 * every one of its 55 keys is looked up by its label the way `click <label>` does (the command planner's
 * matchLabel) on the parse of a real screenshot, without and with the symbol stage. A key counts as grounded when
 * the element found has its centre (the click point) inside the key's X window. Ground truth is the X server's:
 * each Xaw key is a window (`xwininfo -root -tree`); labels follow xcalc's TI layout, row-major.
 *
 *   node --import tsx tests/eval/symbols-xcalc.ts [--repeat 3] [--save DIR]
 *
 * --save DIR writes each size's screenshot and its keys (xcalc-<size>.png / .buttons.json) for replaying.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeImage, encodePng } from '../../electron/adapters/image-codec.js';
import { OrtRuntime } from '../../electron/adapters/onnx-runtime.js';
import { shippedOcrModels } from '../../electron/adapters/ocr-models.js';
import type { Element } from '../../electron/common/elements.js';
import { createPerceiver } from '../../electron/agent/perception/perceiver.js';
import { matchLabel } from '../../electron/agent/planner/label-match.js';
import type { RgbaImage } from '../../electron/agent/ports.js';
import { kill, requireFonts, sleep, startApp, startXvfb, waitForWindow } from '../support/xvfb.js';
import { labelledXcalcKeys, XCALC_SIZES } from './x-tree.js';
import type { Box } from './scoring.js';


export interface XcalcShot {
  readonly size: string;
  readonly image: RgbaImage;
  /** Each key's outer box (its X window with the 1 px border), in xcalc's layout order. */
  readonly keys: { label: string; box: Box }[];
}

/** Starts xcalc at a size ('default' or WxH) on its own Xvfb, and returns a screenshot with the keys' boxes. */
export async function shootXcalc(size: string): Promise<XcalcShot> {
  const x = await startXvfb(1280, 1024);
  let app: ChildProcess | undefined;
  try {
    requireFonts(x.env, 'xaw');
    app = startApp('xcalc', ['-geometry', `${size === 'default' ? '' : size}+60+60`], x.env);
    await waitForWindow('Calculator', x.env);
    await sleep(500);
    const keys = labelledXcalcKeys(x.env);
    const png = spawnSync('import', ['-window', 'root', 'png:-'], { env: x.env, maxBuffer: 1 << 28 });
    if (png.status !== 0) throw new Error(`import failed: ${png.stderr}`);
    return { size, image: await decodeImage(png.stdout), keys };
  } finally {
    if (app) await kill(app);
    await x.stop();
  }
}

/** Labels whose `click <label>` lands inside their key. */
export function groundedKeys(elements: readonly Element[], keys: readonly { label: string; box: Box }[]): string[] {
  return keys.flatMap((k) => {
    const m = matchLabel(k.label, elements);
    if (!m.ok) return [];
    const cx = (m.element.bbox[0] + m.element.bbox[2]) / 2;
    const cy = (m.element.bbox[1] + m.element.bbox[3]) / 2;
    return cx >= k.box[0] && cx <= k.box[2] && cy >= k.box[1] && cy <= k.box[3] ? [k.label] : [];
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const args = process.argv.slice(2);
  const repeat = Number(args[args.indexOf('--repeat') + 1] ?? 1) || 1;
  const save = args.includes('--save') ? args[args.indexOf('--save') + 1] : undefined;
  const runtime = new OrtRuntime();
  const models = shippedOcrModels();
  const before = createPerceiver({ runtime, ...models, providers: ['cpu'], recCacheSize: 0, symbolsModelPath: undefined });
  const after = createPerceiver({ runtime, ...models, providers: ['cpu'], recCacheSize: 0 });
  await Promise.all([before.ready(), after.ready()]);
  const rows: string[] = [];
  for (const size of XCALC_SIZES) {
    const shot = await shootXcalc(size);
    if (save) {
      mkdirSync(save, { recursive: true });
      writeFileSync(`${save}/xcalc-${size}.png`, await encodePng(shot.image));
      writeFileSync(`${save}/xcalc-${size}.buttons.json`, JSON.stringify({ source: 'tests/eval/symbols-xcalc.ts --save', size, buttons: shot.keys }, null, 1));
    }
    const result = [];
    for (const [name, p] of [['before', before], ['after', after]] as const) {
      const totals: number[] = [];
      const sym: number[] = [];
      let grounded: string[] = [];
      for (let k = 0; k < repeat; k++) {
        const r = await p.perceive(shot.image);
        totals.push(r.timings_ms.total!);
        sym.push(r.timings_ms.symbols ?? 0);
        grounded = groundedKeys(r.elements, shot.keys);
      }
      result.push({ name, grounded, total: median(totals), symbols: median(sym) });
    }
    const [b, a] = result as [(typeof result)[0], (typeof result)[0]];
    const missed = (g: string[]) => shot.keys.map((k) => k.label).filter((l) => !g.includes(l));
    rows.push(
      `| ${size} | ${b.grounded.length}/55 | ${a.grounded.length}/55 | ${b.total} ms | ${a.total} ms | ${a.symbols} ms | ${missed(b.grounded).join(' ')} | ${missed(a.grounded).join(' ')} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  console.log('\n| xcalc | grounded before | after | parse before (median) | after | of which symbols | missed before | missed after |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  await Promise.all([before.release(), after.release()]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
