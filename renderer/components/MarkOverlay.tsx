import { useEffect, useMemo, useState } from 'react';
import type { Element } from '../../electron/common/elements.js';
import { toImage, type AnyPoint, type FrameGeometry } from '../../electron/common/geometry.js';
import { layoutMarkBoxes } from '../marks-layout.js';
import type { FrameInfo } from '../store.js';

/** Marks and proposed targets as SVG children, in image px of the frame. */
function MarkLayer(props: { marks: ReturnType<typeof layoutMarkBoxes>; targets: readonly { x: number; y: number }[]; r: number; labels?: boolean }) {
  const { r } = props;
  return (
    <>
      {props.marks.map((m) => (
        <g key={m.id} className={m.interactive ? 'mark interactive' : 'mark'} data-mark={m.id}>
          <rect x={m.box[0]} y={m.box[1]} width={m.box[2] - m.box[0]} height={m.box[3] - m.box[1]} />
          {props.labels !== false && (
            <>
              <rect className="mark-label" x={m.label.x} y={m.label.y} width={m.label.width} height={m.label.height} />
              <text x={m.label.x + m.label.width / 2} y={m.baseline} fontSize={m.fontSize} textAnchor="middle">
                {m.id}
              </text>
            </>
          )}
        </g>
      ))}
      {props.targets.map((p, i) => (
        <g key={`t${i}`} className="target" data-target={i}>
          <circle cx={p.x} cy={p.y} r={r} />
          {/* Ticks outside the ring, so the control's own label under the point stays readable. */}
          <line x1={p.x - r * 2.5} y1={p.y} x2={p.x - r} y2={p.y} />
          <line x1={p.x + r} y1={p.y} x2={p.x + r * 2.5} y2={p.y} />
          <line x1={p.x} y1={p.y - r * 2.5} x2={p.x} y2={p.y - r} />
          <line x1={p.x} y1={p.y + r} x2={p.x} y2={p.y + r * 2.5} />
        </g>
      ))}
    </>
  );
}

function inside(p: { x: number; y: number }, b: readonly [number, number, number, number]): boolean {
  return p.x >= b[0] && p.x <= b[2] && p.y >= b[1] && p.y <= b[3];
}

/**
 * The part of the frame around the first proposed target, enlarged (image px -> viewBox), so a person approving
 * a click sees exactly which control it lands on even when the whole screen is shown small.
 */
export function zoomBox(p: { x: number; y: number }, width: number, height: number): [number, number, number, number] {
  const w = Math.min(width, Math.max(240, Math.round(width / 5)));
  const h = Math.min(height, Math.round(w * 0.625));
  const x = Math.max(0, Math.min(width - w, Math.round(p.x - w / 2)));
  const y = Math.max(0, Math.min(height - h, Math.round(p.y - h / 2)));
  return [x, y, w, h];
}

/**
 * The part of the frame the overview shows (x, y, w, h, image px): where the marks and targets are, with a margin,
 * widened to the frame's aspect ratio and at least a third of its width. An app window on an empty desktop is shown
 * larger, so its marks' labels fit beside its text; a desktop full of marks is shown whole. Empty parts of the
 * screen are all that is left out: nothing there can be acted on by mark.
 */
export function contentBox(boxes: readonly (readonly number[])[], width: number, height: number): [number, number, number, number] {
  if (!boxes.length) return [0, 0, width, height];
  const m = Math.round(0.03 * Math.max(width, height));
  const x0 = Math.max(0, Math.min(...boxes.map((b) => b[0]!)) - m);
  const y0 = Math.max(0, Math.min(...boxes.map((b) => b[1]!)) - m);
  const x1 = Math.min(width, Math.max(...boxes.map((b) => b[2]!)) + m);
  const y1 = Math.min(height, Math.max(...boxes.map((b) => b[3]!)) + m);
  const ratio = width / height;
  let w = Math.max(x1 - x0, width / 3);
  let h = y1 - y0;
  if (w / h < ratio) w = h * ratio;
  else h = w / ratio;
  w = Math.min(width, Math.round(w));
  h = Math.min(height, Math.round(h));
  const x = Math.max(0, Math.min(width - w, Math.round((x0 + x1 - w) / 2)));
  const y = Math.max(0, Math.min(height - h, Math.round((y0 + y1 - h) / 2)));
  return [x, y, w, h];
}

