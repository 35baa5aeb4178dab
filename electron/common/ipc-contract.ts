/**
 * The one IPC contract: every request channel (`domain:verb`) with a zod schema for its input and its output, and
 * every event channel with a zod schema for its payload. Electron main (ipcMain.handle), the preload
 * (contextBridge) and the browser shell (WebSocket) all speak exactly this; anything else is refused.
 */
import { z } from 'zod';
import { DecisionSchema } from './approval.js';
import { RunEventSchema } from './run-events.js';
import { BrainNeedSchema, BrainStatusSchema, DetectedServerSchema } from './brain.js';
import { GetMagmaLocalSchema, GetMagmaStateSchema } from './magma-get.js';
import type { EventChannel, RequestChannel } from './ipc-channels.js';

export { EVENT_CHANNELS, REQUEST_CHANNELS, isEventChannel, isRequestChannel } from './ipc-channels.js';
export type { EventChannel, RequestChannel } from './ipc-channels.js';

/** An Electron accelerator ("CommandOrControl+Alt+Space"): modifiers and one key joined by "+". */
export const AcceleratorSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^(?:[A-Za-z0-9]+\+)*(?:[A-Za-z0-9]+|[`\-=[\];',./\\])$/, 'not an accelerator such as CommandOrControl+Alt+Space');

export const PLANNERS = ['command', 'magma', 'openai', 'hybrid'] as const;
/** What a vision model's coordinates mean follows from its family (electron/agent/planner/reply-formats.ts). */
export const MODEL_FAMILIES = ['auto', 'generic', 'ui-tars-1.0', 'ui-tars-1.5', 'qwen2.5-vl'] as const;
export const EXECUTION_PROVIDERS = ['auto', 'cpu', 'cuda', 'tensorrt', 'dml', 'coreml', 'webgpu'] as const;
const pathText = z.string().max(1000);

/**
 * An OpenAI-compatible model server (`openai` and `hybrid` planners). Its API key is NOT here: keys live in the
 * secret store (electron/adapters/secrets.ts), set through endpoint:set-key, never in settings.json.
 */
export const EndpointSettingsSchema = z.strictObject({
  /** e.g. http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:1234/v1 (LM Studio). */
  baseUrl: z.string().max(500),
  /** The served model's id; empty = the first one the server lists. */
  model: z.string().max(200),
  family: z.enum(MODEL_FAMILIES),
  /** Whole request, first byte to last token. */
  timeoutMs: z.number().int().min(1000).max(600_000),
  /** Largest screenshot sent, in pixels; 0 = the family's default. */
  maxPixels: z.number().int().min(0).max(50_000_000),
  stream: z.boolean(),
});
export type EndpointSettings = z.infer<typeof EndpointSettingsSchema>;
export const DEFAULT_ENDPOINT: EndpointSettings = { baseUrl: 'http://127.0.0.1:11434/v1', model: '', family: 'auto', timeoutMs: 120_000, maxPixels: 0, stream: true };

/** User settings, stored by main (or the browser shell) in the user's data folder. */
export const SettingsSchema = z.strictObject({
  planner: z.enum(PLANNERS),
  /** Folder of the local model bundle (Magma-8B ONNX files), outside the app's asar. */
  modelBundle: pathText,
  provider: z.enum(EXECUTION_PROVIDERS),
  /**
   * The graphics card's memory in GB that Magma-8B's run plan is made for (shells/magma-memory-plan.ts); 0 = not
   * said: MAGMA_DESK_GPU_MEMORY_GB, else 8 GB.
   */
  gpuMemoryGB: z.number().min(0).max(1024),
  /** Icon/widget detector ONNX file; empty = OCR only. */
  detectorFile: pathText,
  hotkeys: z.strictObject({ open: AcceleratorSchema, stop: AcceleratorSchema }),
  maxSteps: z.number().int().min(1).max(200),
  /** Keep runs (events and screenshots) after they finish. Off: nothing is kept past the current run. */
  history: z.boolean(),
  /** History's caps: the oldest runs are removed first once the kept runs pass this size or this age. */
  historyMaxMB: z.number().int().min(1).max(100_000),
  historyMaxDays: z.number().int().min(1).max(3650),
  /** The first-run question "keep history?" was answered (it is asked once). */
  historyAsked: z.boolean(),
  /** The first-run card (which brain to use: commands, Magma-8B, a local server) was answered or closed. */
  onboarded: z.boolean(),
  endpoint: EndpointSettingsSchema,
  /**
   * Where the marks come from (issue #15): the screen parser (vision) and the accessibility tree, fused when both
   * are on. With the parser off the tree alone gives the marks where there is one; vision still covers a screen
   * without a tree, so turning both off cannot leave the assistant blind.
   */
  sources: z.strictObject({ vision: z.boolean(), accessibility: z.boolean() }),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** CommandOrControl is Cmd on macOS and Ctrl elsewhere, so one default serves every platform. */
export const DEFAULT_SETTINGS: Settings = {
  planner: 'command',
  modelBundle: '',
  provider: 'auto',
  gpuMemoryGB: 0,
  detectorFile: '',
  hotkeys: { open: 'CommandOrControl+Alt+Space', stop: 'CommandOrControl+Alt+Escape' },
  maxSteps: 25,
  history: false,
  historyMaxMB: 500,
  historyMaxDays: 30,
  historyAsked: false,
  onboarded: false,
  endpoint: DEFAULT_ENDPOINT,
  sources: { vision: true, accessibility: true },
};

export const SettingsPatchSchema = z.strictObject({
  planner: SettingsSchema.shape.planner.optional(),
  modelBundle: pathText.optional(),
  provider: SettingsSchema.shape.provider.optional(),
  gpuMemoryGB: SettingsSchema.shape.gpuMemoryGB.optional(),
  detectorFile: pathText.optional(),
  hotkeys: z.strictObject({ open: AcceleratorSchema.optional(), stop: AcceleratorSchema.optional() }).optional(),
  maxSteps: SettingsSchema.shape.maxSteps.optional(),
  history: z.boolean().optional(),
  historyMaxMB: SettingsSchema.shape.historyMaxMB.optional(),
  historyMaxDays: SettingsSchema.shape.historyMaxDays.optional(),
  historyAsked: z.boolean().optional(),
  onboarded: z.boolean().optional(),
  endpoint: EndpointSettingsSchema.partial().optional(),
  sources: z.strictObject({ vision: z.boolean().optional(), accessibility: z.boolean().optional() }).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export function applySettingsPatch(s: Settings, p: SettingsPatch): Settings {
  const next: Settings = {
    ...s,
    hotkeys: { ...s.hotkeys, ...stripUndefined(p.hotkeys ?? {}) },
    endpoint: { ...s.endpoint, ...stripUndefined(p.endpoint ?? {}) },
    sources: { ...s.sources, ...stripUndefined(p.sources ?? {}) },
  };
  for (const [k, v] of Object.entries(p)) {
    if (k !== 'hotkeys' && k !== 'endpoint' && k !== 'sources' && v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  return SettingsSchema.parse(next);
}
function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const HotkeyStatusSchema = z.strictObject({ accelerator: z.string(), registered: z.boolean(), error: z.string().optional() });
export const AppInfoSchema = z.strictObject({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  /** Global hotkeys (Electron only; null in the browser shell, which has none). */
  hotkeys: z.strictObject({ open: HotkeyStatusSchema, stop: HotkeyStatusSchema }).nullable(),
  /** First-run problems a person must see: Wayland, missing permissions, hotkeys that failed to register. */
  warnings: z.array(z.strictObject({ id: z.string(), message: z.string(), action: z.enum(['screen', 'accessibility']).optional() })),
  engineReady: z.boolean(),
  engineError: z.string().optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const RunSummarySchema = z.strictObject({
  runId: z.string(),
  goal: z.string(),
  planner: z.string(),
  status: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  steps: z.number().int().nonnegative(),
  reason: z.string().optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

const empty = z.strictObject({});
const runId = z.string().min(1).max(100);

/** The model server's health as the settings page shows it (and whether a key is stored for it, never the key). */
export const EndpointHealthSchema = z.strictObject({
  ok: z.boolean(),
  message: z.string(),
  latencyMs: z.number().nonnegative(),
  models: z.array(z.string()),
  /** The family the planner will use (the declared one, or the one the model's name gives). */
  family: z.enum(MODEL_FAMILIES),
  keyStored: z.boolean(),
  keyBackend: z.string(),
  keyWarning: z.string().optional(),
});
export type EndpointHealth = z.infer<typeof EndpointHealthSchema>;

/** An installed model of the model store (electron/adapters/model-store.ts). */
export const InstalledModelSchema = z.strictObject({
  name: z.string(),
  dir: z.string(),
  kind: z.enum(['magma', 'file', 'other']),
  licence: z.string(),
  precision: z.string().optional(),
  source: z.string().optional(),
  files: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  addedAt: z.string().optional(),
  problem: z.string().optional(),
});
export type InstalledModelInfo = z.infer<typeof InstalledModelSchema>;

export const REQUESTS = {
  'app:info': { input: empty, output: AppInfoSchema },
  'app:open-permission-settings': { input: z.strictObject({ pane: z.enum(['screen', 'accessibility']) }), output: z.strictObject({ opened: z.boolean() }) },
  /** refused: the active brain can't do this goal (no model, no bundle, no server); no run was started. */
  'run:start': { input: z.strictObject({ goal: z.string().trim().min(1).max(2000) }), output: z.union([z.strictObject({ runId }), z.strictObject({ refused: BrainNeedSchema })]) },
  'run:stop': { input: empty, output: z.strictObject({ stopped: z.boolean() }) },
  /** The events of the current (or last) run, for a renderer that opens mid-run; reduce them with reduceRun. */
  'run:events': { input: empty, output: z.strictObject({ events: z.array(RunEventSchema) }) },
  'approval:decide': { input: DecisionSchema.strict(), output: z.strictObject({ accepted: z.boolean(), reason: z.string().optional() }) },
  'settings:get': { input: empty, output: SettingsSchema },
  'settings:set': { input: SettingsPatchSchema, output: SettingsSchema },
  /** dir: where kept runs are stored (absent: in memory only); bytes: their size on disk. */
  'history:list': { input: empty, output: z.strictObject({ enabled: z.boolean(), runs: z.array(RunSummarySchema), dir: z.string().optional(), bytes: z.number().nonnegative().optional() }) },
  /** frames: ids of the screenshots kept for this run (those of steps that typed a secret are not). */
  'history:get': { input: z.strictObject({ runId }), output: z.strictObject({ events: z.array(RunEventSchema), frames: z.array(z.string()).optional() }) },
  'history:clear': { input: empty, output: z.strictObject({ cleared: z.number().int().nonnegative() }) },
  'panel:hide': { input: empty, output: z.strictObject({ hidden: z.boolean() }) },
  /** Checks a model server (the saved one, or the draft the settings page holds). */
  'endpoint:health': { input: z.strictObject({ endpoint: EndpointSettingsSchema.partial().optional() }), output: EndpointHealthSchema },
  /** Stores (or, with an empty key, removes) the API key for a server's origin in the secret store. */
  'endpoint:set-key': {
    input: z.strictObject({ key: z.string().max(4000), baseUrl: z.string().max(500).optional() }),
    output: z.strictObject({ stored: z.boolean(), backend: z.string(), warning: z.string().optional() }),
  },
  'models:list': { input: empty, output: z.strictObject({ dir: z.string(), models: z.array(InstalledModelSchema) }) },
  /** The Run page's status strip: active brain, display, what works now (no network: the server is checked on Run). */
  'brain:status': { input: empty, output: BrainStatusSchema },
  /** Probes Ollama, LM Studio, vLLM and llama.cpp on 127.0.0.1 (<= 300 ms a port); only when the renderer asks. */
  'servers:detect': { input: empty, output: z.strictObject({ servers: z.array(DetectedServerSchema) }) },
  /** Get Magma-8B (electron/main/magma-get.ts). Local only: the GPU (WebGPU adapter, Vulkan) and free disk space. */
  'magma:gpu-check': { input: empty, output: GetMagmaLocalSchema },
  'magma:get-state': { input: empty, output: GetMagmaStateSchema },
  /** Start: asks the Hub for the size and the model card's licence (S14: only when the person pressed Start). */
  'magma:get-plan': { input: empty, output: GetMagmaStateSchema },
  /** Download (or resume), convert, install, select, one-step check; answers at once, progress on magma:get-progress. */
  'magma:get-start': { input: empty, output: GetMagmaStateSchema },
  /** Stops the download or conversion; what was downloaded is kept for a resume. */
  'magma:get-cancel': { input: empty, output: z.strictObject({ stopped: z.boolean() }) },
} as const satisfies Record<RequestChannel, { input: z.ZodType; output: z.ZodType }>;

export const EVENTS = {
  'run:event': RunEventSchema,
  'settings:changed': SettingsSchema,
  'app:status': AppInfoSchema,
  'magma:get-progress': GetMagmaStateSchema,
} as const satisfies Record<EventChannel, z.ZodType>;

export type RequestInput<C extends RequestChannel> = z.infer<(typeof REQUESTS)[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.infer<(typeof REQUESTS)[C]['output']>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof EVENTS)[C]>;

/** Every answer: a value, or an error message (never a thrown exception across the boundary). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export const ResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);

/** Browser shell WebSocket frames. Client -> server: a request. Server -> client: an answer or an event. */
export const WsRequestSchema = z.strictObject({ id: z.number().int().nonnegative(), channel: z.string().max(64), input: z.unknown() });
export type WsRequest = z.infer<typeof WsRequestSchema>;
export type WsServerMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; channel: EventChannel; payload: unknown };

/** The map of handlers a host must provide: one per request channel, typed by the contract. */
export type Handlers = { [C in RequestChannel]: (input: RequestInput<C>) => Promise<RequestOutput<C>> | RequestOutput<C> };

function message(e: unknown): string {
  if (e instanceof z.ZodError) return `invalid: ${e.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(input)'} ${i.message}`).join('; ')}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * The one dispatcher both transports use: refuses unknown channels, parses the input, calls the handler, parses
 * the output, and turns every failure into {ok: false, error}. It never throws.
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(REQUESTS, channel)) {
    return { ok: false, error: `unknown channel ${JSON.stringify(String(channel).slice(0, 64))}` };
  }
  const c = channel as RequestChannel;
  const spec = REQUESTS[c];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: message(parsed.error) };
  try {
    const handler = handlers[c] as (i: unknown) => unknown;
    const out = await handler(parsed.data);
    return { ok: true, value: spec.output.parse(out) };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}
