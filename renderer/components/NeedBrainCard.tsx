import { useEffect, useRef, useState } from 'react';
import { COMMAND_EXAMPLE, type BrainNeed } from '../../electron/common/brain.js';
import { useApp } from '../context.js';
import { GetMagma } from './GetMagma.js';
import { MagmaHelp } from './MagmaHelp.js';
import { ServerPicker } from './ServerPicker.js';

const TITLES: Record<BrainNeed['need'], string> = {
  model: 'This goal needs a model',
  bundle: "Magma-8B's model files are not there",
  server: "The model server can't take this goal",
};

/**
 * Shown when Run was refused because the active brain can't do the goal: what is needed and the fixes as buttons.
 * The goal stays in the box; after a fix, Run tries it again with the new brain.
 */
export function NeedBrainCard() {
  const need = useApp((s) => s.need);
  const planner = useApp((s) => s.settings?.planner);
  const endpoint = useApp((s) => s.settings?.endpoint);
  const save = useApp((s) => s.saveSettings);
  const setView = useApp((s) => s.setView);
  const dismiss = useApp((s) => s.dismissNeed);
  const [magma, setMagma] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setMagma(false);
    title.current?.focus();
  }, [need]);
  if (!need) return null;
  const has = (f: BrainNeed['fixes'][number]) => need.fixes.includes(f);
  return (
    <section className="need-brain" role="region" aria-labelledby="need-brain-title">
      <h2 id="need-brain-title" ref={title} tabIndex={-1}>{TITLES[need.need]}</h2>
      <p>{need.message}</p>
      <p className="hint">Nothing was run, and your goal is still in the box. Pick one of these, then press Run again:</p>
      {has('use-server') && (
        <>
          <h3>Use a model server on this computer</h3>
          <ServerPicker current={endpoint && planner === 'openai' ? endpoint : undefined} onPick={(baseUrl, model) => void save({ planner: 'openai', endpoint: { baseUrl, model, family: 'auto' } })} />
        </>
      )}
      <div className="row fixes">
        {has('get-magma') && (
          <button type="button" aria-expanded={magma} onClick={() => setMagma(!magma)}>Get Magma-8B</button>
        )}
        {has('open-settings') && <button type="button" onClick={() => setView('settings')}>Open Settings</button>}
        {has('use-commands') && planner !== 'command' && (
          <button type="button" onClick={() => void save({ planner: 'command' })}>Use command mode</button>
        )}
        <button type="button" onClick={dismiss}>Dismiss</button>
      </div>
      {magma && (
        <>
          <MagmaHelp />
          <GetMagma />
        </>
      )}
      {has('use-commands') && (
        <p className="hint">
          Command mode needs no model: write the steps yourself, for example <code>{COMMAND_EXAMPLE}</code> on a calculator.
        </p>
      )}
    </section>
  );
}
