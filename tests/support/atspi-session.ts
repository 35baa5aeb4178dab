/**
 * A private accessibility desktop for integration tests: a D-Bus session bus of our own (dbus-daemon --session),
 * the AT-SPI bus launcher on it (/usr/libexec/at-spi-bus-launcher, Debian package at-spi2-core), and the
 * environment that GTK 3/4, Chromium and the AT-SPI reader need to find both. Nothing of the machine's own session
 * is touched: the tests run in parallel with others and must never change a person's desktop settings.
 *
 *   const x = await startXvfb();
 *   const s = await startAtspiSession(x.env);
 *   const app = startApp('gtk3-widget-factory', [], s.env);
 *   ... createAtspiSource({ env: s.env, ... }) ...
 *   await s.stop();           // ends the launcher, its accessibility bus and the session bus
 *
 * Invariants: every process started here is killed by stop() (by its own id or its own process group); stop() is
 * safe to call twice. ScreenReaderEnabled is never set (on GNOME it starts Orca, which speaks).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectBus } from '../../electron/adapters/atspi/bus.js';
import { aptInstallLine, sleep } from './xvfb.js';

export const AT_SPI_BUS_LAUNCHER = '/usr/libexec/at-spi-bus-launcher';

export interface AtspiSession {
  /**
   * The environment for applications and for the reader: the given env plus DBUS_SESSION_BUS_ADDRESS (our bus),
   * XDG_RUNTIME_DIR / XDG_CONFIG_HOME (private folders), GSETTINGS_BACKEND=memory (no dconf writes),
   * GTK_A11Y=atspi (GTK 4's AT-SPI backend) and NO_AT_BRIDGE unset (GTK 3 loads atk-bridge).
   */
  readonly env: NodeJS.ProcessEnv;
  /** The session bus's address (what DBUS_SESSION_BUS_ADDRESS says). */
  readonly sessionBusAddress: string;
  /** Stops the launcher (and the accessibility bus it started) and the session bus; removes the private folders. */
  stop(): Promise<void>;
}

/** The Debian packages the session needs, for a message (tests fail with the apt-get line when one is missing). */
export function requireAtspiTools(): void {
  const missing: string[] = [];
  if (spawnSync('sh', ['-c', 'command -v dbus-daemon']).status !== 0) missing.push('dbus');
  if (!existsSync(AT_SPI_BUS_LAUNCHER)) missing.push('at-spi2-core');
  if (missing.length) {
    throw new Error(`The accessibility test desktop needs ${missing.join(' and ')}. Install with: ${aptInstallLine(missing)} (bash scripts/setup.sh installs every package the tests use).`);
  }
}

/**
 * Starts a session bus and the AT-SPI bus launcher for the X display in `env` (its DISPLAY is passed on: the
 * launcher also publishes the accessibility bus's address on the X root window, as on a real desktop). Resolves
 * once the launcher owns org.a11y.Bus on the session bus.
 */
export async function startAtspiSession(env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<AtspiSession> {
  requireAtspiTools();
  const dir = mkdtempSync(join(tmpdir(), 'atspi-session-'));
  const runtime = join(dir, 'run');
  const config = join(dir, 'config');
  spawnSync('mkdir', ['-m', '700', '-p', runtime, config]);
  const procs: ChildProcess[] = [];
  const base: NodeJS.ProcessEnv = { ...env, XDG_RUNTIME_DIR: runtime, XDG_CONFIG_HOME: config, GSETTINGS_BACKEND: 'memory', GTK_A11Y: 'atspi' };
  delete base.NO_AT_BRIDGE;
  delete base.AT_SPI_BUS_ADDRESS;
  delete base.DBUS_SESSION_BUS_ADDRESS;

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // The launcher first (it ends its own accessibility dbus-daemon), then the session bus.
    for (const p of procs.reverse()) await killGroup(p);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // --nofork: the daemon stays our child; --print-address prints the address on stdout once it listens.
    const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', `--address=unix:path=${join(runtime, 'bus')}`], {
      env: base, stdio: ['ignore', 'pipe', 'ignore'], detached: true,
    });
    procs.push(daemon);
    const address = await firstLine(daemon, timeoutMs);
    const sessionEnv: NodeJS.ProcessEnv = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
    // --launch-immediately: the accessibility bus starts now, not at the first GetAddress (the first read would
    // otherwise pay for it). Its own process group, so stop() also ends the accessibility dbus-daemon it forks.
    const launcher = spawn(AT_SPI_BUS_LAUNCHER, ['--launch-immediately'], { env: sessionEnv, stdio: 'ignore', detached: true });
    procs.push(launcher);
    await waitForName(address, 'org.a11y.Bus', launcher, timeoutMs);
    return { env: sessionEnv, sessionBusAddress: address, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function firstLine(p: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('dbus-daemon printed no address')), timeoutMs);
    p.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl).trim());
      }
    });
    p.once('exit', (code) => { clearTimeout(timer); reject(new Error(`dbus-daemon exited (${code}) before printing its address`)); });
  });
}

/** Polls NameHasOwner with the reader's own pure-JS D-Bus client (no gdbus/busctl). */
async function waitForName(address: string, name: string, owner: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  const bus = await connectBus(address, timeoutMs);
  try {
    while (Date.now() < end) {
      if (owner.exitCode !== null) throw new Error(`${AT_SPI_BUS_LAUNCHER} exited (${owner.exitCode}) before it owned ${name}`);
      const has = await bus.call<boolean>({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'NameHasOwner', signature: 's', body: [name] });
      if (has) return;
      await sleep(50);
    }
    throw new Error(`${name} did not appear on the test session bus within ${timeoutMs} ms`);
  } finally {
    bus.close();
  }
}

/** SIGTERM to the process group we created (detached: true makes the child its leader), SIGKILL after 2 s. */
async function killGroup(p: ChildProcess): Promise<void> {
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return;
  const signal = (s: NodeJS.Signals) => { try { process.kill(-p.pid!, s); } catch { /* already gone */ } };
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    signal('SIGTERM');
    setTimeout(() => { signal('SIGKILL'); resolve(); }, 2000).unref();
  });
}
