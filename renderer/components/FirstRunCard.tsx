import { useState } from 'react';
import { COMMAND_EXAMPLE } from '../../electron/common/brain.js';
import { useApp } from '../context.js';
import { GetMagma } from './GetMagma.js';
import { MagmaHelp } from './MagmaHelp.js';
import { ServerPicker } from './ServerPicker.js';

/**
 * Shown once (until settings.onboarded): the three brains a person can use, what each needs, and a button for
 * each that works now. Looking for local servers happens only while this card is open (ServerPicker).
 */
export function FirstRunCard() {
  const settings = useApp((s) => s.settings);
  const save = useApp((s) => s.saveSettings);
  const [getMagma, setGetMagma] = useState(false);
  if (!settings || settings.onboarded) return null;
  return (
    <section className="first-run" role="region" aria-labelledby="first-run-title">
      <h2 id="first-run-title">Choose how Magma Desk plans its steps</h2>
      <p>
        Magma Desk looks at the screen, numbers what it sees, and proposes one step at a time; nothing happens until you approve it.
        What proposes the steps is its brain. You can change it later in Settings.
      </p>
      <div className="brains">
        <div className="brain">
          <h3>Commands: works now, no model</h3>
          <p>
            You write the steps; Magma Desk finds each label on the screen. Try <code>{COMMAND_EXAMPLE}</code> on a calculator.
            Questions and plain-language goals need one of the other two.
          </p>
          <button type="button" className="primary" onClick={() => void save({ planner: 'command', onboarded: true })}>Use commands</button>
        </div>
        <div className="brain">
          <h3>Magma-8B on this computer</h3>
          <MagmaHelp />
          {getMagma ? <GetMagma /> : <button type="button" className="primary" onClick={() => setGetMagma(true)}>Get Magma-8B</button>}
        </div>
        <div className="brain">
          <h3>A model server on this computer</h3>
          <p>Ollama, LM Studio, vLLM or llama.cpp's server with a vision model. Found here:</p>
          <ServerPicker onPick={(baseUrl, model) => void save({ planner: 'openai', endpoint: { baseUrl, model, family: 'auto' }, onboarded: true })} />
        </div>
      </div>
      <button type="button" onClick={() => void save({ onboarded: true })}>Close</button>
    </section>
  );
}
