/**
 * The few primitives an input driver needs from the machine, one implementation per backend: X11 through the
 * platform addon (input-x11.ts), nut-js elsewhere (input-nut.ts). The driver (NutInputDriver) adds what must be
 * the same everywhere: the stop check and fail-safe before every event, held keys and buttons, release on a stop.
 */
import type { MouseButton } from '../agent/ports.js';

export interface InputDevice {
  position(): Promise<{ x: number; y: number }>;
  screenSize(): Promise<{ w: number; h: number }>;
  move(x: number, y: number): Promise<void>;
  button(b: MouseButton, down: boolean): Promise<void>;
  /** One notch of the wheel. */
  scroll(direction: 'up' | 'down' | 'left' | 'right'): Promise<void>;
  /** A key by our name (electron/common/actions.ts KeySchema: ctrl, enter, a, f5...). */
  key(name: string, down: boolean): Promise<void>;
  /** Called once before a text is typed: a backend may set up keys for it ahead (X11 remaps spare keycodes). */
  prepare?(text: string): Promise<void>;
  /** Types one character as key events; false when no key can make it (the driver then pastes it). */
  typeChar(ch: string): Promise<boolean>;
  clipboardGet(): Promise<string>;
  clipboardSet(text: string): Promise<void>;
}
