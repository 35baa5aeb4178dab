/**
 * The browser shell as an e2e test starts it: tests/e2e/shell-main.ts (the real app host and server) in its own
 * process, `--browser --no-open` on a data folder, resolved with the address it prints. Its output is kept so a
 * failed start or an early exit says what the shell said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ShellProcess {
  proc: ChildProcess;
  /** http://127.0.0.1:PORT/TOKEN/ */
  url: string;
  /** Everything the shell printed so far. */
  output(): string;
}

export function startBrowserShell(o: { dataDir: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ShellProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/e2e/shell-main.ts'), '--browser', '--no-open', '--data-dir', o.dataDir], {
    env: o.env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const output = () => out.join('');
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`the shell did not start:\n${output()}`)), o.timeoutMs ?? 60_000);
    const onData = (d: Buffer) => {
      out.push(String(d));
      const m = /is at (http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]+\/)/.exec(output());
      if (m) {
        clearTimeout(t);
        resolve({ proc, url: m[1]!, output });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`the shell exited (${code}):\n${output()}`));
    });
  });
}
