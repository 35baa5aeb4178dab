/**
 * The model store: one folder per installed model under the models folder, each with its manifest.json (files
 * with size and sha256, and a licence) and installed.json (when, from where, under which licence). Magma bundles
 * (models/magma/export.py) keep their manifest byte for byte; a single file (an ONNX detector) gets a manifest
 * written for it. Copies are hashed while they are written and must match the manifest; removal deletes only
 * folders this store made. The CLI (`magma-desk models list|add|remove|verify`) and the settings page use it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FileEntry = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** The fields the store reads from any manifest; Magma bundles have more (magma-bundle.ts reads those). */
export const StoreManifestSchema = z
  .object({
    format: z.string().optional(),
    name: z.string().optional(),
    licence: z.string().optional(),
    license: z.string().optional(),
    source: z.string().optional(),
    precision: z.string().optional(),
    files: z.record(z.string(), FileEntry),
  })
  .passthrough();
export type StoreManifest = z.infer<typeof StoreManifestSchema>;

const InstalledSchema = z.object({ name: z.string(), licence: z.string(), source: z.string().optional(), addedAt: z.string() }).passthrough();

export interface InstalledModel {
  readonly name: string;
  readonly dir: string;
  /** magma: a Magma bundle (the magma and hybrid planners load it); file: one model file; other: any manifest. */
  readonly kind: 'magma' | 'file' | 'other';
  readonly licence: string;
  readonly precision?: string;
  readonly source?: string;
  readonly files: number;
  readonly bytes: number;
  readonly addedAt?: string;
  /** Why the folder is not usable as it is (missing manifest, missing file, wrong size). Hashes: verifyModel. */
  readonly problem?: string;
}

export class ModelStoreError extends Error {}

/** $MAGMA_DESK_MODELS_DIR, else `models` in the user's data folder (XDG data, Application Support, LocalAppData). */
export function defaultModelsDir(env = process.env, platform = process.platform): string {
  if (env.MAGMA_DESK_MODELS_DIR) return resolve(env.MAGMA_DESK_MODELS_DIR);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'magma-desk', 'models');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'magma-desk', 'models');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'magma-desk', 'models');
}

export interface Progress {
  /** Bytes done of total, and the file being worked on. */
  (done: number, total: number, file: string): void;
}

