/**
 * `magma-desk models pull [<org/name>] [--revision R] [--precision int4|fp16] [--dir <store>]`: downloads a
 * checkpoint from the Hugging Face Hub into the model store's folder (electron/adapters/hub/pull.ts), verified,
 * resumable (Ctrl-C, then the same command again). Until the TypeScript converter lands it then says how to make a
 * bundle from it today with `models export` (Python with torch and onnx) and exits 0: nothing is converted here.
 * HF_ENDPOINT (a mirror) and HF_TOKEN (gated or private repos) are the Hub's own conventions.
 */
import { parseArgs } from 'node:util';
import { defaultModelsDir } from '../../../adapters/model-store.js';
import { hubConfigFromEnv, HubError, isRepoId, type HubConfig } from '../../../adapters/hub/hub-api.js';
import { describeLicence } from '../../../adapters/hub/model-card.js';
import { formatBytes, pullCheckpoint, type Precision, type PullEvent, type PullOptions } from '../../../adapters/hub/pull.js';
import type { CliIO } from './ask.js';

export const PULL_USAGE = 'usage: magma-desk models pull [<org/name>] [--revision <branch|tag|commit>] [--precision int4|fp16] [--dir <store>]\n' +
  '  default microsoft/Magma-8B, int4; HF_TOKEN for gated or private models, HF_ENDPOINT for a mirror';
const DEFAULT_REPO = 'microsoft/Magma-8B';

export interface PullCliDeps {
  env?: NodeJS.ProcessEnv;
  /** Passed through to pullCheckpoint (tests: a small free-space figure, short retry delays). */
  pull?: Partial<Pick<PullOptions, 'freeBytes' | 'download'>> & { fetch?: HubConfig['fetch'] };
  signal?: AbortSignal;
}

/** argv: the arguments after `models pull`. Exit codes: 0 downloaded, 1 failed or stopped, 2 bad usage. */
export async function runModelsPull(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }, deps: PullCliDeps = {}): Promise<number> {
  let a;
  try {
    a = parseArgs({ args: argv, allowPositionals: true, options: { revision: { type: 'string' }, precision: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
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
    const flag = precision === 'int4' ? '--int4' : '--dtype fp16';
    const bundle = `${repo.split('/')[1]!.toLowerCase()}-${precision}`;
    io.out.write(
      'Magma Desk cannot convert a checkpoint without Python yet. To make a model the app can run from it today ' +
      '(needs Python 3 with torch and onnx; see "Magma-8B on your GPU" in the README):\n' +
      `  magma-desk models export --from ${r.dir} --to ${bundle} ${flag}\n` +
      `  magma-desk models add ${bundle}\n`,
    );
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
