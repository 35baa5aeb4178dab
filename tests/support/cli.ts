/** Runs the real CLI (bin/magma-desk.js) as a user would, with stdin not a terminal. */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/magma-desk.js', import.meta.url));

export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Settings, history and the audit log of test runs go to a throwaway folder, not the user's.
    const e = { MAGMA_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'md-data-')), ...env };
    const p = spawn(process.execPath, [CLI, ...args], { env: e, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.stdin.end();
    const t = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`CLI timed out: ${stderr}`)); }, timeoutMs);
    p.on('exit', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

/** The io a CLI command function takes (out, err), with what it wrote kept for the test to read. */
export function captureIo() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => (o += d));
  err.on('data', (d) => (e += d));
  return { io: { out, err }, out: () => o, err: () => e };
}