function readManifest(dir: string): StoreManifest {
  const p = join(dir, 'manifest.json');
  if (!existsSync(p)) throw new ModelStoreError(`${dir} has no manifest.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(p, 'utf8'));
  } catch (e) {
    throw new ModelStoreError(`${p} is not valid JSON (${(e as Error).message})`);
  }
  const r = StoreManifestSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ModelStoreError(`${p} is not a model manifest (${i?.path.join('.')}: ${i?.message}): it needs "files" with bytes and sha256 of each file`);
  }
  return r.data;
}

/** A manifest's file name resolved inside the folder (no absolute paths, no `..`). */
function inside(dir: string, file: string): string {
  const p = resolve(dir, file);
  if (!p.startsWith(resolve(dir) + sep)) throw new ModelStoreError(`the manifest names a file outside its folder: ${file}`);
  return p;
}

function licenceOf(m: StoreManifest): string | undefined {
  return (m.licence ?? m.license)?.trim() || undefined;
}

function describe(root: string, name: string): InstalledModel {
  const dir = join(root, name);
  let installed: z.infer<typeof InstalledSchema> | undefined;
  try {
    installed = InstalledSchema.parse(JSON.parse(readFileSync(join(dir, 'installed.json'), 'utf8')));
  } catch {
    installed = undefined;
  }
  try {
    const m = readManifest(dir);
    const entries = Object.entries(m.files);
    let problem: string | undefined;
    for (const [f, e] of entries) {
      const p = inside(dir, f);
      if (!existsSync(p)) {
        problem = `missing file ${f}`;
        break;
      }
      const size = statSync(p).size;
      if (size !== e.bytes) {
        problem = `${f} has ${size} bytes, the manifest says ${e.bytes}`;
        break;
      }
    }
    return {
      name,
      dir,
      kind: m.format === 'magma-desk-bundle' ? 'magma' : m.format === 'magma-desk-model' && entries.length === 1 ? 'file' : 'other',
      licence: installed?.licence ?? licenceOf(m) ?? 'unknown',
      ...(m.precision ? { precision: m.precision } : {}),
      ...((installed?.source ?? m.source) ? { source: installed?.source ?? m.source } : {}),
      files: entries.length,
      bytes: entries.reduce((s, [, e]) => s + e.bytes, 0),
      ...(installed ? { addedAt: installed.addedAt } : {}),
      ...(problem ? { problem } : {}),
    };
  } catch (e) {
    return { name, dir, kind: 'other', licence: installed?.licence ?? 'unknown', files: 0, bytes: 0, problem: (e as Error).message };
  }
}

/** Every model folder in the store, by name. A missing store is an empty list. */
export function listModels(root = defaultModelsDir()): InstalledModel[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && MODEL_NAME.test(d.name) && !d.name.startsWith('.'))
    .map((d) => describe(root, d.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function getModel(root: string, name: string): InstalledModel | undefined {
  if (!MODEL_NAME.test(name)) return undefined;
  const dir = join(root, name);
  return existsSync(dir) && statSync(dir).isDirectory() ? describe(root, name) : undefined;
}

export async function sha256Of(p: string, onBytes?: (n: number) => void): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(p, { highWaterMark: 1 << 22 })) {
    h.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return h.digest('hex');
}

/** Copies one file, hashing it on the way; returns the hash of what was written. */
async function copyHashed(from: string, to: string, onBytes: (n: number) => void): Promise<string> {
  const h = createHash('sha256');
  mkdirSync(dirname(to), { recursive: true });
  await pipeline(
    createReadStream(from, { highWaterMark: 1 << 22 }),
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        h.update(chunk);
        onBytes(chunk.length);
        cb(null, chunk);
      },
    }),
    createWriteStream(to, { mode: 0o644 }),
  );
  return h.digest('hex');
}

export interface AddOptions {
  /** Folder name in the store (default: the source's base name). */
  name?: string;
  /** Required when the manifest names none (SPDX id or the licence's name, e.g. MIT, AGPL-3.0). */
  licence?: string;
  onProgress?: Progress;
  now?: () => Date;
  /**
   * Move the folder into the store instead of copying it (each file still hashed against the manifest). For a
   * bundle just made inside the store (the app's Get Magma-8B converts there): no second copy of gigabytes.
   * The source must be on the same disk as the store.
   */
  move?: boolean;
  /** Where the model came from, for installed.json (default: the source path), e.g. the Hub repo and commit. */
  source?: string;
}

/**
 * Adds a model: a folder with manifest.json (every file copied and checked against its sha256), or one file
 * (a manifest is written for it). Nothing is left in the store when a check fails.
 */
export async function addModel(root: string, source: string, o: AddOptions = {}): Promise<InstalledModel> {
  if (!existsSync(source)) throw new ModelStoreError(`nothing at ${source}`);
  const src = resolve(source);
  const isDir = statSync(src).isDirectory();
  const name = o.name ?? basename(src).replace(/\.(onnx|gguf|safetensors|bin)$/i, '');
  if (!MODEL_NAME.test(name)) throw new ModelStoreError(`"${name}" is not a model name: use letters, digits, ".", "_" and "-" (at most 64), or pass --name`);
  const dest = join(root, name);
  if (existsSync(dest)) throw new ModelStoreError(`a model named "${name}" is already installed (${dest}); remove it first or pass --name`);
  const rootReal = existsSync(root) ? realpathSync(root) : resolve(root);
  if (isDir && (rootReal + sep).startsWith(realpathSync(src) + sep)) throw new ModelStoreError('the source folder holds the model store itself');

  let manifest: StoreManifest;
  let files: Array<{ rel: string; from: string; bytes: number; sha256?: string }>;
  if (isDir) {
    manifest = readManifest(src);
    files = Object.entries(manifest.files).map(([rel, e]) => {
      const from = inside(src, rel);
      if (!existsSync(from)) throw new ModelStoreError(`the manifest lists ${rel}, which is missing from ${src}`);
      const size = statSync(from).size;
      if (size !== e.bytes) throw new ModelStoreError(`${rel} has ${size} bytes, the manifest says ${e.bytes}: the source is incomplete`);
      return { rel, from, bytes: e.bytes, sha256: e.sha256 };
    });
  } else {
    const bytes = statSync(src).size;
    manifest = { format: 'magma-desk-model', name, files: {} };
    files = [{ rel: basename(src), from: src, bytes }];
  }
  const licence = o.licence?.trim() || licenceOf(manifest);
  if (!licence) throw new ModelStoreError('the manifest names no licence: pass --licence <id> (for example MIT or AGPL-3.0) after reading the model\'s licence');

  mkdirSync(root, { recursive: true });
  if (o.move && isDir) {
    const total = files.reduce((s, f) => s + f.bytes, 0);
    let done = 0;
    for (const f of files) {
      const got = await sha256Of(f.from, (n) => {
        done += n;
        o.onProgress?.(done, total, f.rel);
      });
      if (got !== f.sha256) throw new ModelStoreError(`${f.rel}: sha256 ${got.slice(0, 12)}... differs from the manifest's ${f.sha256!.slice(0, 12)}...; the source is damaged`);
    }
    writeFileSync(join(src, 'installed.json'), JSON.stringify({ name, licence, source: o.source ?? src, addedAt: (o.now?.() ?? new Date()).toISOString() }, null, 2));
    renameSync(src, dest);
    return describe(root, name);
  }
  const tmp = join(root, `.${name}.partial-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const total = files.reduce((s, f) => s + f.bytes, 0);
  let done = 0;
  try {
    const written: Record<string, { bytes: number; sha256: string }> = {};
    for (const f of files) {
      o.onProgress?.(done, total, f.rel);
      const got = await copyHashed(f.from, inside(tmp, f.rel), (n) => {
        done += n;
        o.onProgress?.(done, total, f.rel);
      });
      if (f.sha256 && got !== f.sha256) throw new ModelStoreError(`${f.rel}: sha256 ${got.slice(0, 12)}... differs from the manifest's ${f.sha256.slice(0, 12)}...; the source is damaged`);
      written[f.rel] = { bytes: f.bytes, sha256: got };
    }
    if (isDir) writeFileSync(join(tmp, 'manifest.json'), readFileSync(join(src, 'manifest.json')));
    else writeFileSync(join(tmp, 'manifest.json'), JSON.stringify({ format: 'magma-desk-model', version: 1, name, licence, source: src, files: written }, null, 2));
    writeFileSync(join(tmp, 'installed.json'), JSON.stringify({ name, licence, source: src, addedAt: (o.now?.() ?? new Date()).toISOString() }, null, 2));
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return describe(root, name);
}

