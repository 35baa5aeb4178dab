import { useEffect, useState, type FormEvent } from 'react';
import { EXECUTION_PROVIDERS, PLANNERS, type Settings as S } from '../../electron/common/ipc-contract.js';
import { useApp } from '../context.js';

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
      <label>
        Execution provider
        <select value={draft.provider} onChange={(e) => set('provider', e.target.value as S['provider'])}>
          {EXECUTION_PROVIDERS.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </label>
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
      <label>
        Max steps per run
        <input type="number" min={1} max={200} value={draft.maxSteps} onChange={(e) => set('maxSteps', Number(e.target.value))} />
      </label>
      <label className="switch">
        <input type="checkbox" role="switch" checked={draft.history} onChange={(e) => set('history', e.target.checked)} />
        Keep history of runs (screenshots and steps stay on this computer)
      </label>
      <div className="row">
        <button type="submit" className="primary">Save settings</button>
        {saved && <span role="status">Saved.</span>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

function HotkeyState({ ok, error }: { ok: boolean; error?: string }) {
  return ok ? <span className="badge done">registered</span> : <span className="badge failed" role="alert">not registered{error ? `: ${error}` : ''}</span>;
}
