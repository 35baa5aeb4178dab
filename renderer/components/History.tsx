import { useEffect, useState, type CSSProperties } from 'react';
import type { AnyPoint } from '../../electron/common/geometry.js';
import type { RunSummary } from '../../electron/common/ipc-contract.js';
import { describeStep, STEP_OUTCOME_TEXT, type RunEvent, type StepState } from '../../electron/common/run-events.js';
import { useApp, useFrameUrl } from '../context.js';
import type { AppState, FrameInfo } from '../store.js';
import { MarkOverlay } from './MarkOverlay.js';

/** Sizes as a person reads them. */
export function formatBytes(b: number): string {
  if (b >= 1024 ** 3) return `${(b / 1024 ** 3).toFixed(1)} GB`;
  if (b >= 1024 ** 2) return `${(b / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(b / 1024)} KB`;
}

/** What history keeps, where, and its limits: the same sentence in History and next to the switch in Settings. */
export function historyKeptText(dir: string | undefined, maxMB: number, maxDays: number): string {
  const where = dir ? `on this computer in ${dir}` : "on this computer, in the app's data folder";
  return (
    `Each run's steps, reasoning and screenshots (with their marks) are kept ${where}, at most ${maxMB} MB and ${maxDays} days: ` +
    'the oldest runs are removed first. Screenshots of steps that typed a password, key or card number are never kept.'
  );
}

/** The screen points each step acted on (or was proposed to act on), from the run's events. */
function targetsByStep(events: readonly RunEvent[]): Map<number, AnyPoint[]> {
  const out = new Map<number, AnyPoint[]>();
  for (const e of events) {
    if (e.type === 'approval_requested') out.set(e.request.step, e.request.screenPoints);
    if (e.type === 'executed' && e.screenPoints.length) out.set(e.step, e.screenPoints);
  }
  return out;
}

interface Shot {
  step: number;
  frameId: string;
  frame: FrameInfo;
  elements: StepState['elements'];
  targets: AnyPoint[];
}

/** One screenshot enlarged over the page, with its marks and target; Esc, the Close button or a click outside closes it. */
function Enlarged({ shot, onClose }: { shot: Shot; onClose: () => void }) {
  const url = useFrameUrl();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="lightbox" role="dialog" aria-modal="true" aria-label={`Screenshot of step ${shot.step + 1}, enlarged`} onClick={onClose}>
      {/* --ratio: the frame's width/height, so the enlarged screen fits the window's height without distortion. */}
      <div className="lightbox-body" style={{ '--ratio': String(shot.frame.width / shot.frame.height) } as CSSProperties} onClick={(e) => e.stopPropagation()}>
        <MarkOverlay frameId={shot.frameId} frame={shot.frame} src={url(shot.frameId)} elements={shot.elements} targets={shot.targets} label={`step ${shot.step + 1} screen with marks, enlarged`} />
        <button autoFocus onClick={onClose}>Close (Esc)</button>
      </div>
    </div>
  );
}

