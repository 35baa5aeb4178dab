import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store.js';
import type { Transport } from './transport.js';

export const StoreContext = createContext<{ store: AppStore; transport: Transport } | null>(null);

export function useApp<T>(selector: (s: AppState) => T): T {
  const ctx = useContext(StoreContext);
  if (!ctx) throw new Error('no StoreContext');
  return useStore(ctx.store, selector);
}

export function useFrameUrl(): (frameId: string) => string {
  const ctx = useContext(StoreContext);
  if (!ctx) throw new Error('no StoreContext');
  return ctx.transport.frameUrl;
}
