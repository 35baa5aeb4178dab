/**
 * `magma-desk models convert --from <checkpoint dir | Hugging Face cache snapshot> --to <bundle dir>
 *   [--precision int4|fp16|fp32]`: a Magma checkpoint (safetensors) -> a bundle the app runs, in TypeScript
 * (electron/adapters/convert/), no Python. It prints what it found in the checkpoint, then a progress line per
 * stage; Ctrl-C stops it and leaves no half bundle behind.
 */
import { parseArgs } from 'node:util';
import { convertCheckpoint, ConvertError, type ConvertPrecision, type ConvertProgress, type ConvertResult } from '../../../adapters/convert/convert.js';
import type { CliIO } from './ask.js';

export const CONVERT_USAGE = 'usage: magma-desk models convert --from <checkpoint-dir|hf-cache-snapshot> --to <bundle-dir> [--precision int4|fp16|fp32] [--fp16-vision]   (default int4, whose vision tower is 8-bit: faster and smaller; --fp16-vision keeps it fp16)';

const STAGE_WORDS: Record<ConvertProgress['stage'], string> = {
  read: 'reading the checkpoint', vision: 'vision tower', embed: 'token table', decoder: 'decoder layers', tokenizer: 'tokenizer', manifest: 'checking the written files',
};

/**
 * Stage progress on stderr: redrawn in place on a terminal; otherwise one line when a stage ends (and every
 * quarter of the decoder, the long stage), so logs stay short.
 */
export function convertProgress(err: NodeJS.WritableStream): { update(p: ConvertProgress): void; line(s: string): void; end(): void } {
  const tty = Boolean((err as NodeJS.WriteStream).isTTY);
  let drawn = false;
  let lastDraw = 0;
  let lastQuarter = -1;
  return {
    update(p) {
      const text = `${STAGE_WORDS[p.stage]}: ${p.done}/${p.total}`;
      if (tty) {
        if (Date.now() - lastDraw < 100 && p.done < p.total) return;
        lastDraw = Date.now();
        err.write(`\r${text.padEnd(60)}`);
        drawn = true;
        return;
      }
      const q = p.stage === 'decoder' ? Math.floor((p.done / Math.max(p.total, 1)) * 4) : -1;
      if (p.done === p.total || (q > lastQuarter && q > 0)) {
        if (p.stage === 'decoder') lastQuarter = q;
        if (p.stage !== 'decoder' && p.done !== p.total) return;
        err.write(`converting: ${text}\n`);
      }
    },
    line(s) {
      if (drawn) err.write('\n');
      drawn = false;
      err.write(`${s}\n`);
    },
    end() {
      if (drawn) err.write('\n');
      drawn = false;
    },
  };
}

/**
 * Runs one conversion with Ctrl-C wired to cancel, reporting on io.err. Shared by `models convert` and `models pull`.
 * Returns the result, or the exit code after saying what went wrong.
 */
export async function runConversion(from: string, to: string, precision: ConvertPrecision, io: CliIO, label: string, signal?: AbortSignal, visionInt8?: boolean): Promise<ConvertResult | number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  if (!signal) process.once('SIGINT', onSigint);
  signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const bar = convertProgress(io.err);
  try {
    return await convertCheckpoint({ from, to, precision, ...(visionInt8 === undefined ? {} : { visionInt8 }), signal: controller.signal, log: (l) => bar.line(l), onProgress: (p) => bar.update(p) });
  } catch (e) {
    bar.end();
    if (e instanceof ConvertError) {
      io.err.write(`${label}: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    bar.end();
    process.off('SIGINT', onSigint);
  }
}

/** argv: the arguments after `models convert`. Exit codes: 0 converted, 1 failed or stopped, 2 bad usage. */
export async function runModelsConvert(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }, signal?: AbortSignal): Promise<number> {
  let a;
  try {
    a = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, precision: { type: 'string' }, 'vision-int8': { type: 'boolean' }, 'fp16-vision': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err.write(`magma-desk models convert: ${(e as Error).message}\n${CONVERT_USAGE}\n`);
    return 2;
  }
  if (a.values.help) {
    io.out.write(`${CONVERT_USAGE}\n`);
    return 0;
  }
  const { from, to } = a.values;
  if (!from || !to) {
    io.err.write(`magma-desk models convert: --from and --to are required\n${CONVERT_USAGE}\n`);
    return 2;
  }
  const precision = (a.values.precision ?? 'int4') as ConvertPrecision;
  if (!['int4', 'fp16', 'fp32'].includes(precision)) {
    io.err.write(`magma-desk models convert: --precision is int4, fp16 or fp32\n${CONVERT_USAGE}\n`);
    return 2;
  }
  const t0 = Date.now();
  if (a.values['fp16-vision'] && a.values['vision-int8']) {
    io.err.write(`magma-desk models convert: --fp16-vision and --vision-int8 ask for opposite vision towers; give one (8-bit is the default)\n${CONVERT_USAGE}\n`);
    return 2;
  }
  // --vision-int8 is still accepted: it names the default since bundle format 3.
  const r = await runConversion(from, to, precision, io, 'magma-desk models convert', signal, a.values['fp16-vision'] ? false : undefined);
  if (typeof r === 'number') return r;
  io.out.write(`${r.dir}: ${r.precision} bundle, ${(r.bytes / 1e9).toFixed(2)} GB, converted in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  io.out.write(`next: magma-desk models add ${r.dir}   (then choose it in Settings, or pass --model to run and ask)\n`);
  return 0;
}
