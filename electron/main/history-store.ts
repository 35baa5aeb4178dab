/**
 * History of finished runs, kept on this computer when the person turned it on: one folder per run under
 * `<dataDir>/history/<runId>/` holding `run.jsonl` (line 1: summary and the frame-id -> file map, then one event a
 * line) and the run's screenshots as `0.png`, `1.png`, ... Folders are 0700 and files 0600 (screens can hold
 * private data). A run is written once, when it finishes, into a `.tmp-` folder renamed into place, so a crash
 * never leaves half a run behind (a leftover `.tmp-` folder is removed at the next start).
 *
 * Invariants:
 * - Frames are looked up through an in-memory map from frame id to a file name this module chose (`<n>.png`,
 *   checked again when read back): a frame id never becomes a path, so no id can reach outside the folder.
 * - What a step typed into a password field, or typed that looks like a key or card number, is never written:
 *   that step's screenshots (before and after) and any screenshot whose recognized text shows such a value are
 *   left out, and the text is redacted from every event (redact.ts, plus any piece of 6+ characters of it).
 * - Caps: runs older than maxAgeMs, then the oldest runs while the total passes maxBytes, are removed.
 * - The previous format (one `history.jsonl` line per run, events only) is migrated into this store at load
 *   (redacted on the way) and the old file removed.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunSummarySchema, type RunSummary } from '../common/ipc-contract.js';
import { RunEventSchema, type RunEvent } from '../common/run-events.js';
import { findCardNumbers, findSecrets } from '../agent/safety/risk.js';
import { REDACTED, redactRecord } from '../agent/safety/redact.js';

export interface HistoryCaps {
  maxBytes: number;
  maxAgeMs: number;
}

export interface FinishedRun {
  summary: RunSummary;
  events: readonly RunEvent[];
  /** PNG bytes by frame id, as taken from the engine while the run went. */
  frames: ReadonlyMap<string, Uint8Array>;
}

export interface HistoryStore {
  /** The folder runs are kept in; undefined = in memory only (no data folder). */
  readonly dir: string | undefined;
  /** Reads the kept runs (newest first), migrating the old history.jsonl; applies the caps. */
  load(): void;
  list(): RunSummary[];
  get(runId: string): RunEvent[] | undefined;
  /** Ids of the screenshots kept for a run. */
  frameIds(runId: string): string[];
  framePng(frameId: string): Uint8Array | undefined;
  /** Keeps a finished run (redacted, sensitive screenshots left out), then applies the caps. */
  save(run: FinishedRun): void;
  setCaps(caps: HistoryCaps): void;
  /** Size of the kept runs on disk (or in memory), in bytes. */
  bytes(): number;
  /** Removes every kept run and every file of the store (damaged ones and the old history.jsonl too). */
  clear(): number;
}

const FRAME_ID = /^[A-Za-z0-9_.:-]{1,200}$/;
const FRAME_FILE = /^\d{1,5}\.png$/;
const RUN_FOLDER = /^[A-Za-z0-9_-]{1,100}$/;
/** Risk reasons (electron/agent/safety/risk.ts) that mean a secret was on screen or typed. */
const SENSITIVE_REASON = /password|secret|card number|credential|passphrase/i;
/** The smallest piece of a typed secret that is redacted wherever it appears (S13 scans for 6). */
const MIN_PIECE = 6;

interface Kept {
  summary: RunSummary;
  /** Folder name under dir (disk) or undefined (memory). */
  folder?: string;
  /** Frame id -> file name (disk) */
  frameFiles: Map<string, string>;
  /** Memory only: the events and frames themselves. */
  events?: RunEvent[];
  frames?: Map<string, Uint8Array>;
  bytes: number;
}

