/**
 * The AT-SPI bus's IsEnabled lifecycle (electron/adapters/atspi/enable.ts) on a private session bus with the real
 * at-spi-bus-launcher: set only when false, set back at close, set back at the next start after a crash (a marker
 * in the user data folder), someone else's true left alone, ScreenReaderEnabled never touched. The values are read
 * from the bus itself, not from the source.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connectBus, type DBusConnection } from '../../electron/adapters/atspi/bus.js';
import { markerPath, readIsEnabled } from '../../electron/adapters/atspi/enable.js';
import { createAtspiSource } from '../../electron/adapters/atspi/source.js';
import { startAtspiSession, type AtspiSession } from '../support/atspi-session.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let session: AtspiSession;
let bus: DBusConnection;
const status = (prop: string) => bus.getProperty<boolean>('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Status', prop);
const setEnabled = (v: boolean) => bus.setProperty('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Status', 'IsEnabled', 'b', v);
// No X display here: the source runs without the X side (no window to read, which these tests do not need).
const open = (userDataDir: string) => createAtspiSource({ env: session.env, userDataDir, xWindows: () => undefined });

before(async () => {
  const env = { ...process.env };
  delete env.DISPLAY;
  session = await startAtspiSession(env);
  bus = await connectBus(session.sessionBusAddress);
});
after(async () => {
  bus?.close();
  await session?.stop();
});
beforeEach(() => setEnabled(false));

it('sets IsEnabled while a source is open and back to false at close; ScreenReaderEnabled stays false', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atspi-ud-'));
  assert.equal(await status('IsEnabled'), false);
  const source = await open(dir);
  assert.equal(await status('IsEnabled'), true);
  assert.equal(source.enabledByUs, true);
  assert.ok(existsSync(markerPath(dir)), 'the marker says we set it');
  await source.close();
  assert.equal(await status('IsEnabled'), false);
  assert.ok(!existsSync(markerPath(dir)));
  assert.equal(await status('ScreenReaderEnabled'), false);
});

it("leaves someone else's IsEnabled=true as it is", async () => {
  await setEnabled(true);
  const dir = mkdtempSync(join(tmpdir(), 'atspi-ud-'));
  const source = await open(dir);
  assert.equal(source.enabledByUs, false);
  assert.ok(!existsSync(markerPath(dir)));
  await source.close();
  assert.equal(await status('IsEnabled'), true);
});

it('after a crash (the process killed while IsEnabled was on), the next start sets it back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atspi-ud-'));
  // A separate process opens a source and is killed with SIGKILL: no close() runs.
  const script = `import { createAtspiSource } from ${JSON.stringify(join(root, 'electron/adapters/atspi/source.ts'))};
    await createAtspiSource({ env: process.env, userDataDir: ${JSON.stringify(dir)}, xWindows: () => undefined });
    console.log('ready'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: session.env, cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (c) => reject(new Error(`the child exited (${c}) before it was ready`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  assert.equal(await status('IsEnabled'), true, 'the crashed process left it on');
  assert.ok(existsSync(markerPath(dir)), 'and its marker');
  assert.equal(await readIsEnabled(bus), true);

  // The next start: the marker makes it undo the crash's IsEnabled before anything else, so it owns the value
  // again and its close() turns it off (without the marker it would see "true, not ours" and leave it on).
  const source = await open(dir);
  assert.equal(source.enabledByUs, true);
  await source.close();
  assert.equal(await status('IsEnabled'), false);
  assert.ok(!existsSync(markerPath(dir)));
});

it('says what to do when there is no accessibility bus', async () => {
  await assert.rejects(createAtspiSource({ env: { ...session.env, DBUS_SESSION_BUS_ADDRESS: '' }, userDataDir: mkdtempSync(join(tmpdir(), 'atspi-ud-')) }), /no D-Bus session bus.*desktop session/);
  // A session bus that cannot start the launcher (no service folders, as on a machine without at-spi2-core):
  // "install at-spi2-core". The machine's own config would start it on demand from /usr/share/dbus-1/services.
  const dir = mkdtempSync(join(tmpdir(), 'bare-bus-'));
  writeFileSync(join(dir, 'bus.conf'), `<busconfig><type>session</type><listen>unix:path=${dir}/bus</listen><auth>EXTERNAL</auth>
    <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`);
  const bare = spawn('dbus-daemon', [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const address = await new Promise<string>((resolve) => bare.stdout!.once('data', (d: Buffer) => resolve(d.toString().split('\n')[0]!.trim())));
    await assert.rejects(createAtspiSource({ env: { ...session.env, DBUS_SESSION_BUS_ADDRESS: address }, userDataDir: mkdtempSync(join(tmpdir(), 'atspi-ud-')) }), /accessibility bus is not running.*at-spi2-core/);
  } finally {
    bare.kill('SIGTERM');
  }
});
