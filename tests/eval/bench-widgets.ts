/**
 * npx tsx tests/eval/bench-widgets.ts --frames DIR [--runs N]
 * What stage "widgets" costs with and without the flat-button pass (agent/perception/flat-buttons.ts), on frames
 * saved by `npm run eval:perception -- --save-frames DIR` (and the frozen GNOME Calculator frames): the median over
 * N runs per frame of widget analysis alone, and of widget analysis plus the faint pass, summed per frame size.
 * The text lines the faint pass checks come from no detector here (an empty list): its cost is the region pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { findFlatButtons } from '../../electron/agent/perception/flat-buttons.js';
import { findRectRegions } from '../../electron/agent/perception/widgets.js';
import type { RgbaImage } from '../../electron/agent/ports.js';
import { gtkCases } from './gtk-frames.js';
import { median } from './scoring.js';

const args = process.argv.slice(2);
const dir = args[args.indexOf('--frames') + 1];
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
if (!args.includes('--frames') || !dir) throw new Error('usage: bench-widgets.ts --frames DIR [--runs N]');

const frames: { size: string; image: RgbaImage }[] = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const meta = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { width: number; height: number };
  const data = new Uint8Array(gunzipSync(readFileSync(`${dir}/${f.replace(/\.json$/, '.rgba.gz')}`)));
  frames.push({ size: f.startsWith('apps') ? 'xcalc (1920x1080 screen)' : `${meta.width}x${meta.height}`, image: { width: meta.width, height: meta.height, data } });
}
for (const c of await gtkCases()) frames.push({ size: `gtk ${c.image.width}x${c.image.height}`, image: c.image });

const bySize = new Map<string, { strong: number[]; both: number[]; added: number }>();
for (const { size, image } of frames) {
  const strong: number[] = [];
  const both: number[] = [];
  let added = 0;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const rects = findRectRegions(image);
    const t1 = performance.now();
    added = findFlatButtons(image, rects, []).length;
    const t2 = performance.now();
    strong.push(t1 - t0);
    both.push(t2 - t0);
  }
  const s = bySize.get(size) ?? { strong: [], both: [], added: 0 };
  s.strong.push(median(strong));
  s.both.push(median(both));
  s.added += added;
  bySize.set(size, s);
}
for (const [size, s] of bySize) {
  console.log(
    `${size.padEnd(26)} ${String(s.strong.length).padStart(2)} frames: widgets ${Math.round(median(s.strong))} ms -> ${Math.round(median(s.both))} ms median per frame (flat-button pass +${Math.round(median(s.both) - median(s.strong))} ms), ${s.added} regions added`,
  );
}
