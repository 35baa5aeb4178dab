/**
 * The app's core, shared by Electron main and the browser shell: one run at a time, the pending approval, the
 * emergency stop, settings and history, all behind the contract's handlers. Transports (ipcMain, WebSocket) only
 * check who is calling and pass the raw input to dispatch(). No electron import: node tests load this as is.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalRequest, Decision } from '../common/approval.js';
import {
  applySettingsPatch, DEFAULT_SETTINGS, dispatch, SettingsSchema,
  type AppInfo, type EventChannel, type EventPayload, type Handlers, type Result, type RunSummary, type Settings,
} from '../common/ipc-contract.js';
import { initialRunState, reduceRun, RunEventSchema, type RunEvent, type RunState } from '../common/run-events.js';
import type { Engine, EngineFactory } from './engine.js';
import { defaultModelsDir, listModels } from '../adapters/model-store.js';
import { normalizeBaseUrl, OpenAiClient } from '../adapters/openai-client.js';
import { memorySecretStore, openSecretStore, type SecretStore } from '../adapters/secrets.js';
import { resolveFamily } from '../agent/planner/reply-formats.js';
import { apiKeyName } from '../shells/openai-planners.js';

export type HostListener = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void;

export interface AppHostOptions {
  engineFactory: EngineFactory;
  shell: 'electron' | 'browser';
  version?: string;
  platform?: string;
  /** Where settings.json and history.jsonl live; none = in memory only. */
  dataDir?: string;
  /** Extra status the shell knows (hotkey registration, permissions, Wayland). */
  status?: () => Pick<AppInfo, 'hotkeys' | 'warnings'>;
  openPermissionSettings?: (pane: 'screen' | 'accessibility') => Promise<boolean> | boolean;
  hidePanel?: () => boolean;
  /** Called after settings change (main re-registers hotkeys). */
  onSettings?: (s: Settings) => void;
  now?: () => number;
  /** Where API keys are kept (default: the OS secret store when dataDir is set, else memory). */
  secrets?: () => Promise<SecretStore>;
  /** The model store the settings page lists (default: defaultModelsDir()). */
  modelsDir?: string;
}

interface Pending {
  req: ApprovalRequest;
  resolve: (d: Decision) => void;
}

const MAX_EVENTS = 50_000;

