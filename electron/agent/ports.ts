/**
 * The engine's ports: everything the engine needs from the outside world. Adapters (electron/adapters) implement
 * them with native packages; tests implement them with recordings. The engine imports no native package.
 */
import type { ApprovalRequest, Decision } from '../common/approval.js';
import type { A11yRead } from '../common/a11y.js';
import type { DisplayInfo, FrameGeometry, ScreenPoint } from '../common/geometry.js';

/** 8-bit RGBA, row-major, stride = width * 4. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** One captured screen: the bitmap (image px) and how it maps onto the desktop (logical screen px). */
export interface Frame {
  readonly id: string;
  readonly capturedAt: number;
  readonly image: RgbaImage;
  readonly geometry: FrameGeometry;
}

export interface ScreenSource {
  displays(): Promise<DisplayInfo[]>;
  /** Captures one display (default: the primary). Rejects with a message that says what to do when it cannot. */
  capture(displayId?: string): Promise<Frame>;
}

/**
 * The accessibility tree of the focused window (and the desktop's panels in the frame): AT-SPI2 on Linux, UI
 * Automation on Windows. Optional: without it perception is vision only. read() never throws for an empty or
 * missing tree (it says why in `note`); it rejects only when the signal aborts.
 */
export interface AccessibilitySource {
  read(signal?: AbortSignal): Promise<A11yRead>;
  /** Undoes what the source changed to make applications build their tree (the AT-SPI bus's IsEnabled). */
  close(): Promise<void>;
}

export type MouseButton = 'left' | 'right' | 'middle';

/** Injects input. Points are logical screen pixels. Every method may be interrupted by releaseAll(). */
export interface InputDriver {
  move(p: ScreenPoint): Promise<void>;
  click(p: ScreenPoint, button: MouseButton, count: 1 | 2): Promise<void>;
  /** Types text exactly; characters the keyboard cannot produce go through the clipboard, which is restored. */
  type(text: string): Promise<void>;
  /** Presses a combo together (modifiers first) and releases it in reverse order. */
  press(keys: readonly string[]): Promise<void>;
  scroll(direction: 'up' | 'down' | 'left' | 'right', amount: number): Promise<void>;
  drag(from: ScreenPoint, to: ScreenPoint): Promise<void>;
  /** Releases every key and button this driver may hold. Safe to call at any time, more than once. */
  releaseAll(): Promise<void>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Append-only JSONL sink for run records. */
export interface RunLog {
  write(record: Record<string, unknown>): void;
  close(): Promise<void>;
}

export type TensorType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8' | 'bool';
export type TensorData = Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array;
export interface TensorLike {
  readonly type: TensorType;
  readonly dims: readonly number[];
  readonly data: TensorData;
}

export interface TensorSessionOptions {
  /** Providers in order of preference, e.g. ['webgpu', 'cpu']. The runtime falls back and reports what ran. */
  readonly providers?: readonly string[];
  readonly intraOpThreads?: number;
}

export interface TensorSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The execution provider that actually runs this session. */
  readonly provider: string;
  run(feeds: Record<string, TensorLike>, outputNames?: readonly string[]): Promise<Record<string, TensorLike>>;
  release(): Promise<void>;
}

/** Creates inference sessions from model files (onnxruntime-node in the app). */
export interface TensorRuntime {
  load(modelPath: string, options?: TensorSessionOptions): Promise<TensorSession>;
}

/** Delivers an approval request to a person (CLI prompt, browser shell, Electron window) and returns the decision. */
export interface ApprovalChannel {
  request(req: ApprovalRequest, signal: AbortSignal): Promise<Decision>;
  /** True when no person answers (the CLI's --yes): the audit log then says so instead of "user". */
  readonly automatic?: boolean;
}

/** Chat-completions model servers (OpenAI-compatible): what the openai/hybrid planners need; the HTTP client in adapters implements it. */
export type ChatContentPart = { readonly type: 'text'; readonly text: string } | { readonly type: 'image_url'; readonly image_url: { readonly url: string } };
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string | readonly ChatContentPart[];
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly signal?: AbortSignal;
  /** Streamed answer text. */
  readonly onText?: (delta: string) => void;
  /** Streamed "thinking" text some servers send apart from the answer (reasoning_content). */
  readonly onReasoning?: (delta: string) => void;
}

/** What the planner needs from a model server (OpenAiClient in electron/adapters satisfies it). */
export interface ChatModel {
  readonly model: string;
  complete(req: ChatRequest): Promise<{ readonly text: string }>;
}

