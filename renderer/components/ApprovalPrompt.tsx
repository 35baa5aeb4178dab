import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Decision } from '../../electron/common/approval.js';
import { useApp } from '../context.js';

/** What a key does at the prompt: a verdict, 'leave' (Escape in a text field: get out of it), or nothing. */
export type PromptKey = Decision['verdict'] | 'leave';

export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  /** An input's type: a checkbox (the approve-the-rest switch) is not a text field. */
  type?: string;
}

/** Input types that take no typed text: keys there are the prompt's, as on a button. */
const NO_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Focus is where typed characters go: a text input, a text area, a select list or an editable element. */
export function isTextField(t: KeyTarget | null): boolean {
  const tag = (t?.tagName ?? '').toUpperCase();
  if (tag === 'INPUT') return !NO_TEXT_INPUTS.has((t?.type ?? 'text').toLowerCase());
  return tag === 'TEXTAREA' || tag === 'SELECT' || !!t?.isContentEditable;
}

/**
 * Keys of the prompt: Enter approves, E edits, S skips, Escape stops, wherever focus is except in a text field
 * (there the keys type, and Escape leaves the field). Enter on a focused button or link is left to the browser:
 * it clicks that control (Approve by default; Skip or Stop if the person moved focus there), once.
 */
export function keyCommand(key: string, target: KeyTarget | null, mods = false): PromptKey | null {
  if (mods) return null;
  if (isTextField(target)) return key === 'Escape' ? 'leave' : null;
  const tag = (target?.tagName ?? '').toUpperCase();
  const clicksItself = tag === 'BUTTON' || tag === 'A' || (tag === 'INPUT' && ['button', 'submit', 'reset', 'image'].includes((target?.type ?? '').toLowerCase()));
  if (key === 'Escape') return 'stop';
  if (key === 'Enter') return clicksItself ? null : 'approve';
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
  const editRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setEditing(false);
    setEdit('');
    approveRef.current?.focus();
  }, [pending?.id]);

  useEffect(() => {
    if (!pending) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as (HTMLElement & { type?: string }) | null;
      const cmd = keyCommand(e.key, target, e.ctrlKey || e.altKey || e.metaKey);
      if (!cmd) return;
      e.preventDefault();
      if (cmd === 'leave') {
        // Escape in the edit box closes it and gives the prompt its keys back; in any other field, leaves it.
        if (editing && target === editRef.current) {
          setEditing(false);
          approveRef.current?.focus();
        } else target?.blur();
        return;
      }
      if (cmd === 'edit') {
        if (editing) editRef.current?.focus();
        else setEditing(true);
      } else void decide(cmd);
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
      {!high && pending.risk.reasons.length > 0 && (
        // A normal step can still carry a note: e.g. why it asks although "approve the rest" was chosen.
        <div className="risk-note" role="note">
          <strong>Why this step asks</strong>:
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
            <input id="edit-step" ref={editRef} autoFocus value={edit} onChange={(e) => setEdit(e.target.value)} maxLength={2000} />
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