export interface AppHost {
  readonly handlers: Handlers;
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  subscribe(l: HostListener): () => void;
  /** The emergency stop: aborts the run at once, whatever the renderer is doing. */
  stop(reason?: string): boolean;
  framePng(id: string): Promise<Uint8Array | undefined>;
  state(): RunState;
  settings(): Settings;
  info(): AppInfo;
  /** Resolves when the current run (if any) has ended. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createAppHost(o: AppHostOptions): AppHost {
  const now = o.now ?? Date.now;
  const listeners = new Set<HostListener>();
  const emitTo: HostListener = (channel, payload) => {
    for (const l of listeners) {
      try {
        l(channel, payload);
      } catch {
        /* a failing listener (closed socket) must not stop the run */
      }
    }
  };

  const settingsFile = o.dataDir ? join(o.dataDir, 'settings.json') : undefined;
  const historyFile = o.dataDir ? join(o.dataDir, 'history.jsonl') : undefined;
  let settings = loadSettings(settingsFile);

  let engine: Engine | undefined;
  let engineKey = '';
  let engineError: string | undefined;
  let current: { runId: string; controller: AbortController; done: Promise<void>; events: RunEvent[]; state: RunState } | undefined;
  let lastEvents: RunEvent[] = [];
  let pending: Pending | undefined;
  const history: { summary: RunSummary; events: RunEvent[] }[] = settings.history ? loadHistory(historyFile) : [];

  let secretStore: Promise<SecretStore> | undefined;
  const secrets = () => (secretStore ??= o.secrets?.() ?? (o.dataDir ? openSecretStore() : Promise.resolve(memorySecretStore())));

  const keyOf = (s: Settings) => JSON.stringify([s.planner, s.modelBundle, s.provider, s.detectorFile]);

  async function engineFor(s: Settings): Promise<Engine> {
    if (engine && engineKey === keyOf(s)) return engine;
    const old = engine;
    engine = undefined;
    await old?.close?.().catch(() => undefined);
    try {
      engine = await o.engineFactory(s);
      engineKey = keyOf(s);
      engineError = undefined;
      return engine;
    } catch (e) {
      engineError = e instanceof Error ? e.message : String(e);
      emitTo('app:status', info());
      throw new Error(`the engine could not start: ${engineError}`);
    }
  }

  function info(): AppInfo {
    const st = o.status?.() ?? { hotkeys: null, warnings: [] };
    return {
      version: o.version ?? '0.0.0',
      shell: o.shell,
      platform: o.platform ?? process.platform,
      hotkeys: st.hotkeys,
      warnings: st.warnings,
      engineReady: engine !== undefined,
      ...(engineError ? { engineError } : {}),
    };
  }

  function record(e: RunEvent) {
    const run = current;
    if (!run) return;
    if (run.events.length < MAX_EVENTS) run.events.push(e);
    run.state = reduceRun(run.state, e);
    emitTo('run:event', e);
  }

  const approvals = {
    request(req: ApprovalRequest, signal: AbortSignal): Promise<Decision> {
      return new Promise<Decision>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason ?? new Error('stopped'));
        const onAbort = () => {
          if (pending?.req.id === req.id) pending = undefined;
          reject(signal.reason ?? new Error('stopped'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        pending = {
          req,
          resolve: (d) => {
            signal.removeEventListener('abort', onAbort);
            resolve(d);
          },
        };
      });
    },
  };

  function finishRun(runId: string, err?: unknown) {
    const run = current;
    if (!run || run.runId !== runId) return;
    if (!run.events.some((e) => e.type === 'run_finished')) {
      const stopped = run.controller.signal.aborted;
      const reason = stopped ? 'stopped' : err ? (err instanceof Error ? err.message : String(err)) : 'the engine ended without a result';
      record({ type: 'run_finished', status: stopped ? 'stopped' : 'failed', reason, at: now() });
    }
    pending = undefined;
    lastEvents = run.events;
    current = undefined;
    if (settings.history) {
      const started = run.events.find((e) => e.type === 'run_started');
      const fin = run.events.find((e) => e.type === 'run_finished');
      const summary: RunSummary = {
        runId: run.runId,
        goal: run.state.goal ?? '',
        planner: run.state.planner ?? settings.planner,
        status: run.state.status,
        startedAt: started?.type === 'run_started' ? started.at : now(),
        ...(fin?.type === 'run_finished' ? { finishedAt: fin.at, reason: fin.reason } : {}),
        steps: run.state.steps.length,
      };
      const entry = { summary, events: compactReasoning(run.events) };
      history.unshift(entry);
      if (historyFile) {
        try {
          mkdirSync(o.dataDir!, { recursive: true });
          appendFileSync(historyFile, JSON.stringify(entry) + '\n', { mode: 0o600 });
        } catch {
          /* history is best effort; the run itself already finished */
        }
      }
    }
  }

  const handlers: Handlers = {
    'app:info': () => info(),
    'app:open-permission-settings': async ({ pane }) => ({ opened: (await o.openPermissionSettings?.(pane)) ?? false }),
    'run:start': async ({ goal }) => {
      if (current) throw new Error('a run is in progress: stop it first');
      const runSettings = settings;
      const eng = await engineFor(runSettings);
      if (current) throw new Error('a run is in progress: stop it first');
      const runId = `run-${now().toString(36)}-${randomBytes(4).toString('hex')}`;
      const controller = new AbortController();
      const run = { runId, controller, done: Promise.resolve(), events: [] as RunEvent[], state: initialRunState };
      current = run;
      run.done = (async () => {
        try {
          await eng.run({
            runId, goal, settings: runSettings, signal: controller.signal, approvals,
            emit: (e) => {
              if (current === run) record(e);
            },
          });
          finishRun(runId);
        } catch (e) {
          finishRun(runId, e);
        }
      })();
      return { runId };
    },
    'run:stop': () => ({ stopped: stop('stopped from the app') }),
    'run:events': () => ({ events: current ? current.events : lastEvents }),
    'approval:decide': (d) => {
      const p = pending;
      if (!p || p.req.id !== d.approvalId) return { accepted: false, reason: 'no pending approval with this id' };
      if (now() > p.req.expiresAt) {
        return { accepted: false, reason: 'this approval expired' };
      }
      if (d.verdict === 'edit' && !d.edit?.trim()) return { accepted: false, reason: 'an edit needs the replacement step' };
      pending = undefined;
      p.resolve(d);
      return { accepted: true };
    },
    'settings:get': () => settings,
    'settings:set': (patch) => {
      const next = applySettingsPatch(settings, patch);
      settings = next;
      saveSettings(settingsFile, next);
      if (!next.history) history.length = 0;
      emitTo('settings:changed', next);
      o.onSettings?.(next);
      return next;
    },
    'history:list': () => ({ enabled: settings.history, runs: history.map((h) => h.summary) }),
    'history:get': ({ runId }) => {
      const h = history.find((x) => x.summary.runId === runId);
      if (!h) throw new Error('no such run in history');
      return { events: h.events };
    },
    'history:clear': () => {
      const n = history.length;
      history.length = 0;
      if (historyFile) rmSync(historyFile, { force: true });
      return { cleared: n };
    },
    'panel:hide': () => ({ hidden: o.hidePanel?.() ?? false }),
    'endpoint:health': async ({ endpoint }) => {
      const ep = { ...settings.endpoint, ...Object.fromEntries(Object.entries(endpoint ?? {}).filter(([, v]) => v !== undefined)) };
      const store = await secrets();
      let base: string;
      try {
        base = normalizeBaseUrl(ep.baseUrl);
      } catch (e) {
        return { ok: false, message: (e as Error).message, latencyMs: 0, models: [], family: ep.family, keyStored: false, keyBackend: store.backend, ...(store.warning ? { keyWarning: store.warning } : {}) };
      }
      const key = await store.get(apiKeyName(base)).catch(() => undefined);
      const h = await new OpenAiClient({ baseUrl: base, model: ep.model.trim(), ...(key ? { apiKey: key } : {}) }).health(Math.min(ep.timeoutMs, 15_000));
      return {
        ok: h.ok, message: h.message, latencyMs: h.latencyMs, models: h.models,
        family: resolveFamily(ep.family, ep.model.trim() || h.models[0] || ''),
        keyStored: Boolean(key), keyBackend: store.backend, ...(store.warning ? { keyWarning: store.warning } : {}),
      };
    },
    'endpoint:set-key': async ({ key, baseUrl }) => {
      const base = normalizeBaseUrl(baseUrl ?? settings.endpoint.baseUrl);
      const store = await secrets();
      if (key.trim()) await store.set(apiKeyName(base), key.trim());
      else await store.delete(apiKeyName(base));
      return { stored: Boolean(key.trim()), backend: store.backend, ...(store.warning ? { warning: store.warning } : {}) };
    },
    'models:list': () => {
      const dir = o.modelsDir ?? defaultModelsDir();
      return { dir, models: listModels(dir) };
    },
  };

  function stop(reason = 'stopped'): boolean {
    const run = current;
    if (!run || run.controller.signal.aborted) return false;
    pending = undefined;
    run.controller.abort(new Error(reason));
    return true;
  }

  return {
    handlers,
    dispatch: (channel, input) => dispatch(handlers, channel, input),
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stop,
    async framePng(id) {
      if (!engine || typeof id !== 'string' || id.length > 200) return undefined;
      try {
        return (await engine.framePng(id)) ?? undefined;
      } catch {
        return undefined;
      }
    },
    state: () => current?.state ?? lastEvents.reduce(reduceRun, initialRunState),
    settings: () => settings,
    info,
    idle: async () => {
      await current?.done;
    },
    async close() {
      stop('the app is closing');
      await current?.done;
      await engine?.close?.().catch(() => undefined);
      listeners.clear();
    },
  };
}

/** Reasoning arrives token by token; history keeps one event per step. */
function compactReasoning(events: RunEvent[]): RunEvent[] {
  const out: RunEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.type === 'reasoning' && last?.type === 'reasoning' && last.step === e.step) {
      out[out.length - 1] = { ...last, text: last.text + e.text };
    } else out.push(e);
  }
  return out;
}

function loadSettings(file: string | undefined): Settings {
  if (!file || !existsSync(file)) return DEFAULT_SETTINGS;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const merged = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(raw as object), hotkeys: { ...DEFAULT_SETTINGS.hotkeys, ...((raw as { hotkeys?: object }).hotkeys ?? {}) } });
    return merged.success ? merged.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

function saveSettings(file: string | undefined, s: Settings) {
  if (!file) return;
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(s, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}

function loadHistory(file: string | undefined): { summary: RunSummary; events: RunEvent[] }[] {
  if (!file || !existsSync(file)) return [];
  const out: { summary: RunSummary; events: RunEvent[] }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as { summary: RunSummary; events: unknown[] };
      const events = v.events.map((e) => RunEventSchema.parse(e));
      out.unshift({ summary: v.summary, events });
    } catch {
      /* a damaged line is skipped, not fatal */
    }
  }
  return out;
}
