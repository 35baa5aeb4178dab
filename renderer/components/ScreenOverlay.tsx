import { imageBoxToScreen, type FrameGeometry } from '../../electron/common/geometry.js';
import { useApp } from '../context.js';
import { layoutMarkBoxes } from '../marks-layout.js';

/**
 * The click-through overlay window of one display (Electron): the people's marks (the person's numbers, labels off
 * the controls' text: marks-layout.ts) on the elements the model saw, and the proposed target, in that display's
 * logical px. Image px -> screen px goes through the one conversion in common/geometry, so a frame
 * captured at scale factor 2 (or resized) lands on the same pixels as the engine's click.
 */
export function ScreenOverlay({ displayId }: { displayId: string }) {
  const run = useApp((s) => s.run);
  const frames = useApp((s) => s.frames);
  const step = run.steps[run.steps.length - 1];
  const frame = step?.frameId ? frames[step.frameId] : undefined;
  if (!step || !frame || frame.display.id !== displayId || run.status === 'idle' || ['done', 'failed', 'stopped', 'refused'].includes(run.status)) {
    return <div className="screen-overlay" aria-hidden="true" />;
  }
  const g: FrameGeometry = { display: frame.display, imageWidth: frame.width, imageHeight: frame.height };
  const o = frame.display.bounds;
  // Display px per image px (1 at scale factor 1): label digits are sized in what the person sees.
  const marks = layoutMarkBoxes(step.elements, frame.width, frame.height, o.width / frame.width);
  const toLocal = (b: readonly [number, number, number, number]) => {
    const s = imageBoxToScreen(b, g);
    return [s[0] - o.x, s[1] - o.y, s[2] - o.x, s[3] - o.y] as const;
  };
  const targets = (run.pending && run.pending.frameId === step.frameId ? run.pending.screenPoints : []).filter((p) => p.space === 'screen');
  return (
    <svg className="screen-overlay" viewBox={`0 0 ${o.width} ${o.height}`} width={o.width} height={o.height} aria-hidden="true">
      {marks.map((m) => {
        const b = toLocal(m.box);
        const l = toLocal([m.label.x, m.label.y, m.label.x + m.label.width, m.label.y + m.label.height]);
        return (
          <g key={m.id} className="mark" data-mark={m.id}>
            <rect x={b[0]} y={b[1]} width={b[2] - b[0]} height={b[3] - b[1]} />
            <rect className="mark-label" x={l[0]} y={l[1]} width={l[2] - l[0]} height={l[3] - l[1]} />
            <text x={(l[0] + l[2]) / 2} y={toLocal([0, m.baseline, 0, m.baseline])[1]} fontSize={(m.fontSize * (l[3] - l[1])) / m.label.height} textAnchor="middle">
              {m.id}
            </text>
          </g>
        );
      })}
      {targets.map((p, i) => (
        <circle key={i} className="target" cx={p.x - o.x} cy={p.y - o.y} r={10} />
      ))}
    </svg>
  );
}
