import { useContext, useEffect, useState } from 'react';
import {
  formatEta, formatSize, GetMagmaStateSchema,
  type GetMagmaLocal, type GetMagmaProgress, type GetMagmaState,
} from '../../electron/common/magma-get.js';
import { StoreContext } from '../context.js';

/**
 * Get Magma-8B: the GPU and disk check (local), then Start asks Hugging Face for the size and the licence (the first
 * contact with it), Download fetches and converts with a progress bar, Cancel keeps what was downloaded (the button
 * then reads Resume), and at the end the bundle is selected and the one-step check's result is shown. The flow
 * lives in the host (it goes on if this panel closes); the panel shows its state and sends the buttons.
 */
export function GetMagma() {
  const ctx = useContext(StoreContext);
  const [local, setLocal] = useState<GetMagmaLocal | { error: string } | undefined>();
  const [st, setSt] = useState<GetMagmaState | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!ctx) return;
    let live = true;
    const off = ctx.transport.subscribe((channel, payload) => {
      if (channel !== 'magma:get-progress') return;
      const s = GetMagmaStateSchema.safeParse(payload);
      if (s.success && live) setSt(s.data);
    });
    void ctx.transport.invoke('magma:get-state', {}).then((r) => live && r.ok && setSt((cur) => cur ?? r.value));
    void ctx.transport.invoke('magma:gpu-check', {}).then((r) => live && setLocal(r.ok ? r.value : { error: r.error }));
    return () => {
      live = false;
      off();
    };
  }, [ctx]);
  const send = async (channel: 'magma:get-plan' | 'magma:get-start' | 'magma:get-cancel') => {
    if (!ctx) return;
    setError(undefined);
    const r = await ctx.transport.invoke(channel, {});
    if (!r.ok) setError(r.error);
    else if ('phase' in r.value) setSt(r.value);
  };
  const phase = st?.phase ?? 'idle';
  const working = phase === 'looking' || phase === 'downloading' || phase === 'converting' || phase === 'installing' || phase === 'checking';
  return (
    <section className="get-magma" role="region" aria-label="Get Magma-8B">
      {!local && <p className="hint">Checking this computer's graphics card…</p>}
      {local && 'error' in local && <p className="error">The graphics card check did not work: {local.error}. You can still continue.</p>}
      {local && !('error' in local) && (
        <>
          <p className={local.gpu.ok ? 'hint' : 'warn'} aria-label="graphics card check">{local.gpu.message}</p>
          {phase === 'idle' && <p className="hint">{local.need}</p>}
        </>
      )}
      {st?.plan && (
        <dl className="plan" aria-label="what will be downloaded">
          <dt>Size</dt>
          <dd>{formatSize(st.plan.totalBytes)} to download ({st.plan.files} files of {st.plan.repo}), then converted here</dd>
          <dt>Licence (from the model card)</dt>
          <dd>
            {st.plan.licence}
            {st.plan.licenceLink && <> — <a href={st.plan.licenceLink} target="_blank" rel="noreferrer">read it</a></>}
          </dd>
          <dt>Disk space</dt>
          <dd>{formatSize(st.plan.needBytes)} needed, {formatSize(st.plan.freeBytes)} free</dd>
        </dl>
      )}
      {st?.progress && working && <ProgressLine p={st.progress} />}
      {st?.message && <p className={phase === 'failed' ? 'error' : 'hint'} role={phase === 'failed' ? 'alert' : 'status'}>{st.message}</p>}
      {phase === 'done' && st?.result && (
        <p className={st.result.checkOk ? 'ok' : 'error'} role="status" aria-label="one-step check">{st.result.check}</p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        {phase === 'idle' && <button type="button" className="primary" onClick={() => void send('magma:get-plan')}>Start</button>}
        {phase === 'ready' && <button type="button" className="primary" onClick={() => void send('magma:get-start')}>Download and convert</button>}
        {phase === 'stopped' && <button type="button" className="primary" onClick={() => void send('magma:get-start')}>Resume</button>}
        {phase === 'failed' && <button type="button" className="primary" onClick={() => void send(st?.plan ? 'magma:get-start' : 'magma:get-plan')}>Try again</button>}
        {(phase === 'looking' || phase === 'downloading' || phase === 'converting') && <button type="button" onClick={() => void send('magma:get-cancel')}>Cancel</button>}
      </div>
    </section>
  );
}

function ProgressLine({ p }: { p: GetMagmaProgress }) {
  const pct = p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0;
  const text = p.what === 'download'
    ? `Downloading: ${formatSize(p.done)} of ${formatSize(p.total)} (${pct}%)${p.rate ? `, ${formatSize(p.rate)}/s` : ''}, ${formatEta(p.etaS)}`
    : `Converting: ${p.item ?? 'starting'} (${pct}%), ${formatEta(p.etaS)}`;
  return (
    <div className="progress">
      <progress max={100} value={pct} aria-label={p.what === 'download' ? 'download progress' : 'conversion progress'} />
      <p role="status" aria-label="progress">{text}</p>
    </div>
  );
}
