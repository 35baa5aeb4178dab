import { sessionKind } from '../adapters/session-kind.js';

/** First-run checks shared by the Electron app and the browser shell: Wayland, no display, macOS permissions. */
export interface PlatformWarning {
  id: string;
  message: string;
  action?: 'screen' | 'accessibility';
}

export function platformWarnings(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): PlatformWarning[] {
  const kind = sessionKind(env, platform);
  if (kind === 'wayland' || kind === 'xwayland') {
    return [{ id: 'wayland', message: 'This is a Wayland session: Magma Desk cannot capture the screen or send input here. Log in with an X11 session ("Ubuntu on Xorg") or run it in an X11 VM.' }];
  }
  if (kind === 'headless') return [{ id: 'no-display', message: 'No X display ($DISPLAY is not set): start Xvfb or run inside a desktop session.' }];
  return [];
}

/** macOS: what the screen-recording and accessibility permissions say, as warnings with a button to the right pane. */
export function macPermissionWarnings(screen: string, accessibilityTrusted: boolean): PlatformWarning[] {
  const out: PlatformWarning[] = [];
  if (screen !== 'granted') {
    out.push({ id: 'mac-screen', action: 'screen', message: 'Magma Desk needs Screen Recording permission to see the screen. Allow it in System Settings > Privacy & Security > Screen Recording, then restart Magma Desk.' });
  }
  if (!accessibilityTrusted) {
    out.push({ id: 'mac-accessibility', action: 'accessibility', message: 'Magma Desk needs Accessibility permission to click and type. Allow it in System Settings > Privacy & Security > Accessibility.' });
  }
  return out;
}