/**
 * Width (CSS px) the element is shown at, followed as it resizes; undefined until measured. A callback ref, so
 * an element that appears later (the enlarged view, once there is a target) is measured too.
 */
function useShownWidth<T extends HTMLElement | SVGSVGElement>() {
  const [el, setEl] = useState<T | null>(null);
  const [width, setWidth] = useState<number>();
  useEffect(() => {
    if (!el) return;
    const read = () => setWidth(el.getBoundingClientRect().width || undefined);
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, width] as const;
}

/**
 * The frame the model saw with the people's marks on top (the person's numbers, labels off the controls' text:
 * marks-layout.ts), in the frame's own image px (an SVG viewBox of the part of the frame with marks, contentBox),
 * so boxes land on the screenshot at any zoom; the labels are sized for the width the frame is shown at. `targets` are the proposed
 * input points (any space).
 */
export function MarkOverlay(props: { frameId: string; frame: FrameInfo; src: string; elements: readonly Element[]; targets?: readonly AnyPoint[]; label?: string }) {
  const { frame } = props;
  const geometry: FrameGeometry = { display: frame.display, imageWidth: frame.width, imageHeight: frame.height };
  const [stageRef, shownWidth] = useShownWidth<HTMLDivElement>();
  const [zoomRef, zoomWidth] = useShownWidth<SVGSVGElement>();
  const targets = (props.targets ?? []).map((p) => toImage(p, geometry));
  const view = contentBox([...props.elements.map((e) => e.bbox), ...targets.map((p) => [p.x, p.y, p.x, p.y])], frame.width, frame.height);
  // Display px per image px: digits are sized for what the person sees (1:1 until the stage is measured).
  const scale = shownWidth ? shownWidth / view[2] : 1;
  // Memoized: the layout is quadratic in the marks, and the panel re-renders on every streamed reasoning token.
  const marks = useMemo(() => layoutMarkBoxes(props.elements, frame.width, frame.height, scale), [props.elements, frame.width, frame.height, scale]);
  const r = Math.max(6, Math.round(Math.min(frame.width, frame.height) / 80));
  const zoom = targets[0] ? zoomBox(targets[0], frame.width, frame.height) : undefined;
  // The enlarged view has its own scale, so its own layout (every element still counts: no label on a neighbour).
  const zoomScale = zoom && zoomWidth ? zoomWidth / zoom[2] : 1;
  const hasZoom = zoom !== undefined;
  const zoomLayout = useMemo(() => (hasZoom ? layoutMarkBoxes(props.elements, frame.width, frame.height, zoomScale) : []), [hasZoom, props.elements, frame.width, frame.height, zoomScale]);
  const zoomMarks = zoom ? zoomLayout.filter((m) => inside(targets[0]!, m.box)) : [];
  return (
    <figure className="mark-overlay" aria-label={props.label ?? 'screen with marks'}>
      <div className="mark-stage" ref={stageRef} style={{ aspectRatio: `${view[2]} / ${view[3]}`, overflow: 'hidden' }}>
        {/* The whole screenshot, placed so that `view` fills the stage. */}
        <img
          src={props.src}
          alt={`screenshot ${props.frameId}`}
          width={frame.width}
          height={frame.height}
          style={{ left: `${(-100 * view[0]) / view[2]}%`, top: `${(-100 * view[1]) / view[3]}%`, width: `${(100 * frame.width) / view[2]}%`, height: `${(100 * frame.height) / view[3]}%` }}
        />
        <svg viewBox={view.join(' ')} preserveAspectRatio="none" role="img" aria-label={`${marks.length} marks`}>
          <MarkLayer marks={marks} targets={targets} r={r} />
        </svg>
      </div>
      {zoom && (
        <svg className="target-zoom" ref={zoomRef} viewBox={zoom.join(' ')} role="img" aria-label="where the proposed step acts, enlarged">
          <image href={props.src} x={0} y={0} width={frame.width} height={frame.height} />
          {/* Real pixels with only the box the target falls in, numbered: a people's label stays off its text. */}
          <MarkLayer marks={zoomMarks} targets={targets} r={Math.max(6, Math.round(zoom[2] / 24))} />
        </svg>
      )}
    </figure>
  );
}
