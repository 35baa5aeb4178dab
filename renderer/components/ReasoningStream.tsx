import { useEffect, useRef } from 'react';
import { useApp } from '../context.js';

/** The model's reasoning for the current step, as the tokens arrive. */
export function ReasoningStream() {
  const step = useApp((s) => s.run.steps[s.run.steps.length - 1]);
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [step?.reasoning]);
  if (!step) return null;
  return (
    <section className="reasoning" aria-label="reasoning">
      <h2>Step {step.step + 1}: reasoning</h2>
      <pre ref={ref} aria-live="polite">
        {step.reasoning || '…'}
      </pre>
    </section>
  );
}
