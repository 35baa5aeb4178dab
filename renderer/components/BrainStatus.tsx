import { useApp } from '../context.js';

/** The Run page's status strip: which brain plans, on which display, and what works right now. */
export function BrainStatus() {
  const b = useApp((s) => s.brain);
  const setView = useApp((s) => s.setView);
  if (!b) return null;
  return (
    <div className="brain-status" role="region" aria-label="brain and display">
      <p>
        <span className="brain-name">Brain: {b.brain}</span>
        <span className="display-name">Display: {b.display}</span>
      </p>
      {b.problem ? (
        <p className="error">
          This brain can't run yet: {b.problem}. <button type="button" onClick={() => setView('settings')}>Open Settings</button>
        </p>
      ) : (
        <p className="hint">{b.works}</p>
      )}
    </div>
  );
}
