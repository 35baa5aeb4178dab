/**
 * `magma-desk start` (npm start): the Electron app when its binary is installed, otherwise (or with --browser)
 * the browser shell on 127.0.0.1, opened in Chromium/Chrome as an app window.
 *   --browser        use the browser shell even when Electron is present
 *   --no-open        do not open a browser window; print the URL only
 *   --port N         listen on port N (default: a random free port)
 *   --data-dir DIR   settings and history folder (default: ~/.config/magma-desk or %APPDATA%\magma-desk)
 *   --dry-run        record input instead of injecting it
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { platformWarnings } from '../../main/platform.js';
import { REPO_ROOT, startBrowserShell, type BrowserShell } from './server.js';
import type { ServerKind } from '../../common/brain.js';

export { defaultDataDir } from '../data-dir.js';
import { defaultAuditPath, defaultDataDir } from '../data-dir.js';

/** The Electron binary from the electron package, or undefined when it was not downloaded (this machine). */
export function electronBinary(): string | undefined {
  try {
    const req = createRequire(import.meta.url);
    const pkgDir = join(req.resolve('electron/package.json'), '..');
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export interface StartedApp {
  kind: 'electron' | 'browser';
  shell?: BrowserShell;
  /** Resolves with the exit code when the app ends. */
  exited: Promise<number>;
}

/** extra.serverPorts: ports the server detection probes on 127.0.0.1 instead of the defaults (the e2e test's fake servers). */
export async function startApp(argv: string[], log: (line: string) => void = (l) => console.log(l), extra: { serverPorts?: Partial<Record<ServerKind, number>> } = {}): Promise<StartedApp> {
  const electron = argv.includes('--browser') ? undefined : electronBinary();
  if (electron) {
    const main = join(REPO_ROOT, 'dist', 'electron', 'main', 'main.js');
    if (!existsSync(main)) spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    const child = spawn(electron, [REPO_ROOT], { stdio: 'inherit' });
    return { kind: 'electron', exited: new Promise((r) => child.on('exit', (code) => r(code ?? 1))) };
  }
  const { composedEngineFactory } = await import('../../main/engine-adapter.js');
  const { x11OwnWindows } = await import('../../adapters/own-windows-x11.js');
  const { NutScreenSource } = await import('../../adapters/capture-nut.js');
  const screen = new NutScreenSource();
  // Loading the capture library blocks the process for ~1.4 s on 2 cores: done before the page is served, not when
  // the page first asks for the status strip, where it would eat server detection's 300 ms budget.
  await screen.displays().catch(() => undefined);
  const port = Number(flag(argv, '--port') ?? 0);
  const { platformAccessibility } = await import('../accessibility.js');
  // The accessibility tree (issue #15): one source for the shell's life, closed at exit (IsEnabled set back).
  const accessibility = platformAccessibility(flag(argv, '--data-dir') ?? defaultDataDir());
  const shell = await startBrowserShell({
    // S3: the app window (Chromium, titled "Magma Desk") is never a click target.
    engineFactory: composedEngineFactory({
      dryRun: argv.includes('--dry-run'),
      ...(accessibility ? { accessibility } : {}),
      auditPath: defaultAuditPath(flag(argv, '--data-dir') ?? defaultDataDir()),
      ...(process.platform === 'linux' ? { ownWindows: x11OwnWindows() } : {}),
    }),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 0,
    open: !argv.includes('--no-open'),
    dataDir: flag(argv, '--data-dir') ?? defaultDataDir(),
    log,
    warnings: () => platformWarnings(),
    host: { preflight: true, displays: () => screen.displays(), ...(extra.serverPorts ? { serverPorts: extra.serverPorts } : {}) },
  });
  log(`Magma Desk (browser shell) is at ${shell.url}`);
  if (!electron && !argv.includes('--browser')) log('(the Electron binary is not installed, so the app runs in the browser)');
  const exited = new Promise<number>((resolve) => {
    const stop = () => void shell.close().finally(() => accessibility?.close().catch(() => undefined)).then(() => resolve(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return { kind: 'browser', shell, exited };
}