export function createHistoryStore(o: { dir?: string; legacyFile?: string; caps: HistoryCaps; now?: () => number }): HistoryStore {
  const now = o.now ?? Date.now;
  let caps = o.caps;
  /** Newest first. */
  let runs: Kept[] = [];
  const frameIndex = new Map<string, Kept>();

  const index = (k: Kept) => {
    for (const id of k.frameFiles.keys()) frameIndex.set(id, k);
  };
  const unindex = (k: Kept) => {
    for (const id of k.frameFiles.keys()) if (frameIndex.get(id) === k) frameIndex.delete(id);
  };

  function ensureDir(d: string) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
    chmodSync(d, 0o700);
  }

  function remove(k: Kept) {
    unindex(k);
    runs = runs.filter((r) => r !== k);
    if (o.dir && k.folder) rmSync(join(o.dir, k.folder), { recursive: true, force: true });
  }

  function applyCaps() {
    const cutoff = now() - caps.maxAgeMs;
    for (const k of [...runs]) if ((k.summary.finishedAt ?? k.summary.startedAt) < cutoff) remove(k);
    let total = runs.reduce((n, k) => n + k.bytes, 0);
    while (total > caps.maxBytes && runs.length) {
      const oldest = runs.reduce((a, b) => ((b.summary.finishedAt ?? b.summary.startedAt) < (a.summary.finishedAt ?? a.summary.startedAt) ? b : a));
      total -= oldest.bytes;
      remove(oldest);
    }
  }

  function readRun(folder: string): Kept | undefined {
    const path = join(o.dir!, folder);
    try {
      const text = readFileSync(join(path, 'run.jsonl'), 'utf8');
      const end = text.indexOf('\n');
      const head = JSON.parse(end >= 0 ? text.slice(0, end) : text) as { summary?: unknown; frames?: unknown };
      const summary = RunSummarySchema.parse(head.summary);
      const frameFiles = new Map<string, string>();
      let bytes = statSync(join(path, 'run.jsonl')).size;
      for (const [id, file] of Object.entries((head.frames ?? {}) as Record<string, unknown>)) {
        if (!FRAME_ID.test(id) || typeof file !== 'string' || !FRAME_FILE.test(file) || !existsSync(join(path, file))) continue;
        frameFiles.set(id, file);
        bytes += statSync(join(path, file)).size;
      }
      return { summary, folder, frameFiles, bytes };
    } catch {
      return undefined; // a damaged run is skipped (its files go with "delete all")
    }
  }

  function write(run: FinishedRun): Kept {
    const { events, frames } = forHistory(run.events, run.frames);
    const summary = RunSummarySchema.parse(scrub(run.summary, typedSecrets(run.events)));
    if (!o.dir) {
      const bytes = [...frames.values()].reduce((n, f) => n + f.byteLength, 0) + JSON.stringify(events).length;
      return { summary, frameFiles: new Map([...frames.keys()].map((id) => [id, id])), events, frames: new Map(frames), bytes };
    }
    ensureDir(o.dir);
    const folder = RUN_FOLDER.test(summary.runId) ? summary.runId : `run-${Buffer.from(summary.runId).toString('hex').slice(0, 80)}`;
    const tmp = join(o.dir, `.tmp-${folder}`);
    rmSync(tmp, { recursive: true, force: true });
    ensureDir(tmp);
    const frameFiles = new Map<string, string>();
    let bytes = 0;
    for (const [id, png] of frames) {
      if (!FRAME_ID.test(id)) continue;
      const file = `${frameFiles.size}.png`;
      writeFileSync(join(tmp, file), png, { mode: 0o600 });
      frameFiles.set(id, file);
      bytes += png.byteLength;
    }
    const text = [JSON.stringify({ v: 1, summary, frames: Object.fromEntries(frameFiles) }), ...events.map((e) => JSON.stringify(e))].join('\n') + '\n';
    writeFileSync(join(tmp, 'run.jsonl'), text, { mode: 0o600 });
    bytes += Buffer.byteLength(text);
    rmSync(join(o.dir, folder), { recursive: true, force: true });
    renameSync(tmp, join(o.dir, folder));
    return { summary, folder, frameFiles, bytes };
  }

  function add(k: Kept) {
    const old = runs.find((r) => r.summary.runId === k.summary.runId);
    if (old) {
      unindex(old);
      runs = runs.filter((r) => r !== old);
    }
    runs.unshift(k);
    runs.sort((a, b) => b.summary.startedAt - a.summary.startedAt);
    index(k);
  }

  function migrate(file: string) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const v = JSON.parse(line) as { summary: unknown; events: unknown[] };
        add(write({ summary: RunSummarySchema.parse(v.summary), events: v.events.map((e) => RunEventSchema.parse(e)), frames: new Map() }));
      } catch {
        /* a damaged line is skipped, as before */
      }
    }
    rmSync(file, { force: true });
  }

  return {
    dir: o.dir,
    load() {
      runs = [];
      frameIndex.clear();
      if (o.dir && existsSync(o.dir)) {
        chmodSync(o.dir, 0o700);
        for (const name of readdirSync(o.dir)) {
          if (name.startsWith('.tmp-')) rmSync(join(o.dir, name), { recursive: true, force: true });
          else if (RUN_FOLDER.test(name)) {
            const k = readRun(name);
            if (k) add(k);
          }
        }
      }
      if (o.legacyFile && existsSync(o.legacyFile)) migrate(o.legacyFile);
      applyCaps();
    },
    list() {
      applyCaps();
      return runs.map((k) => k.summary);
    },
    get(runId) {
      const k = runs.find((r) => r.summary.runId === runId);
      if (!k) return undefined;
      if (k.events) return k.events;
      try {
        const lines = readFileSync(join(o.dir!, k.folder!, 'run.jsonl'), 'utf8').split('\n');
        return lines.slice(1).filter((l) => l.trim()).flatMap((l) => {
          const e = RunEventSchema.safeParse(JSON.parse(l));
          return e.success ? [e.data] : [];
        });
      } catch {
        return undefined;
      }
    },
    frameIds: (runId) => [...(runs.find((r) => r.summary.runId === runId)?.frameFiles.keys() ?? [])],
    framePng(frameId) {
      if (typeof frameId !== 'string' || !FRAME_ID.test(frameId)) return undefined;
      const k = frameIndex.get(frameId);
      const file = k?.frameFiles.get(frameId);
      if (!k || !file) return undefined;
      if (k.frames) return k.frames.get(frameId);
      if (!FRAME_FILE.test(file)) return undefined;
      try {
        return readFileSync(join(o.dir!, k.folder!, file));
      } catch {
        return undefined;
      }
    },
    save(run) {
      add(write(run));
      applyCaps();
    },
    setCaps(c) {
      caps = c;
      applyCaps();
    },
    bytes: () => runs.reduce((n, k) => n + k.bytes, 0),
    clear() {
      const n = runs.length;
      runs = [];
      frameIndex.clear();
      if (o.dir) rmSync(o.dir, { recursive: true, force: true });
      if (o.legacyFile) rmSync(o.legacyFile, { force: true });
      return n;
    },
  };
}

