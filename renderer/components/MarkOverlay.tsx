import type { Element } from '../../electron/common/elements.js';
import { toImage, type AnyPoint, type FrameGeometry } from '../../electron/common/geometry.js';
import { layoutMarkBoxes } from '../marks-layout.js';
import type { FrameInfo } from '../store.js';

/**
 * The frame the model saw with its marks on top, in the frame's own image px (an SVG viewBox of the frame's size),
 * so boxes land where the model saw them at any zoom. `targets` are the proposed input points (any space).
 */
export function MarkOverlay(props: { frameId: string; frame: FrameInfo; src: string; elements: readonly Element[]; targets?: readonly AnyPoint[]; label?: string }) {
  const { frame } = props;
  const geometry: FrameGeometry = { display: frame.display, imageWidth: frame.width, imageHeight: frame.height };
  const marks = layoutMarkBoxes(props.elements, frame.width, frame.height);
  const targets = (props.targets ?? []).map((p) => toImage(p, geometry));
  const r = Math.max(6, Math.round(Math.min(frame.width, frame.height) / 80));
  return (
    <figure className="mark-overlay" aria-label={props.label ?? 'screen with marks'}>
      <div className="mark-stage" style={{ aspectRatio: `${frame.width} / ${frame.height}` }}>
        <img src={props.src} alt={`screenshot ${props.frameId}`} width={frame.width} height={frame.height} />
        <svg viewBox={`0 0 ${frame.width} ${frame.height}`} preserveAspectRatio="none" role="img" aria-label={`${marks.length} marks`}>
          {marks.map((m) => (
            <g key={m.id} className={m.interactive ? 'mark interactive' : 'mark'} data-mark={m.id}>
              <rect x={m.box[0]} y={m.box[1]} width={m.box[2] - m.box[0]} height={m.box[3] - m.box[1]} />
              <rect className="mark-label" x={m.label.x} y={m.label.y} width={m.label.width} height={m.label.height} />
              <text x={m.label.x + m.label.width / 2} y={m.label.y + m.label.height * 0.78} fontSize={m.fontSize} textAnchor="middle">
                {m.id}
              </text>
            </g>
          ))}
          {targets.map((p, i) => (
            <g key={`t${i}`} className="target" data-target={i}>
              <circle cx={p.x} cy={p.y} r={r} />
              <line x1={p.x - r * 2} y1={p.y} x2={p.x + r * 2} y2={p.y} />
              <line x1={p.x} y1={p.y - r * 2} x2={p.x} y2={p.y + r * 2} />
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}
