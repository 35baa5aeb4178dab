/**
 * A private X display for integration tests: Xvfb on a free display number, real X applications started on it,
 * and readings of the screen taken without the code under test (xdotool, ImageMagick, tesseract).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Debian package of each tool the tests run (scripts/setup.sh installs them all). */
const TOOL_PACKAGES: Record<string, string> = {
  Xvfb: 'xvfb',
  xcalc: 'x11-apps', xedit: 'x11-apps', xclock: 'x11-apps',
  xdpyinfo: 'x11-utils', xwininfo: 'x11-utils', xmessage: 'x11-utils', xev: 'x11-utils', xlsfonts: 'x11-utils',
  xrandr: 'x11-xserver-utils', xmodmap: 'x11-xserver-utils', setxkbmap: 'x11-xkb-utils',
  xdotool: 'xdotool', xclip: 'xclip', xsel: 'xsel', import: 'imagemagick', convert: 'imagemagick',
  tesseract: 'tesseract-ocr', 'fc-list': 'fontconfig', script: 'bsdutils',
};

/** The command that installs these Debian packages, for a message a person can paste (root has no sudo). */
export function aptInstallLine(packages: string[]): string {
  return `${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y --no-install-recommends ${[...new Set(packages)].join(' ')}`;
}

function missingPackagesError(what: string, missing: { name: string; pkg: string | undefined }[]): Error {
  const pkgs = missing.flatMap((m) => (m.pkg ? [m.pkg] : []));
  return new Error(
    `${what} missing on this machine: ${missing.map((m) => `${m.name} (${m.pkg ? `Debian package ${m.pkg}` : 'install the package that provides it'})`).join(', ')}. ` +
      (pkgs.length ? `Install with: ${aptInstallLine(pkgs)} ` : '') +
      '(bash scripts/setup.sh installs every package the tests use).',
  );
}

export function requireTools(...tools: string[]): void {
  const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length) {
    throw missingPackagesError('System tools', missing.map((t) => ({ name: t, pkg: TOOL_PACKAGES[t] })));
  }
}

/**
 * Fonts the tests' screens are drawn with. OCR reads what these fonts draw, so without them the same test reads
 * other text (issue #10: xcalc grounding 0.81 instead of 0.90, no "搜索" at all on a machine with only DejaVu).
 * X core fonts are asked of the X server itself (Xvfb reads its font path when it starts; an install after
 * that is not seen); fontconfig fonts (what Chromium draws with) of fc-list.
 */
interface FontCheck { name: string; pkg: string; xlfd?: string; fcPattern?: string }
const FONT_NEEDS: Record<'xaw' | 'cjk', FontCheck[]> = {
  // xcalc's app-defaults name 8x13 and, for its ÷ √ π keys, the 12-point Adobe Symbol; xmessage and xedit "fixed".
  xaw: [
    { name: 'the X core font 8x13 that xcalc, xmessage and xedit draw their labels with', xlfd: '8x13', pkg: 'xfonts-base' },
    { name: "the X core Adobe Symbol font of xcalc's symbol keys", xlfd: '-adobe-symbol-*-*-*-*-*-120-*-*-*-*-*-*', pkg: 'xfonts-100dpi' },
  ],
  cjk: [{ name: 'a Chinese font for the Chinese labels of web pages', fcPattern: ':lang=zh-cn', pkg: 'fonts-wqy-microhei' }],
};
export type FontNeed = keyof typeof FONT_NEEDS;

/** Fails with the apt-get line when a font is missing. env: its DISPLAY is the X server asked for X core fonts. */
export function requireFonts(env: NodeJS.ProcessEnv, ...needs: FontNeed[]): void {
  const fonts = needs.flatMap((n) => FONT_NEEDS[n]);
  requireTools(...(fonts.some((f) => f.xlfd) ? ['xlsfonts'] : []), ...(fonts.some((f) => f.fcPattern) ? ['fc-list'] : []));
  const missing = fonts.filter((f) => {
    if (f.xlfd) {
      if (!env.DISPLAY) throw new Error('requireFonts: X core fonts are asked of an X server; pass the env of a running display');
      // xlsfonts exits 0 for a pattern it cannot match; an empty list is the answer.
      const r = spawnSync('xlsfonts', ['-fn', f.xlfd], { env, encoding: 'utf8' });
      return r.status !== 0 || !r.stdout.trim();
    }
    return !spawnSync('fc-list', [f.fcPattern!, 'family'], { env, encoding: 'utf8' }).stdout?.trim();
  });
  if (missing.length) throw missingPackagesError('Fonts', missing.map((f) => ({ name: f.name, pkg: f.pkg })));
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

/** extraArgs: more Xvfb arguments (a test of a machine without font packages passes `-fp built-ins`). */
export async function startXvfb(width = 1280, height = 800, extraArgs: string[] = []): Promise<XDisplay> {
  requireTools('Xvfb', 'xdpyinfo');
  let n = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  const display = `:${n}`;
  const proc = spawn('Xvfb', [display, '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', ...extraArgs], { stdio: 'ignore' });
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
export function readXcalcDisplay(env: NodeJS.ProcessEnv, win: { x: number; y: number; width?: number }): string {
  // The digits are right-aligned in the LCD, which spans the window less a 12 px frame on each side.
  return readScreenText(env, { x: win.x + 12, y: win.y + 8, width: (win.width ?? 226) - 24, height: 20 });
}
