/**
 * What the app shells (Electron main, browser shell) need from the engine. The engine loop (electron/agent/loop)
 * and its composition (electron/shells/compose.ts) are adapted to this in engine-adapter.ts; tests use scripted
 * engines. Nothing here imports electron, so the browser shell and node tests load it as is.
 */
import type { ApprovalChannel } from '../agent/ports.js';
import type { Settings } from '../common/ipc-contract.js';
import type { RunEvent } from '../common/run-events.js';

/** How the engine asks a person: the engine's own port (resolves with the decision, rejects when the signal aborts). */
export type { ApprovalChannel } from '../agent/ports.js';

export interface RunRequest {
  readonly runId: string;
  readonly goal: string;
  readonly settings: Settings;
  readonly signal: AbortSignal;
  emit(e: RunEvent): void;
  readonly approvals: ApprovalChannel;
}

export interface Engine {
  /** Runs one goal to its end (or until the signal aborts), emitting every RunEvent through req.emit. */
  run(req: RunRequest): Promise<void>;
  /** PNG bytes of a frame by id, or undefined when it is not (or no longer) kept. */
  framePng(id: string): Promise<Uint8Array | undefined> | Uint8Array | undefined;
  close?(): Promise<void>;
}

/** Builds an engine for the given settings (planner, model bundle, provider, detector). */
export type EngineFactory = (settings: Settings) => Promise<Engine> | Engine;
