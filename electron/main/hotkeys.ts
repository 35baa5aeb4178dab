/**
 * Global hotkeys, registered in main: one opens the goal box, one is the emergency stop (never through the
 * renderer). A hotkey that cannot be registered (taken by another app, or not an accelerator) is reported.
 */
import type { GlobalShortcut } from 'electron';
import type { AppInfo, Settings } from '../common/ipc-contract.js';

export type HotkeyStatus = NonNullable<AppInfo['hotkeys']>;

export function registerHotkeys(
  gs: Pick<GlobalShortcut, 'register' | 'unregister'>,
  keys: Settings['hotkeys'],
  on: { open(): void; stop(): void },
  previous?: HotkeyStatus,
): HotkeyStatus {
  for (const p of [previous?.open, previous?.stop]) {
    if (p?.registered) gs.unregister(p.accelerator);
  }
  const one = (accelerator: string, f: () => void) => {
    try {
      const registered = gs.register(accelerator, f);
      return registered ? { accelerator, registered } : { accelerator, registered, error: 'taken by another application or the system' };
    } catch (e) {
      return { accelerator, registered: false, error: (e as Error).message };
    }
  };
  // The stop key first: if both want the same keys, the stop wins.
  const stop = one(keys.stop, on.stop);
  const open = keys.open === keys.stop ? { accelerator: keys.open, registered: false, error: 'same keys as the emergency stop' } : one(keys.open, on.open);
  return { open, stop };
}

export function hotkeyWarnings(h: HotkeyStatus): { id: string; message: string }[] {
  const out: { id: string; message: string }[] = [];
  if (!h.stop.registered) out.push({ id: 'hotkey-stop', message: `The emergency-stop hotkey ${h.stop.accelerator} could not be registered (${h.stop.error ?? 'unknown'}): use the Stop button or the tray, or pick other keys in Settings.` });
  if (!h.open.registered) out.push({ id: 'hotkey-open', message: `The hotkey ${h.open.accelerator} could not be registered (${h.open.error ?? 'unknown'}): open Magma Desk from the tray, or pick other keys in Settings.` });
  return out;
}
