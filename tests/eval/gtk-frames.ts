/**
 * The "gtk" set: frozen GNOME Calculator frames with ground truth from AT-SPI
 * (tests/fixtures/perception/gtk-calc/README.md says how they were made). Needs neither the application nor X.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../electron/adapters/image-codec.js';
import type { Box, EvalCase } from './scoring.js';

export const GTK_DIR = fileURLToPath(new URL('../fixtures/perception/gtk-calc/', import.meta.url));

interface GtkTruth {
  readonly elements: readonly { name: string; box: Box; role: string }[];
}

export async function gtkCases(dir = GTK_DIR): Promise<EvalCase[]> {
  const cases: EvalCase[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const truth = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as GtkTruth;
    const image = await decodeImage(`${dir}/${f.replace(/\.json$/, '.png')}`);
    const gt = truth.elements.map((e) => ({ box: e.box, name: e.name, role: e.role }));
    const name = f.replace(/\.json$/, '');
    cases.push({ name: `gtk:${name}`, set: 'gtk', size: `${name.replace(/-\d+x\d+$/, '')} ${image.width}x${image.height}`, image, gt });
  }
  if (!cases.length) throw new Error(`no GNOME Calculator frames in ${dir}`);
  return cases;
}
