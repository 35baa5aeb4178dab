/**
 * What kind of desktop session this is, decided in one place (the capture adapter's refusal, the first-run
 * warnings and the input driver all ask here): an X11 session, Wayland with XWayland (X clients work, but only
 * inside XWayland: other apps' windows are invisible to capture and input), Wayland without X, or no display.
 * The environment says what the session claims; the X server, when reachable, says whether it is XWayland (its
 * XWAYLAND extension), which catches a Wayland session whose variables were lost (sudo, ssh -X).
 */
import type { X11Server } from './native-addon.js';

export type SessionKind = 'x11' | 'xwayland' | 'wayland' | 'headless' | 'windows' | 'macos';

export function sessionKind(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform, server?: Pick<X11Server, 'xwayland'>): SessionKind {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  const wayland = env.XDG_SESSION_TYPE === 'wayland' || !!env.WAYLAND_DISPLAY;
  if (!env.DISPLAY) return wayland ? 'wayland' : 'headless';
  return wayland || server?.xwayland ? 'xwayland' : 'x11';
}

/** Why capture and input cannot work in this session, in plain words, or undefined when they can. */
export function sessionProblem(kind: SessionKind, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (kind === 'wayland' || (kind === 'xwayland' && !env.MAGMA_DESK_ALLOW_XWAYLAND)) {
    return 'this is a Wayland session, where screen capture and input through X11 reach only X11 windows; log in with an X11 (Xorg) session ("Ubuntu on Xorg" on the login screen), or run Magma Desk in an X11 virtual machine';
  }
  if (kind === 'headless') return 'no X display ($DISPLAY is not set): start Xvfb or run inside a desktop session';
  return undefined;
}
