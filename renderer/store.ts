/**
 * The renderer's state: the engine's RunEvents reduced by the shared reducer (reduceRun), plus what the app shell
 * tells (settings, info, history). Actions call the contract through the transport; nothing here decides approval.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Decision } from '../electron/common/approval.js';
import type { DisplayInfo } from '../electron/common/geometry.js';
import { SettingsSchema, AppInfoSchema, type AppInfo, type RunSummary, type Settings, type SettingsPatch } from '../electron/common/ipc-contract.js';
import { initialRunState, reduceRun, RunEventSchema, type RunEvent, type RunState } from '../electron/common/run-events.js';
import type { BrainNeed, BrainStatus } from '../electron/common/brain.js';
import type { Transport } from './transport.js';

export interface FrameInfo {
  width: number;
  height: number;
  display: DisplayInfo;
}

export type View = 'run' | 'settings' | 'history';

export interface AppState {
  run: RunState;
  /** Size and display of every frame seen in this run (from `frame` events): what the marks are drawn over. */
  frames: Record<string, FrameInfo>;
  connected: boolean;
  info?: AppInfo;
  settings?: Settings;
  /** dir: where kept runs are stored; bytes: their size on disk. */
  history: { enabled: boolean; runs: RunSummary[]; dir?: string; bytes?: number };
  /** An opened past run: its events (targets, reasoning) and which screenshots were kept (`kept`). */
  historyRun?: { runId: string; state: RunState; frames: Record<string, FrameInfo>; events: RunEvent[]; kept?: string[] };
  view: View;
  approveRest: boolean;
  /** A decision is on its way: the prompt is inert until it settles (no double submits). */
  deciding: boolean;
  error?: string;
  settingsError?: string;
  /** The active brain, the display and what works now (the Run page's status strip). */
  brain?: BrainStatus;
  /** The last goal was refused: the active brain can't do it (NeedBrainCard). Cleared by a run or a brain change. */
  need?: BrainNeed & { goal: string };

  apply(e: RunEvent): void;
  init(): Promise<void>;
  start(goal: string): Promise<boolean>;
  decide(verdict: Decision['verdict'], edit?: string): Promise<boolean>;
  stop(): Promise<void>;
  setView(v: View): void;
  setApproveRest(on: boolean): void;
  saveSettings(patch: SettingsPatch): Promise<boolean>;
  loadHistory(): Promise<void>;
  openHistoryRun(runId: string | undefined): Promise<void>;
  clearHistory(): Promise<void>;
  openPermissionSettings(pane: 'screen' | 'accessibility'): Promise<void>;
  dismissError(): void;
  loadBrain(): Promise<void>;
  dismissNeed(): void;
}

export type AppStore = StoreApi<AppState>;

export function framesOf(events: readonly RunEvent[]): Record<string, FrameInfo> {
  const out: Record<string, FrameInfo> = {};
  for (const e of events) if (e.type === 'frame') out[e.frameId] = { width: e.width, height: e.height, display: e.display };
  return out;
}

