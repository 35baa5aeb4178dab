/**
 * `<data dir>/settings.json`: the one reader and writer of the user's settings, used by the app (main/app-host.ts)
 * and by the CLI, so both see the same planner, model bundle and model server.
 * Invariants: what is read is always a complete, valid Settings (missing fields take the defaults, so a file from
 * an older version still loads); a file that cannot be used yields the defaults plus a sentence saying why, never a
 * half-read mix; writes are atomic (temp file + rename) and private to the user (0600).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../common/ipc-contract.js';

export function settingsFilePath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

export interface ReadSettings {
  settings: Settings;
  /** Why the file was not used (the defaults were returned instead); absent when it was used or does not exist. */
  problem?: string;
}

export function readSettingsFile(file: string | undefined): ReadSettings {
  if (!file || !existsSync(file)) return { settings: DEFAULT_SETTINGS };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    return { settings: DEFAULT_SETTINGS, problem: `it is not readable JSON (${(e as Error).message})` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { settings: DEFAULT_SETTINGS, problem: 'it does not hold a settings object' };
  const r = raw as { hotkeys?: object; endpoint?: object; sources?: object };
  const merged = SettingsSchema.safeParse({
    ...DEFAULT_SETTINGS,
    ...r,
    hotkeys: { ...DEFAULT_SETTINGS.hotkeys, ...(r.hotkeys ?? {}) },
    endpoint: { ...DEFAULT_SETTINGS.endpoint, ...(r.endpoint ?? {}) },
    sources: { ...DEFAULT_SETTINGS.sources, ...(r.sources ?? {}) },
  });
  if (!merged.success) {
    const issue = merged.error.issues[0];
    return { settings: DEFAULT_SETTINGS, problem: `"${issue?.path.join('.') ?? ''}" is not valid (${issue?.message ?? 'invalid'})` };
  }
  return { settings: merged.data };
}

/** The settings in `file`, or the defaults when it is missing or unusable. */
export function loadSettings(file: string | undefined): Settings {
  return readSettingsFile(file).settings;
}

/** Writes atomically; no file (in-memory settings) writes nothing. */
export function saveSettings(file: string | undefined, s: Settings): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(s, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}
