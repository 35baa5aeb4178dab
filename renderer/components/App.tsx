import { useEffect } from 'react';
import { useApp, useFrameUrl } from '../context.js';
import { ApprovalPrompt } from './ApprovalPrompt.js';
import { FirstRunCard } from './FirstRunCard.js';
import { GoalBox } from './GoalBox.js';
import { History } from './History.js';
import { HistoryChoice } from './HistoryChoice.js';
import { MarkOverlay } from './MarkOverlay.js';
import { ReasoningStream } from './ReasoningStream.js';
import { RunFinish } from './RunFinish.js';
import { Settings } from './Settings.js';
import { StepTimeline } from './StepTimeline.js';

const VIEWS = [
  ['run', 'Run', '1'],
  ['settings', 'Settings', '2'],
  ['history', 'History', '3'],
] as const;

function CurrentFrame() {
  const run = useApp((s) => s.run);
  const frames = useApp((s) => s.frames);
  const url = useFrameUrl();
  const last = [...run.steps].reverse().find((s) => s.frameId && frames[s.frameId]);
  // A run that ended on a done/fail proposal shows the screen it ended on (that look is no step of its own).
  const final = run.finalView && frames[run.finalView.frameId] ? run.finalView : undefined;
  const step = final ?? last;
  if (!step?.frameId) return null;
  const targets = run.pending && run.pending.frameId === step.frameId ? run.pending.screenPoints : [];
  const label = final ? 'the screen the run ended on, with marks' : `step ${last!.step + 1} screen with marks`;
  return <MarkOverlay frameId={step.frameId} frame={frames[step.frameId]!} src={url(step.frameId)} elements={step.elements} targets={targets} label={label} />;
}

/** The panel: goal box, approval, the screen with marks, reasoning, steps; settings and history as views. */
export function App() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const connected = useApp((s) => s.connected);
  const info = useApp((s) => s.info);
  const error = useApp((s) => s.error);
  const dismiss = useApp((s) => s.dismissError);
  const notices = useApp((s) => s.run.notices);
  const steps = useApp((s) => s.run.steps);
  const openPerm = useApp((s) => s.openPermissionSettings);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const v = VIEWS.find(([, , k]) => k === e.key);
      if (v) {
        e.preventDefault();
        setView(v[0]);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [setView]);

  return (
    <div className="app">
      <header>
        <h1>Magma Desk</h1>
        <nav aria-label="views">
          {VIEWS.map(([v, label, key]) => (
            <button key={v} aria-pressed={view === v} aria-keyshortcuts={`Alt+${key}`} onClick={() => setView(v)}>
              {label}
            </button>
          ))}
        </nav>
        <span className={`conn ${connected ? 'on' : 'off'}`} role="status">
          {connected ? 'connected' : 'disconnected'}
        </span>
      </header>
      {info?.warnings.map((w) => (
        <div key={w.id} className="banner warn" role="alert">
          {w.message}
          {w.action && <button onClick={() => void openPerm(w.action!)}>Open settings</button>}
        </div>
      ))}
      {info?.engineError && <div className="banner error" role="alert">The engine could not start: {info.engineError}</div>}
      {error && (
        <div className="banner error" role="alert">
          {error} <button onClick={dismiss}>Dismiss</button>
        </div>
      )}
      <main>
        {view === 'run' && (
          <>
            <HistoryChoice />
            <FirstRunCard />
            <GoalBox />
            <ApprovalPrompt />
            <RunFinish />
            <div className="columns">
              <CurrentFrame />
              <div className="side">
                <ReasoningStream />
                {notices.length > 0 && (
                  <ul className="notices" aria-label="notices">
                    {notices.map((n, i) => (
                      <li key={i} className={n.level} {...(n.level === 'error' ? { role: 'alert' } : {})}>{n.message}</li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
            <StepTimeline steps={steps} />
          </>
        )}
        {view === 'settings' && <Settings />}
        {view === 'history' && <History />}
      </main>
    </div>
  );
}
