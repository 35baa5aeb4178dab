/**
 * The app's core, shared by Electron main and the browser shell: one run at a time, the pending approval, the
 * emergency stop, settings and history, all behind the contract's handlers. Transports (ipcMain, WebSocket) only
 * check who is calling and pass the raw input to dispatch(). No electron import: node tests load this as is.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ApprovalRequest, Decision } from '../common/approval.js';
import {
  applySettingsPatch, dispatch,
  type AppInfo, type EndpointSettings, type EventChannel, type EventPayload, type Handlers, type Result, type RunSummary, type Settings,
} from '../common/ipc-contract.js';
import { initialRunState, reduceRun, type RunEvent, type RunState } from '../common/run-events.js';
import type { Engine, EngineFactory } from './engine.js';
import { brainStatus, preflightGoal } from './brain-check.js';
import type { DisplayInfo } from '../common/geometry.js';
import type { ServerKind } from '../common/brain.js';
import { detectServers } from '../adapters/server-detect.js';
import { createHistoryStore, type HistoryCaps } from './history-store.js';
import { defaultModelsDir, listModels } from '../adapters/model-store.js';
import { bundleFolderProblem } from './bundle-check.js';
import { createMagmaGetter, type MagmaGetOptions } from './magma-get.js';
import { loadSettings, saveSettings, settingsFilePath } from '../adapters/settings-file.js';
import { normalizeBaseUrl, OpenAiClient } from '../adapters/openai-client.js';
import { memorySecretStore, openSecretStore, type SecretStore } from '../adapters/secrets.js';
import { resolveFamily } from '../agent/planner/reply-formats.js';
import { magmaLoadOptions } from '../shells/magma-load-options.js';
import { apiKeyName } from '../shells/openai-planners.js';

export type HostListener = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void;

export interface AppHostOptions {
  engineFactory: EngineFactory;
  shell: 'electron' | 'browser';
  version?: string;
  platform?: string;
  /** Where settings.json and history/ (kept runs, history-store.ts) live; none = in memory only. */
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
  /**
   * Refuse a goal the active brain can't do before starting a run (brain-check.ts). The shells turn it on; hosts
   * around a scripted test engine, which takes any goal, leave it off.
   */
  preflight?: boolean;
  /** The displays a run can work on, for the status strip (absent: "not known"). */
  displays?: () => Promise<readonly DisplayInfo[]>;
  /** Ports servers:detect probes on 127.0.0.1 instead of the defaults (tests). */
  serverPorts?: Partial<Record<ServerKind, number>>;
  /** Get Magma-8B: the Hub's env (HF_ENDPOINT, HF_TOKEN; default process.env) and test doubles (free space, converter). */
  magmaGet?: Partial<Omit<MagmaGetOptions, 'modelsDir' | 'emit' | 'select'>>;
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

  const settingsFile = o.dataDir ? settingsFilePath(o.dataDir) : undefined;
  let settings = loadSettings(settingsFile);

  let engine: Engine | undefined;
  let engineKey = '';
  let engineError: string | undefined;
  /** frames: PNGs taken from the engine as the run goes (history on), so none has left its bounded store by the end. */
  let current: { runId: string; controller: AbortController; done: Promise<void>; events: RunEvent[]; state: RunState; frames: Map<string, Promise<Uint8Array | undefined>> } | undefined;
  let lastEvents: RunEvent[] = [];
  let pending: Pending | undefined;
  const capsOf = (s: Settings): HistoryCaps => ({ maxBytes: s.historyMaxMB * 1024 * 1024, maxAgeMs: s.historyMaxDays * 86_400_000 });
  const history = createHistoryStore({
    ...(o.dataDir ? { dir: join(o.dataDir, 'history'), legacyFile: join(o.dataDir, 'history.jsonl') } : {}),
    caps: capsOf(settings),
    now,
  });
  // History off: nothing of past runs stays on disk (also what an older version left there).
  if (settings.history) history.load();
  else history.clear();
  /** The history write of the last finished run (idle() waits for it). */
  let saving: Promise<void> = Promise.resolve();

  let secretStore: Promise<SecretStore> | undefined;
  const secrets = () => (secretStore ??= o.secrets?.() ?? (o.dataDir ? openSecretStore() : Promise.resolve(memorySecretStore())));

  const keyOf = (s: Settings) => JSON.stringify([s.planner, s.modelBundle, s.provider, s.gpuMemoryGB, s.detectorFile]);

  // Get Magma-8B: the bundle it makes is chosen through settings:set, like a bundle picked in Settings.
  const getter = createMagmaGetter({
    modelsDir: o.modelsDir ?? defaultModelsDir(),
    emit: (s) => emitTo('magma:get-progress', s),
    select: (dir) => handlers['settings:set']({ planner: 'magma', modelBundle: dir }),
    providers: () => magmaLoadOptions(settings).providers,
    ...o.magmaGet,
  });

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
    const frameId = e.type === 'frame' ? e.frameId : e.type === 'executed' ? e.afterFrameId : undefined;
    if (frameId && settings.history && engine && !run.frames.has(frameId)) {
      const eng = engine;
      run.frames.set(frameId, Promise.resolve().then(() => eng.framePng(frameId)).catch(() => undefined));
    }
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
      saving = (async () => {
        const frames = new Map<string, Uint8Array>();
        for (const [id, p] of run.frames) {
          const png = await p;
          if (png) frames.set(id, png);
        }
        // Turned off while the run was being written: nothing is kept.
        if (!settings.history) return;
        try {
          history.save({ summary, events: run.events, frames });
        } catch {
          /* history is best effort; the run itself already finished */
        }
      })();
    }
  }

  const handlers: Handlers = {
    'app:info': () => info(),
    'app:open-permission-settings': async ({ pane }) => ({ opened: (await o.openPermissionSettings?.(pane)) ?? false }),
    'run:start': async ({ goal }) => {
      if (current) throw new Error('a run is in progress: stop it first');
      const runSettings = settings;
      if (o.preflight) {
        const fit = await preflightGoal(goal, runSettings, { health: async (ms) => (await healthOf(runSettings.endpoint, ms)).report });
        if (fit.kind === 'need') return { refused: fit.need };
        if (fit.kind === 'syntax') throw new Error(`The command has a mistake (${fit.error}). Fix it and run it again.`);
      }
      const eng = await engineFor(runSettings);
      if (current) throw new Error('a run is in progress: stop it first');
      const runId = `run-${now().toString(36)}-${randomBytes(4).toString('hex')}`;
      const controller = new AbortController();
      const run = { runId, controller, done: Promise.resolve(), events: [] as RunEvent[], state: initialRunState, frames: new Map<string, Promise<Uint8Array | undefined>>() };
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
      // A bundle folder that is not there (or is no bundle) is refused before anything is saved.
      const bundleProblem = patch.modelBundle === undefined ? undefined : bundleFolderProblem(patch.modelBundle);
      if (bundleProblem) throw new Error(bundleProblem);
      const next = applySettingsPatch(settings, patch);
      settings = next;
      saveSettings(settingsFile, next);
      // Turning history off deletes what was kept (the switch says so); new caps apply at once.
      if (!next.history) history.clear();
      else if (!settings.history) history.load();
      history.setCaps(capsOf(next));
      emitTo('settings:changed', next);
      o.onSettings?.(next);
      return next;
    },
    'history:list': () => ({ enabled: settings.history, runs: history.list(), ...(history.dir ? { dir: history.dir } : {}), bytes: history.bytes() }),
    'history:get': ({ runId }) => {
      const events = history.get(runId);
      if (!events) throw new Error('This run is no longer in history (deleted, or removed by the size or age limit). Pick another run.');
      return { events, frames: history.frameIds(runId) };
    },
    'history:clear': () => ({ cleared: history.clear() }),
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
      const { key, report: h } = await healthOf({ ...ep, baseUrl: base }, Math.min(ep.timeoutMs, 15_000));
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
    'brain:status': () => brainStatus(settings, o.displays),
    // Only here, when the renderer asks (first-run card, "needs a model" card, Settings): never on the host's own.
    'servers:detect': async () => ({ servers: await detectServers(o.serverPorts ? { ports: o.serverPorts } : {}) }),
    'magma:gpu-check': () => getter.gpuCheck(),
    'magma:get-state': () => getter.state(),
    'magma:get-plan': () => getter.plan(),
    'magma:get-start': () => getter.start(),
    'magma:get-cancel': () => ({ stopped: getter.cancel() }),
  };

  /** A server's health with the key stored for its origin (endpoint:health, and run:start's preflight). */
  async function healthOf(ep: EndpointSettings, timeoutMs: number) {
    const base = normalizeBaseUrl(ep.baseUrl);
    const key = await (await secrets()).get(apiKeyName(base)).catch(() => undefined);
    return { key, report: await new OpenAiClient({ baseUrl: base, model: ep.model.trim(), ...(key ? { apiKey: key } : {}) }).health(timeoutMs) };
  }

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
      if (typeof id !== 'string' || id.length > 200) return undefined;
      try {
        const live = engine ? await engine.framePng(id) : undefined;
        // A past run's frame (also after a restart): the history store validates the id and maps it to its own file.
        return live ?? history.framePng(id);
      } catch {
        return history.framePng(id);
      }
    },
    state: () => current?.state ?? lastEvents.reduce(reduceRun, initialRunState),
    settings: () => settings,
    info,
    idle: async () => {
      await current?.done;
      await saving;
    },
    async close() {
      stop('the app is closing');
      await getter.close();
      await current?.done;
      await saving;
      await engine?.close?.().catch(() => undefined);
      listeners.clear();
    },
  };
}
