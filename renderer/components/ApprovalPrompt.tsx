import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Decision } from '../../electron/common/approval.js';
import { useApp } from '../context.js';

/** Keys of the prompt when focus is not in a text field: Enter approves, E edits, S skips, Escape stops. */
export function keyCommand(key: string, target: { tagName?: string; isContentEditable?: boolean } | null, mods = false): Decision['verdict'] | null {
  if (mods) return null;
  const tag = (target?.tagName ?? '').toUpperCase();
  const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || !!target?.isContentEditable;
  if (key === 'Escape') return 'stop';
  if (typing || tag === 'BUTTON' || tag === 'A') return null;
  if (key === 'Enter') return 'approve';
  if (key === 'e' || key === 'E') return 'edit';
  if (key === 's' || key === 'S') return 'skip';
  return null;
}

/** The approval prompt: every input step waits here. High-risk steps always ask, even with "approve the rest". */
export function ApprovalPrompt() {
  const pending = useApp((s) => s.run.pending);
  const deciding = useApp((s) => s.deciding);
  const approveRest = useApp((s) => s.approveRest);
  const setApproveRest = useApp((s) => s.setApproveRest);
  const decide = useApp((s) => s.decide);
  const [editing, setEditing] = useState(false);
  const [edit, setEdit] = useState('');
  const approveRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setEditing(false);
    setEdit('');
    approveRef.current?.focus();
  }, [pending?.id]);

  useEffect(() => {
    if (!pending) return;
    const onKey = (e: KeyboardEvent) => {
      const cmd = keyCommand(e.key, e.target as HTMLElement | null, e.ctrlKey || e.altKey || e.metaKey);
      if (!cmd) return;
      if (cmd === 'stop' && editing) {
        e.preventDefault();
        setEditing(false);
        return;
      }
      e.preventDefault();
      if (cmd === 'edit') setEditing(true);
      else void decide(cmd);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [pending, editing, decide]);

  if (!pending) return null;
  const high = pending.risk.tier === 'high';
  const submitEdit = (e: FormEvent) => {
    e.preventDefault();
    if (edit.trim()) void decide('edit', edit.trim());
  };
  return (
    <section className={`approval ${high ? 'high-risk' : ''}`} role="alertdialog" aria-labelledby="approval-title" aria-describedby="approval-what">
      <h2 id="approval-title">Approve step {pending.step + 1}?</h2>
      <p id="approval-what" className="what">
        {pending.description}
      </p>
      {high && (
        <div className="risk" role="alert">
          <strong>High risk</strong>: this step needs its own approval.
          <ul>
            {pending.risk.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="row buttons">
        <button ref={approveRef} className="primary" disabled={deciding} onClick={() => void decide('approve')} aria-keyshortcuts="Enter">
          Approve <kbd>Enter</kbd>
        </button>
        <button disabled={deciding} onClick={() => setEditing(true)} aria-keyshortcuts="E">
          Edit <kbd>E</kbd>
        </button>
        <button disabled={deciding} onClick={() => void decide('skip')} aria-keyshortcuts="S">
          Skip <kbd>S</kbd>
        </button>
        <button className="danger" disabled={deciding} onClick={() => void decide('stop')} aria-keyshortcuts="Escape">
          Stop <kbd>Esc</kbd>
        </button>
      </div>
      {editing && (
        <form className="edit" onSubmit={submitEdit}>
          <label htmlFor="edit-step">Replace this step with (command grammar, e.g. "click 5")</label>
          <div className="row">
            <input id="edit-step" autoFocus value={edit} onChange={(e) => setEdit(e.target.value)} maxLength={2000} />
            <button type="submit" disabled={deciding || !edit.trim()}>
              Send edit
            </button>
          </div>
        </form>
      )}
      <label className="switch">
        <input type="checkbox" role="switch" checked={approveRest} onChange={(e) => setApproveRest(e.target.checked)} aria-checked={approveRest} />
        Approve the rest of this run (high-risk steps still ask)
      </label>
    </section>
  );
}
