import { useEffect, useRef, useState, type FormEvent } from 'react';
import { COMMAND_EXAMPLE } from '../../electron/common/brain.js';
import { useApp } from '../context.js';
import { BrainStatus } from './BrainStatus.js';
import { NeedBrainCard } from './NeedBrainCard.js';

const ACTIVE = ['running', 'awaiting_approval'];

/**
 * The goal box: a command or task goal runs the agent; a goal starting with "Q:" asks a question about the screen.
 * Above it, the active brain and display; below it, when Run was refused, what the brain lacks. The typed goal is
 * cleared only when a run really started.
 */
export function GoalBox() {
  const status = useApp((s) => s.run.status);
  const answer = useApp((s) => s.run.answer);
  const goal = useApp((s) => s.run.goal);
  const start = useApp((s) => s.start);
  // Command mode can't take a question or a plain-language goal: its placeholder shows what it can take.
  const commandMode = useApp((s) => (s.settings?.planner ?? 'command') === 'command');
  const stop = useApp((s) => s.stop);
  const [text, setText] = useState('');
  const active = ACTIVE.includes(status);
  const input = useRef<HTMLInputElement>(null);
  // The open hotkey shows the window: the goal box takes the keyboard at once when nothing runs.
  useEffect(() => {
    const onFocus = () => {
      if (!active) input.current?.focus();
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [active]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || active) return;
    if (await start(text)) setText('');
  };
  return (
    <section className="goal-box" aria-label="goal">
      <BrainStatus />
      <form onSubmit={submit}>
        <label htmlFor="goal">Goal</label>
        <div className="row">
          <input
            id="goal"
            ref={input}
            name="goal"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder={commandMode ? `e.g. "${COMMAND_EXAMPLE}"` : 'e.g. "open the Downloads folder" or "Q: what is on screen?"'}
            value={text}
            disabled={active}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="goal-hint"
          />
          {active ? (
            <button type="button" className="danger" onClick={() => void stop()}>
              Stop
            </button>
          ) : (
            <button type="submit" disabled={!text.trim()}>
              {text.trim().startsWith('Q:') ? 'Ask' : 'Run'}
            </button>
          )}
        </div>
        <p id="goal-hint" className="hint">
          Enter runs the goal. Start with <kbd>Q:</kbd> to ask a question about the screen instead (questions need a model).
        </p>
      </form>
      <NeedBrainCard />
      {goal && (
        <p className="status" role="status" aria-live="polite">
          <span className={`badge ${status}`}>{status.replace('_', ' ')}</span> {goal}
        </p>
      )}
      {answer !== undefined && (
        <div className="answer" role="region" aria-label="answer">
          <h2>Answer</h2>
          <p>{answer}</p>
        </div>
      )}
    </section>
  );
}
