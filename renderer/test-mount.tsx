/** The whole App mounted in happy-dom on a fake transport, as the renderer tests drive it (one copy for all). */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { StoreContext } from './context.js';
import { createAppStore, type AppStore } from './store.js';
import type { FakeTransport } from './test-support.js';

/** Clears the document, then mounts App on `t` after the store's init(); `beforeRender` may set state (a view). */
export async function mountApp(t: FakeTransport, beforeRender?: (store: AppStore) => void) {
  document.body.innerHTML = '';
  const store = createAppStore(t);
  const root = document.createElement('div');
  document.body.appendChild(root);
  const r = createRoot(root);
  await act(async () => {
    await store.getState().init();
    beforeRender?.(store);
    r.render(
      <StoreContext.Provider value={{ store, transport: t }}>
        <App />
      </StoreContext.Provider>,
    );
  });
  return { store, root, unmount: () => act(async () => r.unmount()) };
}
