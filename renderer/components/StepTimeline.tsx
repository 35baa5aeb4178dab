import { useState } from 'react';
import { describeEditOriginal, describeStep, STEP_OUTCOME_TEXT, type StepState } from '../../electron/common/run-events.js';
import { useFrameUrl } from '../context.js';

function Thumb({ frameId, label }: { frameId?: string; label: string }) {
  const url = useFrameUrl();
  const [gone, setGone] = useState(false);
  if (!frameId) return <span className="thumb empty">{label}: none</span>;
  if (gone) return <span className="thumb empty">{label}: not kept</span>;
  return <img className="thumb" src={url(frameId)} alt={`${label} ${frameId}`} loading="lazy" onError={() => setGone(true)} />;
}

/** What became of the person's edit: the replacement ran in place of the original, or the planner refused it. */
function EditNote({ step }: { step: StepState }) {
  const edit = step.edit;
  if (!edit) return null;
  const original = describeEditOriginal(edit);
  if (edit.status === 'not_taken') {
    return (
      <div className="edit-note not-taken" role="note">
        Your edit “{edit.text}” could not be used, so “{original}” was skipped.{edit.note ? ` (${edit.note})` : ''}
      </div>
    );
  }
  return (
    <div className="edit-note" role="note">
      edited: {original} → {edit.status === 'replaced' ? describeStep(step) : `“${edit.text}” (being planned)`}
    </div>
  );
}

/** Every step: what was proposed (with its marks' labels), what happened, and the screen before and after. */
export function StepTimeline({ steps }: { steps: readonly StepState[] }) {
  if (steps.length === 0) return null;
  return (
    <section className="timeline" aria-label="steps">
      <h2>Steps</h2>
      <ol>
        {steps.map((s) => {
          const state = s.outcome ?? 'pending';
          const text = describeStep(s) ?? (s.outcome ? 'no step was proposed' : 'planning…');
          return (
            <li key={s.step} className={`step ${state}${s.edit ? ' edited' : ''}`}>
              <div className="step-head">
                <strong>{s.step + 1}.</strong> {text}{' '}
                <span className={`badge ${state}`}>{s.outcome ? STEP_OUTCOME_TEXT[s.outcome] : 'pending'}</span>
                {s.outcome === 'executed' && s.changed === false && <span className="badge warn">screen unchanged</span>}
              </div>
              <EditNote step={s} />
              <div className="thumbs">
                <Thumb frameId={s.frameId} label="before" />
                <Thumb frameId={s.afterFrameId} label="after" />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
