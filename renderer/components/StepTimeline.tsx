import { useState } from 'react';
import type { StepState } from '../../electron/common/run-events.js';
import { useFrameUrl } from '../context.js';

function Thumb({ frameId, label }: { frameId?: string; label: string }) {
  const url = useFrameUrl();
  const [gone, setGone] = useState(false);
  if (!frameId) return <span className="thumb empty">{label}: none</span>;
  if (gone) return <span className="thumb empty">{label}: not kept</span>;
  return <img className="thumb" src={url(frameId)} alt={`${label} ${frameId}`} loading="lazy" onError={() => setGone(true)} />;
}

/** Every step: what was proposed, what happened, and the screen before and after. */
export function StepTimeline({ steps }: { steps: readonly StepState[] }) {
  if (steps.length === 0) return null;
  return (
    <section className="timeline" aria-label="steps">
      <h2>Steps</h2>
      <ol>
        {steps.map((s) => (
          <li key={s.step} className={`step ${s.outcome ?? 'pending'}`}>
            <div className="step-head">
              <strong>{s.step + 1}.</strong> {s.description ?? 'planning…'}{' '}
              <span className={`badge ${s.outcome ?? 'pending'}`}>{s.outcome ?? 'pending'}</span>
              {s.outcome === 'executed' && s.changed === false && <span className="badge warn">screen unchanged</span>}
            </div>
            <div className="thumbs">
              <Thumb frameId={s.frameId} label="before" />
              <Thumb frameId={s.afterFrameId} label="after" />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
