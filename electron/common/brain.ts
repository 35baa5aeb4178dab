/**
 * The "brain" (the planner a run uses) as a person sees it: what is active, what it can do right now, and what a
 * goal it cannot do needs. Schemas for the contract plus the pure wording, shared by the host (which decides) and
 * the renderer (which shows). The I/O (bundle files, server answers, display list) is the host's; see
 * electron/main/brain-check.ts. Server detection results live here too (electron/adapters/server-detect.ts).
 */
import { z } from 'zod';

/**
 * The README's command-mode example: 39 + 3 = 42 on xcalc with no model. Its keys are read on xcalc at its default
 * size and at 300x400 with the fonts scripts/setup.sh installs (tests/integration/cli-xcalc.test.ts runs it there);
 * "*" is not: with X core fonts the parser reads no text on xcalc's symbol keys yet (the marks issue's job).
 */
export const COMMAND_EXAMPLE = 'click 3; click 9; click +; click 3; click =';

/** What a goal needs that the active brain lacks: a model at all, a Magma bundle on disk, or a server that answers. */
export const BRAIN_NEEDS = ['model', 'bundle', 'server'] as const;
/**
 * What the person can do about it; the renderer turns each into a button. `use-server` lists the local servers
 * it finds, `get-magma` says how to get Magma-8B, `use-commands` switches to command mode with an example.
 */
export const BRAIN_FIXES = ['use-server', 'open-settings', 'get-magma', 'use-commands'] as const;
export type BrainFix = (typeof BRAIN_FIXES)[number];

export const BrainNeedSchema = z.strictObject({
  need: z.enum(BRAIN_NEEDS),
  /** One or two plain sentences: what happened and why. */
  message: z.string().max(2000),
  fixes: z.array(z.enum(BRAIN_FIXES)).max(BRAIN_FIXES.length),
});
export type BrainNeed = z.infer<typeof BrainNeedSchema>;

/** The Run page's status strip: the active brain, the display a run works on, and what works now. */
export const BrainStatusSchema = z.strictObject({
  planner: z.string(),
  /** e.g. "commands (no model)", "Magma-8B bundle ~/models/magma-int4", "qwen2.5vl:7b on 127.0.0.1:11434". */
  brain: z.string(),
  /** Set when the brain can't run anything as configured (no bundle there, no server URL). */
  problem: z.string().optional(),
  /** e.g. "eDP-1, 1920x1080 (1 of 2)", or why there is none. */
  display: z.string(),
  /** What works now, in one sentence. */
  works: z.string(),
});
export type BrainStatus = z.infer<typeof BrainStatusSchema>;

export const SERVER_KINDS = ['ollama', 'lmstudio', 'vllm', 'llamacpp'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
export const SERVER_NAMES: Record<ServerKind, string> = { ollama: 'Ollama', lmstudio: 'LM Studio', vllm: 'vLLM', llamacpp: "llama.cpp's server" };
/** Each server's default port on 127.0.0.1. */
export const DEFAULT_SERVER_PORTS: Record<ServerKind, number> = { ollama: 11434, lmstudio: 1234, vllm: 8000, llamacpp: 8080 };

export const DetectedModelSchema = z.strictObject({
  id: z.string().max(300),
  /** 'yes'/'no' where the server says whether the model takes images; 'unknown' where it does not say. */
  vision: z.enum(['yes', 'no', 'unknown']),
});
export type DetectedModel = z.infer<typeof DetectedModelSchema>;

export const DetectedServerSchema = z.strictObject({
  kind: z.enum(SERVER_KINDS),
  port: z.number().int().min(1).max(65535),
  /** The OpenAI-compatible base URL a planner uses (http://127.0.0.1:PORT/v1). */
  baseUrl: z.string(),
  /** false: nothing answered there in time (the models list is empty). */
  found: z.boolean(),
  models: z.array(DetectedModelSchema),
  /** Why it was not found or its list is partial (closed port, no answer within the time limit). */
  note: z.string().optional(),
});
export type DetectedServer = z.infer<typeof DetectedServerSchema>;

/** The part of settings the wording depends on (a structural subset, so this file needs nothing else). */
export interface BrainSettings {
  planner: string;
  modelBundle: string;
  endpoint: { baseUrl: string; model: string };
}

/** "127.0.0.1:11434" from "http://127.0.0.1:11434/v1"; the text itself when it is not a URL. */
export function serverName(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

function modelOn(s: BrainSettings): string {
  return `${s.endpoint.model.trim() || 'the first model listed'} on ${serverName(s.endpoint.baseUrl)}`;
}

/** The active brain in a few words (the status strip prefixes "Brain: "). */
export function brainLabel(s: BrainSettings): string {
  switch (s.planner) {
    case 'command':
      return 'commands (no model)';
    case 'magma':
      return s.modelBundle.trim() ? `Magma-8B bundle ${s.modelBundle.trim()}` : 'Magma-8B (no bundle chosen)';
    case 'openai':
      return modelOn(s);
    case 'hybrid':
      return `${modelOn(s)}, with Magma-8B ${s.modelBundle.trim() ? `bundle ${s.modelBundle.trim()}` : '(no bundle chosen)'} finding elements`;
    default:
      return s.planner;
  }
}

/** What works with this brain, assuming it is set up (the host adds a problem when it is not). */
export function whatWorks(s: BrainSettings): string {
  switch (s.planner) {
    case 'command':
      return 'Commands like "click 7" work; questions (Q:) and plain-language goals need a model.';
    case 'magma':
      return 'Plain-language goals (one click each) and questions (Q:) go to Magma-8B; commands like "click 7" need command mode.';
    default:
      return 'Plain-language goals and questions (Q:) go to the model server; commands like "click 7" need command mode.';
  }
}
