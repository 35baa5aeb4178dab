import { useApp } from '../context.js';
import { StepTimeline } from './StepTimeline.js';

/** Past runs (only when history is on in Settings). */
export function History() {
  const history = useApp((s) => s.history);
  const open = useApp((s) => s.historyRun);
  const openRun = useApp((s) => s.openHistoryRun);
  const clear = useApp((s) => s.clearHistory);
  if (!history.enabled && history.runs.length === 0) {
    return (
      <section className="history" aria-label="history">
        <h2>History</h2>
        <p>History is off: nothing is kept after a run ends. Turn it on in Settings.</p>
      </section>
    );
  }
  return (
    <section className="history" aria-label="history">
      <h2>History</h2>
      {history.runs.length === 0 ? (
        <p>No runs yet.</p>
      ) : (
        <ul className="runs">
          {history.runs.map((r) => (
            <li key={r.runId}>
              <button aria-pressed={open?.runId === r.runId} onClick={() => void openRun(open?.runId === r.runId ? undefined : r.runId)}>
                <span className={`badge ${r.status}`}>{r.status}</span> {r.goal}{' '}
                <small>
                  {new Date(r.startedAt).toLocaleString()} · {r.steps} steps
                </small>
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && <StepTimeline steps={open.state.steps} />}
      <button className="danger" onClick={() => void clear()} disabled={history.runs.length === 0}>
        Clear history
      </button>
    </section>
  );
}