/** Reasoning arrives token by token; history keeps one event per step (merged before redaction, so no secret is split). */
export function compactReasoning(events: readonly RunEvent[]): RunEvent[] {
  const out: RunEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.type === 'reasoning' && last?.type === 'reasoning' && last.step === e.step) {
      out[out.length - 1] = { ...last, text: last.text + e.text };
    } else out.push(e);
  }
  return out;
}

const secretLike = (t: string) => findSecrets(t).length > 0 || findCardNumbers(t).length > 0;

/** Steps that typed into a password field or typed a key or card number (by the gate's risk reasons or the text). */
export function sensitiveSteps(events: readonly RunEvent[]): Set<number> {
  const out = new Set<number>();
  for (const e of events) {
    if (e.type === 'approval_requested' && e.request.risk.reasons.some((r) => SENSITIVE_REASON.test(r))) out.add(e.request.step);
    if ((e.type === 'proposal' || e.type === 'executed') && e.action.kind === 'type' && secretLike(e.action.text)) out.add(e.step);
    if (e.type === 'approval_requested' && e.request.action.kind === 'type' && secretLike(e.request.action.text)) out.add(e.request.step);
  }
  return out;
}

/** The texts those steps typed: redacted from every event of the run. */
function typedSecrets(events: readonly RunEvent[]): string[] {
  const steps = sensitiveSteps(events);
  const out = new Set<string>();
  for (const e of events) {
    const a = e.type === 'proposal' || e.type === 'executed' ? { step: e.step, action: e.action } : e.type === 'approval_requested' ? e.request : undefined;
    if (a && steps.has(a.step) && a.action.kind === 'type') out.add(a.action.text);
  }
  return [...out];
}

