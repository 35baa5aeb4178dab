/**
 * The vision and prefill times of a Magma step in words for the command line. With the image features kept on the
 * GPU (GenerateTimings.visionOnDevice) the vision stage only queues its work and the prefill waits for it, so the
 * two are one number there; apart they would show a vision stage that looks free and a prefill that looks slow.
 */
export function stageTimesText(t: { readonly visionMs: number; readonly prefillMs: number; readonly visionOnDevice?: boolean }): string {
  if (t.visionOnDevice) return `vision + prefill ${(t.visionMs + t.prefillMs).toFixed(1)} ms (the vision work runs on the GPU just ahead of the prompt)`;
  return `vision ${t.visionMs.toFixed(1)} ms, prefill ${t.prefillMs.toFixed(1)} ms`;
}