export function createAppStore(t: Transport): AppStore {
  const store: AppStore = createStore<AppState>()((set, get) => ({
    run: initialRunState,
    frames: {},
    connected: false,
    history: { enabled: false, runs: [] },
    view: 'run',
    approveRest: false,
    deciding: false,

    apply(e) {
      set((s) => {
        const started = e.type === 'run_started';
        const frames = started ? {} : s.frames;
        return {
          run: reduceRun(s.run, e),
          frames: e.type === 'frame' ? { ...frames, [e.frameId]: { width: e.width, height: e.height, display: e.display } } : frames,
          ...(started ? { approveRest: false, error: undefined, need: undefined } : {}),
          ...(e.type === 'approval_requested' || e.type === 'approval_decided' ? { deciding: false } : {}),
        };
      });
      if (e.type === 'run_finished' && get().history.enabled) void get().loadHistory();
    },

    async init() {
      t.onConnection((connected) => {
        set({ connected });
        if (connected) void resync();
      });
      t.subscribe((channel, payload) => {
        if (channel === 'run:event') {
          const e = RunEventSchema.safeParse(payload);
          if (e.success) get().apply(e.data);
        } else if (channel === 'settings:changed') {
          const s = SettingsSchema.safeParse(payload);
          if (s.success) {
            // The refusal was for the brain that was active; a changed brain is looked at again on the next Run.
            set({ settings: s.data, need: undefined });
            void get().loadBrain();
          }
        } else if (channel === 'app:status') {
          const i = AppInfoSchema.safeParse(payload);
          if (i.success) set({ info: i.data });
        }
      });
      await resync();
    },

    async start(goal) {
      const r = await t.invoke('run:start', { goal: goal.trim() });
      if (!r.ok) set({ error: r.error });
      else if ('refused' in r.value) {
        // Nothing ran: the previous run's status, answer and steps leave the view (they stay in History).
        set({ need: { ...r.value.refused, goal: goal.trim() }, run: initialRunState, frames: {}, error: undefined });
        return false;
      }
      return r.ok;
    },

    async decide(verdict, edit) {
      const pending = get().run.pending;
      if (!pending || get().deciding) return false;
      set({ deciding: true });
      const d: Decision = { approvalId: pending.id, verdict };
      if (verdict === 'edit') d.edit = edit ?? '';
      if (verdict === 'approve' && get().approveRest) d.approveRest = true;
      const r = await t.invoke('approval:decide', d);
      if (!r.ok || !r.value.accepted) {
        set({ deciding: false, error: r.ok ? `not accepted: ${r.value.reason ?? 'no reason'}` : r.error });
        return false;
      }
      return true;
    },

    async stop() {
      const r = await t.invoke('run:stop', {});
      if (!r.ok) set({ error: r.error });
    },

    setView: (view) => {
      set({ view });
      if (view === 'history') void get().loadHistory();
    },
    setApproveRest: (approveRest) => set({ approveRest }),

    async saveSettings(patch) {
      const r = await t.invoke('settings:set', patch);
      if (r.ok) set({ settings: r.value, settingsError: undefined });
      else set({ settingsError: r.error });
      return r.ok;
    },

    async loadHistory() {
      const r = await t.invoke('history:list', {});
      if (r.ok) set({ history: r.value });
    },

    async openHistoryRun(runId) {
      if (!runId) return set({ historyRun: undefined });
      const r = await t.invoke('history:get', { runId });
      if (!r.ok) return set({ error: r.error });
      set({ historyRun: { runId, state: r.value.events.reduce(reduceRun, initialRunState), frames: framesOf(r.value.events), events: r.value.events, ...(r.value.frames ? { kept: r.value.frames } : {}) } });
    },

    async clearHistory() {
      const r = await t.invoke('history:clear', {});
      if (r.ok) set({ history: { ...get().history, runs: [], bytes: 0 }, historyRun: undefined });
    },

    async openPermissionSettings(pane) {
      await t.invoke('app:open-permission-settings', { pane });
    },

    dismissError: () => set({ error: undefined }),
    dismissNeed: () => set({ need: undefined }),

    async loadBrain() {
      const r = await t.invoke('brain:status', {});
      if (r.ok) set({ brain: r.value });
    },
  }));

  async function resync() {
    const [info, settings, events] = await Promise.all([
      t.invoke('app:info', {}),
      t.invoke('settings:get', {}),
      t.invoke('run:events', {}),
    ]);
    store.setState({
      ...(info.ok ? { info: info.value } : {}),
      ...(settings.ok ? { settings: settings.value } : {}),
      ...(events.ok ? { run: events.value.events.reduce(reduceRun, initialRunState), frames: framesOf(events.value.events) } : {}),
    });
    if (settings.ok && settings.value.history) await store.getState().loadHistory();
    await store.getState().loadBrain();
  }
  return store;
}
