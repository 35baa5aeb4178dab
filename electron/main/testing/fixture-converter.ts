/**
 * Test support for the Get Magma-8B flow: a stand-in for convertCheckpoint that "converts" by copying a ready tiny
 * bundle (models/magma/fixtures/tiny-fp32, which the parity tests check against the PyTorch reference), reporting
 * the converter's stages and honouring the abort signal between files. The fake Hub's checkpoint has too few
 * tensors for the real converter; the flow around it (download, install, select, one-step check) is what the tests
 * using this check. It refuses a checkpoint folder without config.json, so a flow that skipped the download fails.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConvertOptions, ConvertProgress, ConvertResult } from '../../adapters/convert/convert.js';

export const TINY_BUNDLE = join(import.meta.dirname, '..', '..', '..', 'models', 'magma', 'fixtures', 'tiny-fp32');

export function fixtureConverter(bundle = TINY_BUNDLE, stageMs = 0): (o: ConvertOptions) => Promise<ConvertResult> {
  return async (o) => {
    if (!existsSync(join(o.from, 'config.json'))) throw new Error(`no config.json in ${o.from}: not a downloaded checkpoint`);
    mkdirSync(o.to, { recursive: true });
    const files = readdirSync(bundle);
    const stages: ConvertProgress['stage'][] = ['read', 'vision', 'embed', 'decoder', 'tokenizer', 'manifest'];
    let bytes = 0;
    for (const [i, stage] of stages.entries()) {
      o.onProgress?.({ stage, done: 0, total: 1 });
      await new Promise((r) => setTimeout(r, stageMs));
      if (o.signal?.aborted) throw o.signal.reason;
      // Files spread over the stages; the manifest goes last, as the real converter writes it.
      for (const name of files.filter((_, k) => stageOf(k) === i)) {
        copyFileSync(join(bundle, name), join(o.to, name));
        bytes += statSync(join(o.to, name)).size;
      }
      o.onProgress?.({ stage, done: 1, total: 1 });
    }
    return { dir: o.to, precision: o.precision, bytes, notes: ['copied from the tiny test bundle'] };

    function stageOf(k: number): number {
      return files[k] === 'manifest.json' ? stages.length - 1 : k % (stages.length - 1);
    }
  };
}
