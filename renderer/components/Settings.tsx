import { useContext, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  DEFAULT_ENDPOINT, EXECUTION_PROVIDERS, MODEL_FAMILIES, PLANNERS,
  type EndpointHealth, type EndpointSettings, type InstalledModelInfo, type Settings as S,
} from '../../electron/common/ipc-contract.js';
import { StoreContext, useApp } from '../context.js';
import { GetMagma } from './GetMagma.js';
import { historyKeptText } from './History.js';
import { ServerPicker } from './ServerPicker.js';

/** Settings: planner and model bundle, execution provider, detector file, hotkeys, max steps, history. */
export function Settings() {
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  const error = useApp((s) => s.settingsError);
  const save = useApp((s) => s.saveSettings);
  const [draft, setDraft] = useState<S | undefined>(settings);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(settings), [settings]);
  if (!draft) return <p>Loading settings…</p>;
  const set = <K extends keyof S>(k: K, v: S[K]) => {
    setSaved(false);
    setDraft({ ...draft, [k]: v });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(await save(draft));
  };
  const hk = info?.hotkeys;
  return (
    <form className="settings" onSubmit={submit} aria-label="settings">
      <h2>Settings</h2>
      <label>
        Planner
        <select value={draft.planner} onChange={(e) => set('planner', e.target.value as S['planner'])}>
          {PLANNERS.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        Model bundle folder
        <input value={draft.modelBundle} onChange={(e) => set('modelBundle', e.target.value)} placeholder="(none)" spellCheck={false} />
      </label>
      {/* Keyed on the saved bundle: one chosen by Get Magma-8B (just installed) shows up in the list at once. */}
      <ModelList key={settings?.modelBundle} onUse={(dir) => set('modelBundle', dir)} current={draft.modelBundle} />
      <fieldset className="get-magma-settings">
        <legend>Get Magma-8B</legend>
        <GetMagma />
      </fieldset>
      <EndpointFields endpoint={draft.endpoint ?? DEFAULT_ENDPOINT} onChange={(e) => set('endpoint', e)} />
      <fieldset className="detected">
        <legend>Model servers on this computer</legend>
        {/* Looks only while Settings is open; Use fills in the planner and server fields, Save keeps them. */}
        <ServerPicker
          current={draft.planner === 'openai' ? draft.endpoint : undefined}
          onPick={(baseUrl, model) => {
            setSaved(false);
            setDraft({ ...draft, planner: 'openai', endpoint: { ...draft.endpoint, baseUrl, model, family: 'auto' } });
          }}
        />
        <p className="hint">Use fills in the planner and the server fields above; Save settings keeps them.</p>
      </fieldset>
      <label>
        Execution provider
        <select value={draft.provider} onChange={(e) => set('provider', e.target.value as S['provider'])}>
          {EXECUTION_PROVIDERS.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </label>
      <label className="gpu-memory">
        Graphics card memory (GB)
        <input
          type="number" min={0} max={1024} step={1} value={draft.gpuMemoryGB > 0 ? draft.gpuMemoryGB : ''} placeholder="8"
          onChange={(e) => set('gpuMemoryGB', e.target.value === '' ? 0 : Number(e.target.value))}
        />
      </label>
      <p className="hint">
        For Magma-8B on the graphics card. Under 16 GB it runs each step in smaller pieces to stay within about
        7.8 GB; with 16 GB or more each step runs in one piece, about 50 ms faster, and uses 11 GB or more.
        Left empty, it plans for 8 GB. A change takes effect at the next run, which loads the model again.
      </p>
      <label>
        Detector file (ONNX)
        <input value={draft.detectorFile} onChange={(e) => set('detectorFile', e.target.value)} placeholder="(OCR only)" spellCheck={false} />
      </label>
      <fieldset>
        <legend>Hotkeys</legend>
        <label>
          Open the goal box
          <input value={draft.hotkeys.open} onChange={(e) => set('hotkeys', { ...draft.hotkeys, open: e.target.value })} spellCheck={false} />
          {hk && <HotkeyState ok={hk.open.registered} error={hk.open.error} />}
        </label>
        <label>
          Emergency stop
          <input value={draft.hotkeys.stop} onChange={(e) => set('hotkeys', { ...draft.hotkeys, stop: e.target.value })} spellCheck={false} />
          {hk && <HotkeyState ok={hk.stop.registered} error={hk.stop.error} />}
        </label>
        {!hk && <p className="hint">Global hotkeys work in the desktop app; the browser shell has the Stop button.</p>}
      </fieldset>
      <SourcesFields sources={draft.sources} onChange={(sources) => set('sources', sources)} />
      <label>
        Max steps per run
        <input type="number" min={1} max={200} value={draft.maxSteps} onChange={(e) => set('maxSteps', Number(e.target.value))} />
      </label>
      <HistoryFields draft={draft} saved={settings} onChange={(patch) => (setSaved(false), setDraft({ ...draft, ...patch }))} />
      <div className="row">
        <button type="submit" className="primary">Save settings</button>
        {saved && <span role="status">Saved.</span>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

/** The history switch with its caps; the text says what is kept, where, and for how long. */
function HistoryFields({ draft, saved, onChange }: { draft: S; saved: S | undefined; onChange: (p: Partial<S>) => void }) {
  const dir = useApp((s) => s.history.dir);
  const kept = useApp((s) => s.history.runs.length);
  const loadHistory = useApp((s) => s.loadHistory);
  // The folder and the kept runs, also while history is off (the store loads them only when it is on).
  useEffect(() => void loadHistory(), [loadHistory]);
  const num = (v: string, min: number, max: number, fallback: number) => {
    const n = Math.floor(Number(v));
    return Number.isFinite(n) && n >= min ? Math.min(n, max) : fallback;
  };
  return (
    <fieldset className="history-settings">
      <legend>History</legend>
      <label className="switch">
        <input type="checkbox" role="switch" checked={draft.history} onChange={(e) => onChange({ history: e.target.checked, historyAsked: true })} />
        Keep history of runs
      </label>
      <p className="hint">
        {draft.history ? historyKeptText(dir, draft.historyMaxMB, draft.historyMaxDays) : 'Off: nothing is kept after a run ends.'}
        {saved?.history && !draft.history && kept > 0 ? ` Saving with this off deletes the ${kept} runs kept so far.` : ''}
      </p>
      <div className="row">
        <label>
          At most (MB)
          <input type="number" min={1} max={100000} value={draft.historyMaxMB} disabled={!draft.history} onChange={(e) => onChange({ historyMaxMB: num(e.target.value, 1, 100_000, draft.historyMaxMB) })} />
        </label>
        <label>
          Remove runs older than (days)
          <input type="number" min={1} max={3650} value={draft.historyMaxDays} disabled={!draft.history} onChange={(e) => onChange({ historyMaxDays: num(e.target.value, 1, 3650, draft.historyMaxDays) })} />
        </label>
      </div>
    </fieldset>
  );
}

/**
 * Where the marks come from (issue #15): two check boxes, one sentence each, and what the last tree read said
 * (an application that exposes no tree and how to start it so it does). One source always stays on.
 */
function SourcesFields({ sources, onChange }: { sources: S['sources']; onChange: (s: S['sources']) => void }) {
  const tree = useApp((s) => s.run.tree);
  const said = tree?.failed ?? tree?.note;
  return (
    <fieldset className="sources">
      <legend>Where the marks come from</legend>
      <label className="switch">
        <input type="checkbox" checked={sources.vision} disabled={!sources.accessibility} onChange={(e) => onChange({ ...sources, vision: e.target.checked })} />
        Screen parser
      </label>
      <p className="hint">Reads the screenshot itself: finds text, buttons and fields in any application, also in pictures, remote desktops and games.</p>
      <label className="switch">
        <input type="checkbox" checked={sources.accessibility} disabled={!sources.vision} onChange={(e) => onChange({ ...sources, accessibility: e.target.checked })} />
        Accessibility tree
      </label>
      <p className="hint">Asks the applications for their buttons, fields and links with their exact names and places, where they tell (most GTK, Qt, Chromium and Electron applications do).</p>
      {!sources.vision && <p className="hint">With the screen parser off, an application that tells nothing is still read from the screenshot.</p>}
      {said && (
        <p className="hint" role="status" aria-label="accessibility tree note">
          Last read{tree?.app ? ` (${tree.app})` : ''}: {said}
        </p>
      )}
    </fieldset>
  );
}

function HotkeyState({ ok, error }: { ok: boolean; error?: string }) {
  return ok ? <span className="badge done">registered</span> : <span className="badge failed" role="alert">not registered{error ? `: ${error}` : ''}</span>;
}

/** The model server of the openai and hybrid planners: URL, model, family, limits, the key (kept in the OS secret store), a health check. */
function EndpointFields({ endpoint, onChange }: { endpoint: EndpointSettings; onChange: (e: EndpointSettings) => void }) {
  const ctx = useContext(StoreContext);
  const [health, setHealth] = useState<EndpointHealth | { error: string } | undefined>();
  const [checking, setChecking] = useState(false);
  const [key, setKey] = useState('');
  const [keyNote, setKeyNote] = useState<string | undefined>();
  const put = <K extends keyof EndpointSettings>(k: K, v: EndpointSettings[K]) => onChange({ ...endpoint, [k]: v });
  // A check's result speaks for the server, model and family it was run with: a change clears it, and an answer
  // that arrives after a change is dropped.
  const checkedFor = `${endpoint.baseUrl}\n${endpoint.model}\n${endpoint.family}`;
  const current = useRef(checkedFor);
  current.current = checkedFor;
  useEffect(() => setHealth(undefined), [checkedFor]);
  const check = async () => {
    if (!ctx) return;
    const asked = checkedFor;
    setChecking(true);
    const r = await ctx.transport.invoke('endpoint:health', { endpoint });
    setChecking(false);
    if (current.current === asked) setHealth(r.ok ? r.value : { error: r.error });
  };
  const storeKey = async () => {
    if (!ctx) return;
    const r = await ctx.transport.invoke('endpoint:set-key', { key, baseUrl: endpoint.baseUrl });
    setKey('');
    setKeyNote(r.ok ? `${r.value.stored ? 'Key stored' : 'Key removed'} (${r.value.backend})${r.value.warning ? `: ${r.value.warning}` : ''}` : r.error);
  };
  return (
    <fieldset className="endpoint">
      <legend>Model server (openai and hybrid planners)</legend>
      <label>
        Server base URL
        <input value={endpoint.baseUrl} onChange={(e) => put('baseUrl', e.target.value)} placeholder="http://127.0.0.1:11434/v1" spellCheck={false} />
      </label>
      <label>
        Model id
        <input value={endpoint.model} onChange={(e) => put('model', e.target.value)} placeholder="(the first the server lists)" spellCheck={false} />
      </label>
      <label>
        Model family
        <select value={endpoint.family} onChange={(e) => put('family', e.target.value as EndpointSettings['family'])}>
          {MODEL_FAMILIES.map((f) => (
            <option key={f} value={f}>{f}</option>
          ))}
        </select>
      </label>
      <label>
        Timeout (seconds)
        <input type="number" min={1} max={600} value={Math.round(endpoint.timeoutMs / 1000)} onChange={(e) => put('timeoutMs', Math.max(1, Math.min(600, Number(e.target.value) || 1)) * 1000)} />
      </label>
      <label>
        Largest screenshot sent (pixels, 0 = the family's default)
        <input type="number" min={0} value={endpoint.maxPixels} onChange={(e) => put('maxPixels', Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
      </label>
      <label className="switch">
        <input type="checkbox" role="switch" checked={endpoint.stream} onChange={(e) => put('stream', e.target.checked)} />
        Stream the reply as it is written
      </label>
      <label>
        API key (kept in the OS secret store, never in settings)
        <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="(none for a local server)" />
      </label>
      <div className="row">
        <button type="button" onClick={() => void storeKey()}>{key ? 'Store key' : 'Remove key'}</button>
        <button type="button" onClick={() => void check()} disabled={checking}>{checking ? 'Checking…' : 'Check server'}</button>
      </div>
      {keyNote && <p className="hint" role="status">{keyNote}</p>}
      {health && 'error' in health && <p className="error" role="alert">{health.error}</p>}
      {health && !('error' in health) && (
        <p className={health.ok ? 'hint' : 'error'} role="status" aria-label="server health">
          {health.ok ? 'Server OK' : 'Server problem'}: {health.message} ({health.latencyMs} ms). Family: {health.family}. Key: {health.keyStored ? `stored (${health.keyBackend})` : 'none'}.
          {health.keyWarning ? ` ${health.keyWarning}` : ''}
        </p>
      )}
    </fieldset>
  );
}

/** The model store, as `magma-desk models list` shows it; a Magma bundle can be picked as the model bundle. */
function ModelList({ onUse, current }: { onUse: (dir: string) => void; current: string }) {
  const ctx = useContext(StoreContext);
  const [list, setList] = useState<{ dir: string; models: InstalledModelInfo[] } | { error: string } | undefined>();
  useEffect(() => {
    let live = true;
    void ctx?.transport.invoke('models:list', {}).then((r) => live && setList(r.ok ? r.value : { error: r.error }));
    return () => {
      live = false;
    };
  }, [ctx]);
  const size = (b: number) => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(1)} MB`);
  return (
    <fieldset className="models">
      <legend>Installed models</legend>
      {!list && <p className="hint">Loading models…</p>}
      {list && 'error' in list && <p className="hint">The model list is not available: {list.error}</p>}
      {list && !('error' in list) && (
        <>
          {list.models.length === 0 ? (
            <p className="hint">No models in {list.dir}. Add one with <code>magma-desk models add &lt;bundle-folder&gt;</code>.</p>
          ) : (
            <table aria-label="installed models">
              <thead>
                <tr><th>Name</th><th>Kind</th><th>Precision</th><th>Size</th><th>Licence</th><th /></tr>
              </thead>
              <tbody>
                {list.models.map((m) => (
                  <tr key={m.name}>
                    <td>{m.name}</td>
                    <td>{m.kind}</td>
                    <td>{m.precision ?? '-'}</td>
                    <td>{size(m.bytes)}</td>
                    <td>{m.licence}</td>
                    <td>
                      {m.problem ? <span className="badge failed">{m.problem}</span> : m.kind === 'magma' && (
                        current === m.dir ? <span className="badge done">in use</span> : <button type="button" onClick={() => onUse(m.dir)}>Use</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </fieldset>
  );
}
