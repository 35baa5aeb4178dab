/** The per-user folder for settings, history and the audit log (the same one the Electron app uses by name). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.MAGMA_DESK_DATA_DIR) return env.MAGMA_DESK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'magma-desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'magma-desk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'magma-desk');
}

/** Where every run's hash-chained audit records go (SAFETY.md S15). */
export function defaultAuditPath(dataDir = defaultDataDir()): string {
  return join(dataDir, 'audit.jsonl');
}
