/**
 * Composition root shared by the CLI, the browser shell and Electron main: wires the adapters (nut-js capture and
 * input, onnxruntime-node, sharp) into the engine. Nothing else creates adapters.
 */
import type { Element } from '../common/elements.js';
import type { RunEvent } from '../common/run-events.js';
import { FrameStore } from '../agent/loop/frame-store.js';
import { runAgent, type Perceiver, type RunResult } from '../agent/loop/run-agent.js';
import { layoutMarks } from '../common/marks.js';
import { createPerceiver } from '../agent/perception/perceiver.js';
import { drawMarks } from '../agent/perception/som-draw.js';
import type { AccessibilitySource, ApprovalChannel, InputDriver, RgbaImage, RunLog, ScreenSource } from '../agent/ports.js';
import { AuditLog } from '../adapters/audit-log.js';
import { NutScreenSource } from '../adapters/capture-nut.js';
import { systemClock } from '../adapters/clock.js';
import { NutInputDriver } from '../adapters/input-nut.js';
import { RecordingInputDriver } from '../adapters/input-recording.js';
import { shippedOcrModels } from '../adapters/ocr-models.js';
import { OrtRuntime } from '../adapters/onnx-runtime.js';
import { ChatRiskOpinion } from '../agent/safety/second-opinion.js';
import { createPlanner, type PlannerOptions } from './planners.js';

/**
 * The image a model is shown: MAGMA's drawing and numbering (element.id, 0..n-1), the one Magma was trained on,
 * kept even where its labels cover keys. The overlay and approval view draw the people's marks instead
 * (common/people-marks.ts), with the person's stable numbers.
 */
export function markImage(image: RgbaImage, elements: readonly Element[]): RgbaImage {
  return drawMarks(image, layoutMarks(elements, image.width, image.height));
}

export interface PerceiverHandle extends Perceiver {
  release(): Promise<void>;
}

const shared = new Map<string, Promise<PerceiverHandle>>();
/**
 * One perceiver per process (per icon detector file): sessions are created once and reused (model load is the
 * slow part). `detectorModelPath`: an optional YOLO-format ONNX icon detector.
 */
export function sharedPerceiver(log: (line: string) => void = () => undefined, opts: { detectorModelPath?: string } = {}): Promise<PerceiverHandle> {
  const key = opts.detectorModelPath ?? '';
  let p = shared.get(key);
  if (!p) {
    p = (async () => {
      const files = shippedOcrModels();
      return createPerceiver({ runtime: new OrtRuntime({ log }), ...files, detectorModelPath: opts.detectorModelPath });
    })();
    shared.set(key, p);
  }
  return p;
}

export interface EngineRunOptions {
  goal: string;
  /** The id the shell already gave this run (so run:start's answer and the events agree). */
  runId?: string;
  planner: string;
  approvals: ApprovalChannel;
  signal: AbortSignal;
  maxSteps?: number;
  displayId?: string;
  modelDir?: string;
  /** How the Magma bundle is opened: execution providers and the card's memory (default: environment, platform). */
  magma?: PlannerOptions['magma'];
  log?: RunLog;
  /** Appends this run's proposals, decisions and inputs to the hash-chained audit log at this path (S15). */
  auditPath?: string;
  emit?: (e: RunEvent) => void;
  /** Record input instead of injecting it. */
  dryRun?: boolean;
  frames?: FrameStore;
  screen?: ScreenSource;
  input?: InputDriver;
  ownWindows?: () => readonly { x: number; y: number; width: number; height: number }[];
  onProviderLine?: (line: string) => void;
  /** The OpenAI-compatible server of the openai and hybrid planners, and where its key comes from. */
  endpoint?: PlannerOptions['endpoint'];
  apiKey?: PlannerOptions['apiKey'];
  /** The accessibility tree (issue #15; shells/accessibility.ts): fused with vision. None: vision only. */
  accessibility?: AccessibilitySource;
  /** false: the screen parser is off (Settings), the tree alone gives the marks where there is one. */
  vision?: boolean;
}

export async function runGoal(o: EngineRunOptions): Promise<RunResult & { input: InputDriver }> {
  const planner = await createPlanner(o.planner, o.goal, { modelDir: o.modelDir, ...(o.magma ? { magma: o.magma } : {}), ...(o.endpoint ? { endpoint: o.endpoint } : {}), ...(o.apiKey ? { apiKey: o.apiKey } : {}) });
  const input = o.input ?? (o.dryRun ? new RecordingInputDriver() : new NutInputDriver());
  const perceiver = await sharedPerceiver(o.onProviderLine);
  const audit = o.auditPath ? new AuditLog(o.auditPath, process.env.MAGMA_DESK_AUDIT_KEY ? { key: process.env.MAGMA_DESK_AUDIT_KEY } : {}) : undefined;
  const result = await runAgent(
    {
      screen: o.screen ?? new NutScreenSource(),
      input,
      perceiver,
      markImage,
      planner,
      approvals: o.approvals,
      clock: systemClock,
      frames: o.frames,
      log: o.log,
      audit,
      emit: o.emit,
      executor: { ownWindows: o.ownWindows },
      // A configured model server also answers the safety check's yes/no question (issue #13); it can only raise a step.
      ...(planner.chatModel ? { riskOpinion: new ChatRiskOpinion(planner.chatModel) } : {}),
      ...(o.accessibility ? { accessibility: o.accessibility } : {}),
      ...(o.vision === false ? { vision: false } : {}),
    },
    { goal: o.goal, signal: o.signal, maxSteps: o.maxSteps, displayId: o.displayId, runId: o.runId },
  ).finally(() => audit?.close());
  return { ...result, input };
}
