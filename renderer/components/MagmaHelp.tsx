/**
 * What Magma-8B needs and how it is got, in words: the Get Magma-8B button (GetMagma.tsx) does it in the app; the
 * README section, by name (a link to a local README would be dead in the app window), is the way by hand.
 */
export function MagmaHelp() {
  return (
    <div className="magma-help" role="note" aria-label="how to get Magma-8B">
      <p>
        Magma-8B runs on this computer's graphics card: it needs about 8 GB of GPU memory at int4. Get Magma-8B downloads
        Microsoft's checkpoint from Hugging Face (about 18 GB) and turns it into a model Magma Desk can run (about 8 GB more),
        with progress, Cancel and Resume; then it is chosen as the brain.
      </p>
      <p>
        To do it by hand instead, the steps are in the README (README.md in the Magma Desk folder), section "Magma-8B on your GPU".
      </p>
    </div>
  );
}
