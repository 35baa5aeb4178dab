/**
 * `magma-desk models export --from <hf-checkpoint-dir> --to <bundle-dir> [--int4] [--dtype fp16|fp32]`
 *   runs the export tool (models/magma/export.py; Python with torch and onnx, once, on any machine).
 * `magma-desk models verify <bundle-dir> [--providers cpu] [--no-hash]`
 *   checks the manifest, every file's size and sha256, the graphs' inputs and outputs, and runs one token.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Command } from 'commander';
import type { CliIO } from './ask.js';
import { handlesModels, MANAGER_USAGE, runModelsManager } from './models-manager.js';
import { stageTimesText } from '../stage-times.js';

const EXPORT_PY = fileURLToPath(new URL('../../../../models/magma/export.py', import.meta.url));
const USAGE = [
  'usage: magma-desk models export --from <hf-checkpoint-dir> --to <bundle-dir> [--int4] [--dtype fp16|fp32]',
  '       magma-desk models verify <bundle-dir> [--providers webgpu,cpu] [--no-hash]',
  '       magma-desk models pull [<org/name>] [--revision R] [--precision int4|fp16] [--dir <store>]   (from the Hugging Face Hub)',
  '       magma-desk models convert --from <checkpoint-dir|hf-cache-snapshot> --to <bundle-dir> [--precision int4|fp16|fp32]   (no Python)',
].join('\n');

/**
 * Registers `models` in the CLI's command list. Its subcommands parse their own arguments (runModels), so the
 * options after `models` reach it untouched; `help models` prints the same usage as `models --help`.
 */
export function addModelsCommand(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('models')
    .summary('add, list, verify, remove or export models')
    .description('add, list, verify and remove model bundles, or export Magma-8B to ONNX')
    .argument('[args...]', 'list, add, remove, verify or export, then its options')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', `\n${USAGE}\n${MANAGER_USAGE}`)
    .action(async (args: string[]) => setCode(await runModels(args, io)));
}

/** argv: the arguments after `models`. Exit codes: 0 ok, 1 failed, 2 bad usage. */
export async function runModels(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [sub, ...rest] = argv;
  // list/add/remove and `verify <installed-name>`: the model store (models-manager.ts).
  if (handlesModels(argv)) return runModelsManager(argv, io);
  if (sub === 'pull') return (await import('./models-pull.js')).runModelsPull(rest, io);
  if (sub === 'convert') return (await import('./models-convert.js')).runModelsConvert(rest, io);
  if (sub === 'export') return runExport(rest, io);
  if (sub === 'verify') return runVerify(rest, io);
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.out.write(`${USAGE}\n${MANAGER_USAGE}\n`);
    return 0;
  }
  io.err.write(`magma-desk models: ${sub ? `unknown subcommand "${sub}"` : 'a subcommand is required'}\n${USAGE}\n${MANAGER_USAGE}\n`);
  return 2;
}

async function runExport(argv: string[], io: CliIO): Promise<number> {
  let a;
  try {
    a = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, int4: { type: 'boolean' }, dtype: { type: 'string' }, python: { type: 'string' } } });
  } catch (e) {
    io.err.write(`magma-desk models export: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { from, to } = a.values;
  if (!from || !to) {
    io.err.write(`magma-desk models export: --from and --to are required\n${USAGE}\n`);
    return 2;
  }
  if (a.values.dtype && !['fp16', 'fp32'].includes(a.values.dtype)) {
    io.err.write('magma-desk models export: --dtype is fp16 or fp32\n');
    return 2;
  }
  if (!existsSync(from)) {
    io.err.write(`magma-desk models export: no checkpoint directory at ${from} (download microsoft/Magma-8B there first)\n`);
    return 1;
  }
  const python = a.values.python ?? process.env.PYTHON ?? 'python3';
  const args = [EXPORT_PY, '--from', from, '--to', to, ...(a.values.int4 ? ['--int4'] : []), ...(a.values.dtype ? ['--dtype', a.values.dtype] : [])];
  return new Promise((resolve) => {
    const p = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d) => io.out.write(d));
    p.stderr.on('data', (d) => io.err.write(d));
    p.on('error', (e) => {
      io.err.write(`magma-desk models export: could not start ${python} (${e.message}); install Python 3 with torch and onnx, or pass --python <path>\n`);
      resolve(1);
    });
    p.on('close', (code) => resolve(code === 0 ? 0 : 1));
  });
}

async function runVerify(argv: string[], io: CliIO): Promise<number> {
  let a;
  try {
    a = parseArgs({ args: argv, allowPositionals: true, options: { providers: { type: 'string' }, 'no-hash': { type: 'boolean' } } });
  } catch (e) {
    io.err.write(`magma-desk models verify: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const dir = a.positionals[0];
  if (!dir || a.positionals.length > 1) {
    io.err.write(`magma-desk models verify: one bundle directory is required\n${USAGE}\n`);
    return 2;
  }
  // Loaded here, not at the top: onnxruntime-node takes most of a second, which `magma-desk --help` should not wait for.
  const [{ readBundle, verifyBundle, outdatedBundleNotice }, { oneStepCheck }] = await Promise.all([import('../../../adapters/magma-bundle.js'), import('../../../main/one-step-check.js')]);
  try {
    const b = readBundle(dir);
    const m = b.manifest;
    io.out.write(`${dir}: ${m.precision} bundle, ${Object.keys(m.files).length} files, ${(Object.values(m.files).reduce((s, f) => s + f.bytes, 0) / 1e9).toFixed(2)} GB; sizes ok\n`);
    const old = outdatedBundleNotice(m, dir);
    if (old) io.out.write(`  note: ${old}\n`);
    if (!a.values['no-hash']) {
      const r = await verifyBundle(b);
      for (const f of r.files) io.out.write(`  ${f.ok ? 'ok ' : 'BAD'} ${f.file}${f.problem ? `: ${f.problem}` : ''}\n`);
      if (!r.ok) {
        io.err.write('magma-desk models verify: files differ from the manifest; export or copy the bundle again\n');
        return 1;
      }
    }
    const providers = a.values.providers?.split(',').map((s) => s.trim()).filter(Boolean);
    const t = await oneStepCheck(b, { ...(providers ? { providers } : {}), log: (l) => io.out.write(`  ${l}\n`) });
    io.out.write(`  smoke run: ${t.promptTokens} prompt tokens, ${stageTimesText(t)}, first token id ${t.firstTokenId}\n`);
    io.out.write('verified\n');
    return 0;
  } catch (e) {
    io.err.write(`magma-desk models verify: ${(e as Error).message}\n`);
    return 1;
  }
}
