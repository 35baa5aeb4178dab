/**
 * How to get Magma-8B, in words: the README section by name (a link to a local README would be dead in the app
 * window), what it needs, and where to choose it once it is there.
 */
export function MagmaHelp() {
  return (
    <div className="magma-help" role="note" aria-label="how to get Magma-8B">
      <p>
        Magma-8B runs on this computer's graphics card: it needs about 8 GB of GPU memory at int4. It is turned into a model
        bundle once, with Python, from Microsoft's Magma-8B checkpoint (about 7 GB on disk).
      </p>
      <p>
        The steps are in the README (README.md in the Magma Desk folder), section "Magma-8B on your GPU". When the bundle is
        there, open Settings, choose the planner "magma" and the bundle's folder, and save.
      </p>
    </div>
  );
}
