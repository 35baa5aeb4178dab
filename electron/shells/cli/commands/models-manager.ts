/**
 * `magma-desk models list|add|remove` and `models verify <installed-name>`: the model store
 * (electron/adapters/model-store.ts) from the command line. `models export` and `models verify <bundle-dir>` stay
 * in models.ts, which hands the subcommands it does not know to this file. Long work (copying, hashing) draws a
 * progress bar on stderr (a line per quarter when stderr is not a terminal).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addModel, defaultModelsDir, getModel, listModels, removeModel, verifyModel, type InstalledModel } from '../../../adapters/model-store.js';
import type { CliIO } from './ask.js';

export const MANAGER_USAGE = [
  'usage: magma-desk models list [--json] [--dir <store>]',
  '       magma-desk models add <bundle-dir|model-file> [--name <name>] [--licence <id>] [--dir <store>]',
  '       magma-desk models remove <name> [--dir <store>]',
  '       magma-desk models verify <name> [--dir <store>] [--providers webgpu,cpu]',
  `  the store: --dir, else $MAGMA_DESK_MODELS_DIR, else ${defaultModelsDir()}`,
].join('\n');

/** Whether this file answers `models <sub> ...`: list/add/remove, and verify of an installed model by name. */
export function handlesModels(argv: readonly string[], env = process.env): boolean {
  const [sub, ...rest] = argv;
  if (sub === 'list' || sub === 'ls' || sub === 'add' || sub === 'remove' || sub === 'rm') return true;
  if (sub !== 'verify') return false;
  const target = rest.find((a) => !a.startsWith('-'));
  if (!target || existsSync(target)) return false;
  const dirAt = rest.indexOf('--dir');
  const root = dirAt >= 0 && rest[dirAt + 1] ? rest[dirAt + 1]! : defaultModelsDir(env);
  return getModel(root, target) !== undefined;
}

/** A progress bar for byte counts: redrawn in place on a terminal, a line per 25% otherwise. */
export function progressBar(err: NodeJS.WritableStream, label: string): { update(done: number, total: number, file: string): void; end(): void } {
  const tty = Boolean((err as NodeJS.WriteStream).isTTY);
  let lastDraw = 0;
  let lastQuarter = -1;
  let drawn = false;
  const gb = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`);
  return {
    update(done, total, file) {
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      const pct = Math.floor(frac * 100);
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && frac < 1) return;
        lastDraw = now;
        const width = 28;
        const full = Math.round(frac * width);
        err.write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(pct).padStart(3)}% ${gb(done)}/${gb(total)} ${file.slice(-40).padEnd(40)}`);
        drawn = true;
      } else {
        const q = Math.floor(frac * 4);
        if (q <= lastQuarter) return;
        lastQuarter = q;
        err.write(`${label}: ${pct}% (${gb(done)} of ${gb(total)}) ${file}\n`);
      }
    },
    end() {
      if (tty && drawn) err.write('\n');
    },
  };
}

function row(m: InstalledModel): string {
  const size = m.bytes >= 1e9 ? `${(m.bytes / 1e9).toFixed(2)} GB` : `${(m.bytes / 1e6).toFixed(1)} MB`;
  return `${m.name.padEnd(24)} ${m.kind.padEnd(6)} ${(m.precision ?? '-').padEnd(5)} ${size.padStart(10)}  ${m.licence.padEnd(12)} ${m.problem ? `PROBLEM: ${m.problem}` : m.dir}`;
}

/** argv: the arguments after `models`. Exit codes: 0 ok, 1 failed, 2 bad usage. */
export async function runModelsManager(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [sub, ...rest] = argv;
  let a;
  try {
    a = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { dir: { type: 'string' }, json: { type: 'boolean' }, name: { type: 'string' }, licence: { type: 'string' }, license: { type: 'string' }, providers: { type: 'string' } },
    });
  } catch (e) {
    io.err.write(`magma-desk models ${sub}: ${(e as Error).message}\n${MANAGER_USAGE}\n`);
    return 2;
  }
  const root = a.values.dir ?? defaultModelsDir();
  const pos = a.positionals;
  try {
    switch (sub) {
      case 'list':
      case 'ls': {
        const models = listModels(root);
        if (a.values.json) io.out.write(`${JSON.stringify({ dir: root, models })}\n`);
        else if (!models.length) io.out.write(`no models in ${root}; add one with "magma-desk models add <bundle-dir>"\n`);
        else {
          io.out.write(`${'NAME'.padEnd(24)} ${'KIND'.padEnd(6)} ${'PREC'.padEnd(5)} ${'SIZE'.padStart(10)}  ${'LICENCE'.padEnd(12)} FOLDER\n`);
          for (const m of models) io.out.write(`${row(m)}\n`);
        }
        return 0;
      }
      case 'add': {
        if (pos.length !== 1) {
          io.err.write(`magma-desk models add: one bundle folder or model file is required\n${MANAGER_USAGE}\n`);
          return 2;
        }
        const bar = progressBar(io.err, 'copying and hashing');
        try {
          const m = await addModel(root, pos[0]!, {
            ...(a.values.name ? { name: a.values.name } : {}),
            ...((a.values.licence ?? a.values.license) ? { licence: a.values.licence ?? a.values.license } : {}),
            onProgress: (d, t, f) => bar.update(d, t, f),
          });
          bar.end();
          io.out.write(`added ${m.name}: ${m.files} files, sha256 checked, licence ${m.licence}, in ${m.dir}\n`);
          if (m.kind === 'magma') io.out.write(`use it: magma-desk run --planner magma --model ${m.dir} "..." (or pick it in the app's settings)\n`);
          return 0;
        } finally {
          bar.end();
        }
      }
      case 'remove':
      case 'rm': {
        if (pos.length !== 1) {
          io.err.write(`magma-desk models remove: one model name is required\n${MANAGER_USAGE}\n`);
          return 2;
        }
        const m = removeModel(root, pos[0]!);
        io.out.write(`removed ${m.name} (${m.dir})\n`);
        return 0;
      }
      case 'verify': {
        const m = pos[0] ? getModel(root, pos[0]) : undefined;
        if (!m || pos.length !== 1) {
          io.err.write(`magma-desk models verify: no installed model named "${pos[0] ?? ''}" in ${root}\n${MANAGER_USAGE}\n`);
          return 2;
        }
        const bar = progressBar(io.err, `hashing ${m.name}`);
        const r = await verifyModel(m.dir, (d, t, f) => bar.update(d, t, f));
        bar.end();
        for (const f of r.files) io.out.write(`  ${f.ok ? 'ok ' : 'BAD'} ${f.file}${f.problem ? `: ${f.problem}` : ''}\n`);
        if (!r.ok) {
          io.err.write(`magma-desk models verify: ${m.name} differs from its manifest; remove it and add it again\n`);
          return 1;
        }
        if (m.kind !== 'magma') {
          io.out.write('verified\n');
          return 0;
        }
        // The graphs and a one-token run: the bundle check of models.ts, hashes already done here.
        const { runModels } = await import('./models.js');
        return runModels(['verify', m.dir, '--no-hash', ...(a.values.providers ? ['--providers', a.values.providers] : [])], io);
      }
      default:
        io.err.write(`magma-desk models: ${sub ? `unknown subcommand "${sub}"` : 'a subcommand is required'}\n${MANAGER_USAGE}\n`);
        return 2;
    }
  } catch (e) {
    io.err.write(`magma-desk models ${sub}: ${(e as Error).message}\n`);
    return 1;
  }
}
