import type { RunState } from '../../electron/common/run-events.js';
import { useApp } from '../context.js';

/**
 * How the run ended, as its status line (not as a step). A failure or a refusal is an error: announced at once
 * (role=alert), styled as one, with the engine's reason (which says what went wrong and what to do).
 */
export function finishText(status: RunState['status'], reason: string): string {
  switch (status) {
    case 'done':
      return `Finished: ${reason}`;
    case 'stopped':
      return `Finished: stopped (${reason})`;
    case 'failed':
      return `Finished: the run failed: ${reason}`;
    case 'refused':
      return `Finished: the run was refused: ${reason}`;
    default:
      return '';
  }
}

export function RunFinish() {
  const status = useApp((s) => s.run.status);
  const reason = useApp((s) => s.run.finishReason);
  if (reason === undefined || !['done', 'failed', 'stopped', 'refused'].includes(status)) return null;
  const error = status === 'failed' || status === 'refused';
  return (
    <p className={`finish ${status}${error ? ' error' : ''}`} role={error ? 'alert' : 'status'}>
      {finishText(status, reason)}
    </p>
  );
}
