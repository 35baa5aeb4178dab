import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { ScreenOverlay } from './components/ScreenOverlay.js';
import { StoreContext } from './context.js';
import { createAppStore } from './store.js';
import { pickTransport, type PreloadBridge } from './transport.js';

const transport = pickTransport(window as unknown as { magma?: PreloadBridge; location: Location });
const store = createAppStore(transport);
void store.getState().init();

// Electron's overlay windows load index.html#overlay=<displayId>; everything else is the panel.
const overlay = /^#overlay=(.+)$/.exec(location.hash);
if (overlay) document.documentElement.classList.add('overlay');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={{ store, transport }}>{overlay ? <ScreenOverlay displayId={decodeURIComponent(overlay[1]!)} /> : <App />}</StoreContext.Provider>
  </StrictMode>,
);