/** Replaces every piece (MIN_PIECE+ characters) of a sensitive text inside s: OCR may read part of a typed key. */
export function redactPieces(s: string, sensitive: readonly string[]): string {
  const hit = new Uint8Array(s.length);
  let any = false;
  for (const v of sensitive) {
    for (let i = 0; i + MIN_PIECE <= v.length; i++) {
      const piece = v.slice(i, i + MIN_PIECE);
      for (let at = s.indexOf(piece); at >= 0; at = s.indexOf(piece, at + 1)) {
        hit.fill(1, at, at + MIN_PIECE);
        any = true;
      }
    }
  }
  if (!any) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (!hit[i]) out += s[i];
    else if (i === 0 || !hit[i - 1]) out += REDACTED;
  }
  return out;
}

/** redactRecord (secrets, card numbers, the typed texts) and then every piece of a typed text, in every string. */
function scrub<T>(value: T, secrets: readonly string[]): T {
  const deep = (v: unknown): unknown =>
    typeof v === 'string' ? redactPieces(v, secrets) : Array.isArray(v) ? v.map(deep) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) : v;
  // A JSON copy first: redactRecord marks an object met twice as '[cycle]', and events share objects (a display).
  const redacted = redactRecord(JSON.parse(JSON.stringify(value)) as T, secrets);
  return keepIds(value, secrets.length ? (deep(redacted) as T) : redacted);
}

/** Ids the app made (runs, frames, approvals) look like keys to the secret finder; they are put back as they were. */
const ID_KEYS = new Set(['runId', 'frameId', 'afterFrameId', 'id', 'approvalId']);
function keepIds<T>(original: T, redacted: T): T {
  if (!original || typeof original !== 'object' || !redacted || typeof redacted !== 'object') return redacted;
  const o = original as Record<string, unknown>;
  const r = redacted as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (ID_KEYS.has(k) && typeof o[k] === 'string') r[k] = o[k];
    else r[k] = keepIds(o[k], r[k]);
  }
  return redacted;
}

/**
 * What history keeps of a run: reasoning merged per step, typed secrets redacted everywhere, and the screenshots
 * of sensitive steps (and any showing a secret in its recognized text) left out, with a notice saying so.
 */
export function forHistory(events: readonly RunEvent[], frames: ReadonlyMap<string, Uint8Array>): { events: RunEvent[]; frames: Map<string, Uint8Array>; withheldSteps: number[] } {
  const steps = sensitiveSteps(events);
  const secrets = typedSecrets(events);
  const withheld = new Set<string>();
  for (const e of events) {
    if (e.type === 'frame' && steps.has(e.step)) withheld.add(e.frameId);
    if (e.type === 'executed' && steps.has(e.step) && e.afterFrameId) withheld.add(e.afterFrameId);
    if (e.type === 'approval_requested' && steps.has(e.request.step)) withheld.add(e.request.frameId);
    if (e.type === 'perceived' && e.elements.some((el) => secretLike(el.text) || redactPieces(el.text, secrets) !== el.text || secrets.some((s) => s.length >= 3 && el.text.includes(s)))) withheld.add(e.frameId);
  }
  const out = scrub(compactReasoning(events), secrets).map((e) => RunEventSchema.parse(e));
  const withheldSteps = [...steps].sort((a, b) => a - b);
  const kept = new Map([...frames].filter(([id]) => !withheld.has(id)));
  if (withheld.size) {
    const which = withheldSteps.length ? `step${withheldSteps.length > 1 ? 's' : ''} ${withheldSteps.map((s) => s + 1).join(', ')}` : 'some steps';
    const notice: RunEvent = {
      type: 'notice', level: 'info',
      message: `The screenshots of ${which} were not kept: a password, key or card number was typed or shown there. The steps themselves are listed with the typed text hidden.`,
    };
    const end = out.length && out[out.length - 1]!.type === 'run_finished' ? out.length - 1 : out.length;
    out.splice(end, 0, notice);
  }
  return { events: out, frames: kept, withheldSteps };
}