/** Deletes an installed model's folder. Refuses names that are not in the store and links out of it. */
export function removeModel(root: string, name: string): InstalledModel {
  if (!MODEL_NAME.test(name)) throw new ModelStoreError(`"${name}" is not a model name`);
  const dir = join(root, name);
  if (!existsSync(dir)) throw new ModelStoreError(`no model named "${name}" in ${root}`);
  const st = lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) throw new ModelStoreError(`${dir} is not a folder this store made; remove it by hand`);
  if (relative(realpathSync(root), realpathSync(dir)) !== name) throw new ModelStoreError(`${dir} lies outside the store`);
  if (!existsSync(join(dir, 'installed.json')) && !existsSync(join(dir, 'manifest.json'))) throw new ModelStoreError(`${dir} has no manifest: not removing a folder the store did not make`);
  const info = describe(root, name);
  rmSync(dir, { recursive: true, force: true });
  return info;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly files: Array<{ file: string; ok: boolean; problem?: string }>;
}

/** Hashes every file of a model folder against its manifest, reporting progress in bytes. */
export async function verifyModel(dir: string, onProgress?: Progress): Promise<VerifyResult> {
  const m = readManifest(dir);
  const entries = Object.entries(m.files);
  const total = entries.reduce((s, [, e]) => s + e.bytes, 0);
  let done = 0;
  const files: VerifyResult['files'] = [];
  for (const [f, e] of entries) {
    const p = inside(dir, f);
    if (!existsSync(p)) {
      files.push({ file: f, ok: false, problem: 'missing' });
      done += e.bytes;
      continue;
    }
    const size = statSync(p).size;
    if (size !== e.bytes) {
      files.push({ file: f, ok: false, problem: `${size} bytes, the manifest says ${e.bytes}` });
      done += e.bytes;
      continue;
    }
    onProgress?.(done, total, f);
    const got = await sha256Of(p, (n) => {
      done += n;
      onProgress?.(done, total, f);
    });
    files.push(got === e.sha256 ? { file: f, ok: true } : { file: f, ok: false, problem: `sha256 ${got.slice(0, 12)}... != manifest ${e.sha256.slice(0, 12)}...` });
  }
  return { ok: files.every((f) => f.ok), files };
}
