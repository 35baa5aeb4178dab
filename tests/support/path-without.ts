/**
 * A PATH on which some programs are missing: a temporary folder of links to every other program on the current
 * PATH (first match wins, as the shell would pick). Tests use it to show that code runs without xdotool & co.
 */
import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The X tools the app spawned before the platform addon (issue #14); nothing of the app may need them now. */
export const X_TOOLS = ['xdotool', 'xmodmap', 'xrandr', 'xclip', 'xsel', 'xwininfo'] as const;

export function pathWithout(programs: readonly string[], path = process.env.PATH ?? ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'md-path-'));
  const seen = new Set(programs);
  for (const d of path.split(':').filter(Boolean)) {
    let names: string[];
    try { names = readdirSync(d); } catch { continue; }
    for (const n of names) {
      if (seen.has(n)) continue;
      seen.add(n);
      symlinkSync(join(d, n), join(dir, n));
    }
  }
  return dir;
}