/** A past run, step by step: what was done and why, on the screen it was done on (click the screen to enlarge it). */
function PastRun({ run }: { run: NonNullable<AppState['historyRun']> }) {
  const url = useFrameUrl();
  const [large, setLarge] = useState<Shot | undefined>();
  const targets = targetsByStep(run.events);
  const kept = (id: string | undefined): id is string => id !== undefined && (run.kept ? run.kept.includes(id) : true);
  return (
    <section className="past-run" aria-label="steps of the run">
      <h3>Steps</h3>
      {run.state.steps.length === 0 && <p className="hint">This run has no steps.</p>}
      <ol>
        {run.state.steps.map((s) => {
          const frame = s.frameId ? run.frames[s.frameId] : undefined;
          const shot: Shot | undefined = kept(s.frameId) && frame ? { step: s.step, frameId: s.frameId, frame, elements: s.elements, targets: targets.get(s.step) ?? [] } : undefined;
          return (
            <li key={s.step} className={`step ${s.outcome ?? 'pending'}`}>
              <div className="step-head">
                <strong>{s.step + 1}.</strong> {describeStep(s) ?? 'no step was proposed'}{' '}
                <span className={`badge ${s.outcome ?? 'pending'}`}>{s.outcome ? STEP_OUTCOME_TEXT[s.outcome] : 'not run'}</span>
              </div>
              {s.reasoning && <p className="reasoning"><strong>Reasoning:</strong> {s.reasoning}</p>}
              {shot ? (
                <div className="shot" role="button" tabIndex={0} aria-label={`Enlarge the screenshot of step ${s.step + 1}`} onClick={() => setLarge(shot)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setLarge(shot))}>
                  <MarkOverlay frameId={shot.frameId} frame={shot.frame} src={url(shot.frameId)} elements={shot.elements} targets={shot.targets} label={`step ${s.step + 1} screen with marks`} />
                </div>
              ) : (
                <p className="hint">{s.frameId ? 'Screenshot not kept: a password, key or card number was typed or shown at this step.' : 'No screenshot for this step.'}</p>
              )}
              {kept(s.afterFrameId) && (
                <figure className="after">
                  <img className="thumb" src={url(s.afterFrameId)} alt={`after step ${s.step + 1}`} loading="lazy" />
                  <figcaption className="hint">after the step</figcaption>
                </figure>
              )}
            </li>
          );
        })}
      </ol>
      {run.state.notices.length > 0 && (
        <ul className="notices" aria-label="notices">
          {run.state.notices.map((n, i) => <li key={i} className={n.level}>{n.message}</li>)}
        </ul>
      )}
      {run.state.finishReason && <p className="hint">Finished: {run.state.finishReason}</p>}
      {large && <Enlarged shot={large} onClose={() => setLarge(undefined)} />}
    </section>
  );
}

function RunButton({ r, open, onOpen }: { r: RunSummary; open: boolean; onOpen: () => void }) {
  return (
    <button aria-pressed={open} onClick={onOpen}>
      <span className={`badge ${r.status}`}>{r.status}</span> {r.goal}{' '}
      <small>
        {new Date(r.startedAt).toLocaleString()} · {r.steps} steps
      </small>
    </button>
  );
}

/** Past runs (only when history is on in Settings), each openable step by step; "Delete all" asks first. */
export function History() {
  const history = useApp((s) => s.history);
  const settings = useApp((s) => s.settings);
  const open = useApp((s) => s.historyRun);
  const openRun = useApp((s) => s.openHistoryRun);
  const clear = useApp((s) => s.clearHistory);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  if (!history.enabled && history.runs.length === 0) {
    return (
      <section className="history" aria-label="history">
        <h2>History</h2>
        {deleted && <p role="status">History deleted.</p>}
        <p>History is off: nothing is kept after a run ends. Turn it on in Settings.</p>
      </section>
    );
  }
  return (
    <section className="history" aria-label="history">
      <h2>History</h2>
      {settings && (
        <p className="hint">
          {historyKeptText(history.dir, settings.historyMaxMB, settings.historyMaxDays)}
          {history.bytes !== undefined && ` Kept now: ${formatBytes(history.bytes)}.`}
        </p>
      )}
      {deleted && <p role="status">History deleted.</p>}
      {history.runs.length === 0 ? (
        <p>No runs kept yet. Runs appear here when they finish.</p>
      ) : (
        <ul className="runs">
          {history.runs.map((r) => (
            <li key={r.runId}>
              <RunButton r={r} open={open?.runId === r.runId} onOpen={() => void openRun(open?.runId === r.runId ? undefined : r.runId)} />
            </li>
          ))}
        </ul>
      )}
      {open && <PastRun run={open} />}
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label="Delete all history?">
          <p>Delete all {history.runs.length} kept runs and their screenshots from this computer? This cannot be undone.</p>
          <button className="danger" onClick={() => void clear().then(() => (setConfirming(false), setDeleted(true)))}>Yes, delete all</button>
          <button onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      ) : (
        <button className="danger" onClick={() => (setDeleted(false), setConfirming(true))} disabled={history.runs.length === 0}>
          Delete all…
        </button>
      )}
    </section>
  );
}
