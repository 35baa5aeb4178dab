/**
 * Background panels of a frame (for the link rules): the frame cut into 8x8 px cells, each cell taking the most
 * common colour of 16 sampled pixels (text ink covers well under half a cell, so that is the background), and
 * 4-connected cells of one colour (within 12 levels per channel of the component's first cell) joined into panels.
 * A panel's box tells a sidebar (a tall, narrow panel that is not the page) from a note box or a code block.
 */
import type { ImageBox } from '../../../common/geometry.js';
import type { RgbaImage } from '../../ports.js';

const CELL = 16;
const TOL = 12;

export interface Panels {
  /** The panel's box (image px) around the point, or undefined off the frame. */
  at(x: number, y: number): ImageBox | undefined;
}

export function findPanels(img: RgbaImage): Panels {
  const cw = Math.ceil(img.width / CELL);
  const ch = Math.ceil(img.height / CELL);
  const n = cw * ch;
  const col = new Int32Array(n);
  const d = img.data;
  const samples = new Int32Array(16);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let k = 0;
      for (let sy = 2; sy < CELL; sy += 4) {
        const y = Math.min(img.height - 1, cy * CELL + sy);
        for (let sx = 2; sx < CELL; sx += 4) {
          const x = Math.min(img.width - 1, cx * CELL + sx);
          const p = (y * img.width + x) * 4;
          samples[k++] = (d[p]! << 16) | (d[p + 1]! << 8) | d[p + 2]!;
        }
      }
      // Most common of the 16 samples (first of equals); a blank cell is one colour and answers at once.
      let best = samples[0]!;
      let bestN = 0;
      for (let i = 0; i < 16 && bestN < 16 - i; i++) {
        let c = 0;
        for (let j = i; j < 16; j++) if (samples[j] === samples[i]) c++;
        if (c > bestN) [best, bestN] = [samples[i]!, c];
        if (bestN > 8) break;
      }
      col[cy * cw + cx] = best;
    }
  }
  const near = (a: number, b: number) =>
    Math.abs((a >> 16) - (b >> 16)) <= TOL && Math.abs(((a >> 8) & 255) - ((b >> 8) & 255)) <= TOL && Math.abs((a & 255) - (b & 255)) <= TOL;
  // Flood fill from each unlabelled cell; neighbours join when their colour is near the seed's.
  const label = new Int32Array(n).fill(-1);
  const boxes: ImageBox[] = [];
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (label[i]! >= 0) continue;
    const id = boxes.length;
    const seed = col[i]!;
    let [x0, y0, x1, y1] = [cw, ch, -1, -1];
    label[i] = id;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      const jx = j % cw;
      const jy = (j - jx) / cw;
      if (jx < x0) x0 = jx;
      if (jx > x1) x1 = jx;
      if (jy < y0) y0 = jy;
      if (jy > y1) y1 = jy;
      for (const k of [jx > 0 ? j - 1 : -1, jx < cw - 1 ? j + 1 : -1, jy > 0 ? j - cw : -1, jy < ch - 1 ? j + cw : -1]) {
        if (k < 0 || label[k]! >= 0 || !near(col[k]!, seed)) continue;
        label[k] = id;
        stack.push(k);
      }
    }
    boxes.push([x0 * CELL, y0 * CELL, Math.min(img.width, (x1 + 1) * CELL), Math.min(img.height, (y1 + 1) * CELL)]);
  }
  return {
    at(x, y) {
      const cx = Math.floor(x / CELL);
      const cy = Math.floor(y / CELL);
      if (cx < 0 || cy < 0 || cx >= cw || cy >= ch) return undefined;
      return boxes[label[cy * cw + cx]!];
    },
  };
}
