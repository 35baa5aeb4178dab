/**
 * The real engine behind the app shells: runGoal from the shared composition root (electron/shells/compose.ts),
 * with one FrameStore per engine so the UIs fetch screenshots by id. PNGs are encoded on first request and cached.
 */
import { FrameStore } from '../agent/loop/frame-store.js';
import { encodePng } from '../adapters/image-codec.js';
import type { AccessibilitySource, ScreenSource } from '../agent/ports.js';
import { runGoal } from '../shells/compose.js';
import { magmaLoadOptions } from '../shells/magma-load-options.js';
import { inShell } from '../shells/shell-fix.js';
import type { Engine, EngineFactory } from './engine.js';

export interface ComposedEngineOptions {
  /** Rectangles (logical screen px) of the app's own windows: the executor refuses to act on them (S3). */
  ownWindows?: () => readonly { x: number; y: number; width: number; height: number }[];
  /** Record input instead of injecting it. */
  dryRun?: boolean;
  frameCapacity?: number;
  /** Screen source (default: nut-js). Electron main wraps it to hide its overlays while capturing. */
  screen?: () => ScreenSource;
  /** Hash-chained audit log every run appends to (S15). */
  auditPath?: string;
  /**
   * The process's accessibility tree source (shells/accessibility.ts platformAccessibility; the shell closes it at
   * exit). Used by a run when Settings' "accessibility tree" source is on.
   */
  accessibility?: AccessibilitySource;
}

export function composedEngineFactory(o: ComposedEngineOptions = {}): EngineFactory {
  return (settings): Engine => {
    const frames = new FrameStore(o.frameCapacity ?? 64);
    const pngs = new Map<string, Promise<Buffer>>();
    return {
      async run(req) {
        // A run that cannot start (no server, no bundle) fails with the app's wording: Settings, never a CLI flag.
        await runGoal({
          ...(o.auditPath ? { auditPath: o.auditPath } : {}),
          goal: req.goal,
          runId: req.runId,
          planner: settings.planner,
          approvals: req.approvals,
          signal: req.signal,
          maxSteps: settings.maxSteps,
          ...(settings.modelBundle ? { modelDir: settings.modelBundle, magma: magmaLoadOptions(settings) } : {}),
          endpoint: req.settings.endpoint,
          emit: req.emit,
          frames,
          ...(o.ownWindows ? { ownWindows: o.ownWindows } : {}),
          ...(o.dryRun ? { dryRun: true } : {}),
          ...(o.screen ? { screen: o.screen() } : {}),
          // Settings' element sources (issue #15), as they were when this run started.
          ...(o.accessibility && req.settings.sources.accessibility ? { accessibility: o.accessibility } : {}),
          ...(req.settings.sources.vision ? {} : { vision: false }),
        }).catch((e: unknown) => {
          throw inShell(e, 'app');
        });
      },
      framePng(id) {
        const stored = frames.get(id);
        if (!stored) return undefined;
        let p = pngs.get(id);
        if (!p) {
          p = encodePng(stored.frame.image);
          pngs.set(id, p);
          while (pngs.size > (o.frameCapacity ?? 64)) pngs.delete(pngs.keys().next().value!);
        }
        return p;
      },
    };
  };
}
