/**
 * A private X display for integration tests: Xvfb on a free display number, real X applications started on it,
 * and readings of the screen taken without the code under test (xdotool, ImageMagick, tesseract).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export function requireTools(...tools: string[]): void {
  const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length) {
    throw new Error(`missing system tools: ${missing.join(', ')}; install them with: apt-get install -y xvfb x11-apps xdotool imagemagick tesseract-ocr x11-xserver-utils`);
  }
}

export interface XDisplay {
  display: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
  /**
   * For tests whose own process holds an X connection (libnut exits the process when its server dies): the
   * server no longer keeps the process alive and is killed just after the process exits.
   */
  stopOnExit(): void;
}

export async function startXvfb(width = 1280, height = 800): Promise<XDisplay> {
  requireTools('Xvfb', 'xdpyinfo');
  let n = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  const display = `:${n}`;
  const proc = spawn('Xvfb', [display, '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' });
  const env = { ...process.env, DISPLAY: display };
  for (let i = 0; i < 100; i++) {
    if (spawnSync('xdpyinfo', [], { env, stdio: 'ignore' }).status === 0) {
      return {
        display,
        env,
        stop: () => kill(proc),
        stopOnExit: () => {
          proc.unref();
          // Killed a moment after this process is gone, so libnut's last X calls still find their server.
          process.once('exit', () => spawn('sh', ['-c', `sleep 1; kill ${proc.pid}`], { detached: true, stdio: 'ignore' }).unref());
        },
      };
    }
    await sleep(50);
  }
  await kill(proc);
  throw new Error(`Xvfb did not start on ${display}`);
}

export function startApp(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(cmd, args, { env, stdio: 'ignore' });
}

export async function kill(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
    setTimeout(() => p.kill('SIGKILL'), 2000).unref();
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Window geometry (root coordinates) of the first window whose name matches, via xdotool. */
export async function waitForWindow(name: string, env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<{ x: number; y: number; width: number; height: number }> {
  requireTools('xdotool');
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const r = spawnSync('xdotool', ['search', '--onlyvisible', '--name', name, 'getwindowgeometry', '--shell'], { env, encoding: 'utf8' });
    const m = /X=(-?\d+)\s+Y=(-?\d+)\s+WIDTH=(\d+)\s+HEIGHT=(\d+)/.exec(r.stdout ?? '');
    if (m) return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
    await sleep(100);
  }
  throw new Error(`no window named "${name}" appeared`);
}

/**
 * Reads text in a screen rectangle with tesseract, an OCR engine independent of the one under test: ImageMagick
 * grabs the root window, crops, scales up 4x and binarizes; tesseract reads one line.
 */
export function readScreenText(env: NodeJS.ProcessEnv, r: { x: number; y: number; width: number; height: number }, whitelist = '0123456789.-'): string {
  requireTools('import', 'tesseract');
  // /usr/bin/convert by path: some machines put a stand-in `convert` earlier on PATH.
  const convert = existsSync('/usr/bin/convert') ? '/usr/bin/convert' : 'convert';
  const png = spawnSync('sh', ['-c', `import -window root -crop ${r.width}x${r.height}+${r.x}+${r.y} +repage png:- | ${convert} png:- -colorspace Gray -resize 400% -threshold 50% -bordercolor white -border 20 png:-`], { env, maxBuffer: 1 << 26 });
  if (png.status !== 0) throw new Error(`import failed: ${png.stderr}`);
  const t = spawnSync('tesseract', ['stdin', 'stdout', '--psm', '7', '-c', `tessedit_char_whitelist=${whitelist}`], { input: png.stdout, encoding: 'utf8', env });
  return (t.stdout ?? '').trim();
}

/** What xcalc's display shows (its LCD is a line of digits near the top of the window; root coordinates), via tesseract. */
export function readXcalcDisplay(env: NodeJS.ProcessEnv, win: { x: number; y: number }): string {
  return readScreenText(env, { x: win.x + 12, y: win.y + 8, width: 200, height: 20 });
}
