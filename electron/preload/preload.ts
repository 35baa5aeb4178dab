/**
 * The preload: exposes exactly the contract's channels as window.magma, nothing else (no ipcRenderer, no Node).
 * Bundled to one CJS file (scripts/build.mjs) because sandboxed preloads cannot load modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, isEventChannel, isRequestChannel } from '../common/ipc-channels.js';

contextBridge.exposeInMainWorld('magma', {
  events: [...EVENT_CHANNELS],
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (!isRequestChannel(channel)) return Promise.resolve({ ok: false, error: 'unknown channel' });
    return ipcRenderer.invoke(channel, input);
  },
  on(channel: unknown, cb: (payload: unknown) => void): () => void {
    if (!isEventChannel(channel) || typeof cb !== 'function') return () => undefined;
    const listener = (_e: IpcRendererEvent, payload: unknown) => cb(payload);
    ipcRenderer.on(channel, listener);
    return () => {
      ipcRenderer.removeListener(channel, listener);
    };
  },
});
