/**
 * Test support for Get Magma-8B: the files of a Hub repo in the shape of microsoft/Magma-8B that the real converter
 * turns into a runnable bundle: the tiny bf16 two-shard checkpoint (models/magma/fixtures/tiny-checkpoint, which
 * the converter's parity tests check against the PyTorch reference) plus a model card whose header states the
 * licence, for the fake Hub (electron/adapters/hub/testing/fake-hub.ts) to serve.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TINY_CHECKPOINT = join(import.meta.dirname, '..', '..', '..', 'models', 'magma', 'fixtures', 'tiny-checkpoint');

export function tinyConvertibleRepo(licence = 'mit'): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(TINY_CHECKPOINT)) files[f] = new Uint8Array(readFileSync(join(TINY_CHECKPOINT, f)));
  files['README.md'] = new TextEncoder().encode(`---\nlicense: ${licence}\nlibrary_name: transformers\npipeline_tag: image-text-to-text\n---\n\n# Magma-8B (tiny test copy)\n`);
  files['.gitattributes'] = new TextEncoder().encode('*.safetensors filter=lfs diff=lfs merge=lfs -text\n');
  return files;
}
