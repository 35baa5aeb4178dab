/**
 * `magma-desk start` (npm start) in the CLI's command list. Commander parses the options, so `start --help` prints
 * them and returns before anything starts; the app itself (electron/shells/browser/start.ts) is loaded only to run.
 */
import type { Command } from 'commander';
import { defaultDataDir } from '../../data-dir.js';
import { UsageError } from '../brain-options.js';

interface StartOptions { browser?: boolean; open: boolean; port?: string; dataDir?: string; dryRun?: boolean }

export function addStartCommand(program: Command, setCode: (c: number) => void): void {
  program
    .command('start')
    .summary('open the app (Electron, or the browser shell)')
    .description('open the app: Electron when it is installed, otherwise the browser shell on 127.0.0.1')
    .option('--browser', 'use the browser shell even when Electron is installed')
    .option('--no-open', 'browser shell: do not open a browser window, only print the address')
    .option('--port <n>', 'browser shell: listen on this port (default: a free one)')
    .option('--data-dir <dir>', `browser shell: the settings and history folder (default: ${defaultDataDir()})`)
    .option('--dry-run', 'browser shell: record input instead of sending it (nothing is clicked or typed)')
    .action(async (o: StartOptions) => {
      const port = o.port === undefined ? undefined : Number(o.port);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new UsageError(`"${o.port}" is not a port; give a number from 1 to 65535, or leave --port out to use a free one`);
      // startApp reads the same flags by name.
      const argv = [
        ...(o.browser ? ['--browser'] : []),
        ...(o.open ? [] : ['--no-open']),
        ...(port !== undefined ? ['--port', String(port)] : []),
        ...(o.dataDir !== undefined ? ['--data-dir', o.dataDir] : []),
        ...(o.dryRun ? ['--dry-run'] : []),
      ];
      const { startApp } = await import('../../browser/start.js');
      setCode(await (await startApp(argv)).exited);
    });
}
