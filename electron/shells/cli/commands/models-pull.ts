/**
 * `magma-desk models pull [<org/name>] [--revision R] [--precision int4|fp16] [--dir <store>] [--keep|--delete]`:
 * downloads a checkpoint from the Hugging Face Hub into the model store's folder (electron/adapters/hub/pull.ts),
 * verified, resumable (Ctrl-C, then the same command again); then converts it to a bundle inside the store
 * (electron/adapters/convert/, no Python), checks it and adds it to the store (every file hashed against the
 * manifest as it moves in). The checkpoint is then deleted (--delete) or kept (--keep); without either it asks on a
 * terminal and keeps it when there is none to ask. HF_ENDPOINT (a mirror) and HF_TOKEN (gated or private repos)
 * are the Hub's own conventions.
 */
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { readBundle } from '../../../adapters/magma-bundle.js';
import { addModel, defaultModelsDir, getModel } from '../../../adapters/model-store.js';
import { hubConfigFromEnv, HubError, isRepoId, type HubConfig } from '../../../adapters/hub/hub-api.js';
import { describeLicence } from '../../../adapters/hub/model-card.js';
import { formatBytes, pullCheckpoint, type Precision, type PullEvent, type PullOptions } from '../../../adapters/hub/pull.js';
import type { CliIO } from './ask.js';
import { runConversion } from './models-convert.js';

export const PULL_USAGE = 'usage: magma-desk models pull [<org/name>] [--revision <branch|tag|commit>] [--precision int4|fp16] [--dir <store>] [--keep|--delete]\n' +
  '  default microsoft/Magma-8B, int4; downloads, converts and adds the model; --keep/--delete: the downloaded checkpoint afterwards\n' +
  '  (asked on a terminal, kept otherwise); HF_TOKEN for gated or private models, HF_ENDPOINT for a mirror';
const DEFAULT_REPO = 'microsoft/Magma-8B';

export interface PullCliDeps {
  env?: NodeJS.ProcessEnv;
  /** Passed through to pullCheckpoint (tests: a small free-space figure, short retry delays). */
  pull?: Partial<Pick<PullOptions, 'freeBytes' | 'download'>> & { fetch?: HubConfig['fetch'] };
  signal?: AbortSignal;
  /** Asks the person a yes/no question (default: on a terminal through stdin; no terminal -> undefined, not asked). */
  confirm?: (question: string) => Promise<boolean | undefined>;
}

