import { useContext, useEffect, useState } from 'react';
import { StoreContext, useApp } from '../context.js';

/**
 * The first-run question on the Run page: keep a history of runs or not. Asked once (settings.historyAsked);
 * either answer is saved with it. The folder comes from history:list, so the card names the real place.
 */
export function HistoryChoice() {
  const ctx = useContext(StoreContext);
  const settings = useApp((s) => s.settings);
  const save = useApp((s) => s.saveSettings);
  const error = useApp((s) => s.settingsError);
  const [dir, setDir] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const ask = settings !== undefined && !settings.historyAsked;
  useEffect(() => {
    if (!ask || !ctx) return;
    let live = true;
    void ctx.transport.invoke('history:list', {}).then((r) => live && r.ok && setDir(r.value.dir));
    return () => {
      live = false;
    };
  }, [ask, ctx]);
  if (!ask) return null;
  const answer = async (keep: boolean) => {
    setBusy(true);
    await save({ history: keep, historyAsked: true });
    setBusy(false);
  };
  return (
    <section className="card history-choice" aria-label="keep a history of runs?">
      <h2>Keep a history of your runs?</h2>
      <p>
        History keeps each run's steps and screenshots so you can look back at what was done. Screens can hold private
        data such as messages or account numbers. History stays on this computer{dir ? ` in ${dir}` : ''}; you can
        delete it any time in History, and change this in Settings.
      </p>
      <div className="row">
        <button className="primary" disabled={busy} onClick={() => void answer(true)}>Keep history</button>
        <button disabled={busy} onClick={() => void answer(false)}>Don't keep</button>
      </div>
      {error && <p className="error" role="alert">Your choice could not be saved: {error}. Try again, or set it in Settings.</p>}
    </section>
  );
}
