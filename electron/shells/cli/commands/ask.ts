/**
 * `magma-desk ask --model <bundle-dir> [--image <file>] [--display <id>] "<question>"`: Magma's question mode on
 * an image file or a fresh screenshot (unmarked). The reply streams to stdout as it is generated.
 */
import { parseArgs } from 'node:util';
import { openMagmaModel } from '../../magma-model.js';
import { questionPrompt } from '../../../agent/planner/magma.js';
import type { RgbaImage } from '../../../agent/ports.js';

export interface CliIO {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}


const USAGE = 'usage: magma-desk ask --model <bundle-dir> [--image <png|jpg>] [--display <id>] [--providers webgpu,cpu] [--max-new-tokens N] [--timings] "<question>"';

/** argv: the arguments after `ask`. Exit codes: 0 answered, 1 failed, 2 bad usage. */
export async function runAsk(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }): Promise<number> {
  let a;
  try {
    a = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' }, image: { type: 'string' }, display: { type: 'string' }, providers: { type: 'string' },
        'max-new-tokens': { type: 'string' }, timings: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err.write(`magma-desk ask: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (a.values.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  const question = a.positionals.join(' ').replace(/^\s*Q:\s*/, '').trim();
  if (!a.values.model || !question) {
    io.err.write(`magma-desk ask: ${!a.values.model ? '--model <bundle-dir> is required' : 'the question is missing'}\n${USAGE}\n`);
    return 2;
  }
  const maxNew = a.values['max-new-tokens'] ? Number(a.values['max-new-tokens']) : 128;
  if (!Number.isInteger(maxNew) || maxNew < 1 || maxNew > 4096) {
    io.err.write(`magma-desk ask: --max-new-tokens must be an integer from 1 to 4096\n`);
    return 2;
  }
  try {
    const image = await loadImage(a.values.image, a.values.display);
    const providers = a.values.providers?.split(',').map((s) => s.trim()).filter(Boolean);
    const model = await openMagmaModel(a.values.model, { ...(providers ? { providers } : {}), log: a.values.timings ? (l) => io.err.write(`${l}\n`) : undefined });
    const r = await model.generate({ prompt: questionPrompt(question), images: [image], maxNewTokens: maxNew, onText: (t) => io.out.write(t) });
    io.out.write('\n');
    if (a.values.timings) {
      const t = r.timings;
      io.err.write(
        `grid ${r.grids.map((g) => `${g.rows}x${g.cols}`).join(', ')}; ${t.promptTokens} prompt tokens; vision ${t.visionMs.toFixed(1)} ms; ` +
          `prefill ${t.prefillMs.toFixed(1)} ms; ${t.newTokens} tokens in ${t.decodeMs.toFixed(1)} ms` +
          `${t.newTokens > 1 ? ` (${((1000 * (t.newTokens - 1)) / t.decodeMs).toFixed(1)} tokens/s)` : ''}\n`,
      );
    }
    return 0;
  } catch (e) {
    io.err.write(`magma-desk ask: ${(e as Error).message}\n`);
    return 1;
  }
}

async function loadImage(file: string | undefined, display: string | undefined): Promise<RgbaImage> {
  if (file) {
    const { decodeImage } = await import('../../../adapters/image-codec.js');
    return decodeImage(file);
  }
  const { NutScreenSource } = await import('../../../adapters/capture-nut.js');
  return (await new NutScreenSource().capture(display)).image;
}