/** argv: the arguments after `models pull`. Exit codes: 0 downloaded, 1 failed or stopped, 2 bad usage. */
export async function runModelsPull(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }, deps: PullCliDeps = {}): Promise<number> {
  let a;
  try {
    a = parseArgs({ args: argv, allowPositionals: true, options: { revision: { type: 'string' }, precision: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'boolean' }, delete: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err.write(`magma-desk models pull: ${(e as Error).message}\n${PULL_USAGE}\n`);
    return 2;
  }
  if (a.values.help) {
    io.out.write(`${PULL_USAGE}\n`);
    return 0;
  }
  if (a.positionals.length > 1) {
    io.err.write(`magma-desk models pull: one model name at most (organisation/name)\n${PULL_USAGE}\n`);
    return 2;
  }
  if (a.values.keep && a.values.delete) {
    io.err.write(`magma-desk models pull: --keep and --delete contradict each other; give one\n${PULL_USAGE}\n`);
    return 2;
  }
  const precision = (a.values.precision ?? 'int4') as Precision;
  if (precision !== 'int4' && precision !== 'fp16') {
    io.err.write(`magma-desk models pull: --precision is int4 or fp16\n${PULL_USAGE}\n`);
    return 2;
  }
  const repo = a.positionals[0] ?? DEFAULT_REPO;
  if (!isRepoId(repo)) {
    io.err.write(`magma-desk models pull: "${repo}" is not a Hugging Face model name; write it as organisation/name, e.g. ${DEFAULT_REPO}\n${PULL_USAGE}\n`);
    return 2;
  }
  const env = deps.env ?? process.env;
  const modelsDir = a.values.dir ?? defaultModelsDir(env);

  const controller = new AbortController();
  const onSigint = () => controller.abort(new DOMException('stopped by the user', 'AbortError'));
  if (!deps.signal) process.once('SIGINT', onSigint);
  deps.signal?.addEventListener('abort', () => controller.abort(deps.signal!.reason), { once: true });
  const bar = pullProgress(io.err);
  let dir: string | undefined;
  try {
    const cfg = { ...hubConfigFromEnv(env), ...(deps.pull?.fetch ? { fetch: deps.pull.fetch } : {}) };
    io.err.write(`asking ${cfg.endpoint} for the files of ${repo}${a.values.revision ? ` at ${a.values.revision}` : ''}${cfg.token ? ' (with the token in HF_TOKEN)' : ''}\n`);
    const r = await pullCheckpoint({
      cfg, repo, precision, modelsDir, signal: controller.signal,
      ...(a.values.revision ? { revision: a.values.revision } : {}),
      ...(deps.pull?.freeBytes ? { freeBytes: deps.pull.freeBytes } : {}),
      ...(deps.pull?.download ? { download: deps.pull.download } : {}),
      onEvent: (e) => {
        if (e.type === 'plan') dir = e.dir;
        report(e, io, bar);
      },
    });
    bar.end();
    const got = r.downloadedBytes ? `downloaded ${gb(r.downloadedBytes)}` : 'everything was already downloaded';
    io.out.write(`${repo} at commit ${r.sha.slice(0, 12)}: ${r.files} files, ${gb(r.totalBytes)}, every file checked against the Hub's hashes (${got})\n`);
    io.out.write(`licence (from the model card): ${describeLicence(r.licence)}\n`);
    io.out.write(`checkpoint folder: ${r.dir}\n`);

    // Convert inside the store (same disk: the bundle then moves in without a second copy), check, add.
    const name = `${repo.split('/')[1]!.toLowerCase()}-${precision}`;
    const installed = getModel(modelsDir, name);
    if (installed) {
      io.out.write(`a model named "${name}" is already installed (${installed.dir}); nothing converted. To convert again, remove it first: magma-desk models remove ${name}\n`);
    } else {
      const staging = join(modelsDir, `.${name}.converting`);
      rmSync(staging, { recursive: true, force: true });
      io.err.write(`converting to a ${precision} bundle in ${staging} (no Python needed)\n`);
      const conv = await runConversion(r.dir, staging, precision, io, 'magma-desk models pull', controller.signal);
      if (typeof conv === 'number') {
        io.err.write(controller.signal.aborted
          ? `The downloaded checkpoint is kept in ${r.dir}; run the same command again to convert it.\n`
          : `The downloaded checkpoint is kept in ${r.dir}; after fixing the above, convert it with:\n  magma-desk models convert --from ${r.dir} --to ${name}\n`);
        return conv;
      }
      readBundle(staging); // manifest and every file's size, as the app checks a bundle before loading it
      const added = await addModel(modelsDir, staging, {
        name, move: true, source: `${repo}@${r.sha}`, ...(r.licence ? { licence: describeLicence(r.licence) } : {}),
      });
      io.out.write(`installed as "${added.name}" (${precision}, ${gb(added.bytes)}) in ${added.dir}; every file checked against its sha256\n`);
      io.out.write(`use it: choose "${added.name}" in Settings, or magma-desk ask --model ${added.dir} "Q: what is on the screen?"\n`);
    }
    await dropCheckpoint(r.dir, a.values.keep ? false : a.values.delete ? true : undefined, io, deps.confirm ?? askOnTerminal);
    return 0;
  } catch (e) {
    bar.end();
    if (controller.signal.aborted) {
      io.err.write(`magma-desk models pull: stopped. What was downloaded is kept${dir ? ` in ${dir}` : ''}; run the same command again to continue where it stopped.\n`);
      return 1;
    }
    const msg = e instanceof HubError ? e.message : `${(e as Error).message ?? e}`;
    io.err.write(`magma-desk models pull: ${msg}\n`);
    if (e instanceof HubError && e.kind === 'disk') io.err.write(`  (another models folder: --dir <folder> or MAGMA_DESK_MODELS_DIR)\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Deletes the downloaded checkpoint when told to (or when the person says yes); keeps it otherwise. */
async function dropCheckpoint(dir: string, remove: boolean | undefined, io: CliIO, confirm: NonNullable<PullCliDeps['confirm']>): Promise<void> {
  const answer = remove ?? (await confirm(`Delete the downloaded checkpoint (${dir}) now that the model is installed? It is only needed to convert again. [y/N] `));
  if (answer) {
    rmSync(dir, { recursive: true, force: true });
    // Its <org>--<name> folder too, when no other commit is left in it.
    const parent = dirname(dir);
    if (existsSync(parent) && readdirSync(parent).length === 0) rmdirSync(parent);
    io.out.write(`deleted the checkpoint ${dir}\n`);
  } else {
    io.out.write(`kept the checkpoint in ${dir} (delete it with --delete next time, or by hand, once you no longer need to convert it again)\n`);
  }
}

/** A yes/no question on stdin when it is a terminal; undefined (not asked) otherwise. */
async function askOnTerminal(question: string): Promise<boolean | undefined> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function report(e: PullEvent, io: CliIO, bar: ReturnType<typeof pullProgress>): void {
  if (e.type === 'plan') {
    const left = e.totalBytes - e.presentBytes;
    io.err.write(`commit ${e.sha.slice(0, 12)}: ${e.files} files, ${gb(e.totalBytes)}${e.resumed ? `; resuming, ${gb(left)} left` : ''}; ${gb(e.freeBytes)} free, ${gb(e.needBytes)} needed with the converted model\n`);
    if (e.skipped.length) io.err.write(`not downloaded (other formats of the same weights): ${e.skipped.join(', ')}\n`);
    bar.start(e.presentBytes);
  } else if (e.type === 'licence') {
    bar.note(`licence (from the model card): ${describeLicence(e.licence)}`);
  } else if (e.type === 'progress') {
    bar.update(e.doneBytes, e.totalBytes, e.file);
  }
}

const gb = formatBytes;

function duration(s: number): string {
  if (!Number.isFinite(s)) return '--';
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.ceil(s)} s`;
}

/**
 * Bytes, rate and ETA on stderr: redrawn in place at most 10 times a second on a terminal; without one, a line per
 * 10% (logs stay short). The rate counts only this run's bytes, so a resumed pull does not look faster than it is.
 */
export function pullProgress(err: NodeJS.WritableStream, now: () => number = Date.now) {
  const tty = Boolean((err as NodeJS.WriteStream).isTTY);
  let t0 = now();
  let base = 0;
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  const line = (done: number, total: number) => {
    const secs = (now() - t0) / 1000;
    const rate = secs > 0.5 ? (done - base) / secs : NaN;
    const eta = rate > 0 ? (total - done) / rate : NaN;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    return { pct, text: `${gb(done)} of ${gb(total)} (${pct}%), ${Number.isFinite(rate) ? `${gb(rate)}/s` : '-- /s'}, ${done >= total ? 'done' : `about ${duration(eta)} left`}` };
  };
  return {
    start(present: number) {
      t0 = now();
      base = present;
    },
    update(done: number, total: number, file: string) {
      const l = line(done, total);
      if (tty) {
        if (now() - lastDraw < 100 && done < total) return;
        lastDraw = now();
        const width = 24;
        const full = Math.round((Math.min(done, total) / Math.max(total, 1)) * width);
        // One terminal row at most: a longer line wraps and `\r` would then redraw only its last row.
        const cols = Math.max(40, ((err as NodeJS.WriteStream).columns ?? 80) - 1);
        const text = `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${l.text} ${file}`;
        err.write(`\r${text.slice(0, cols).padEnd(cols)}`);
        drawn = true;
      } else {
        const tenth = Math.floor(l.pct / 10);
        if (tenth <= lastTenth) return;
        lastTenth = tenth;
        err.write(`downloading: ${l.text}; ${file}\n`);
      }
    },
    note(s: string) {
      if (tty && drawn) err.write('\n');
      drawn = false;
      err.write(`${s}\n`);
    },
    end() {
      if (tty && drawn) err.write('\n');
      drawn = false;
    },
  };
}
