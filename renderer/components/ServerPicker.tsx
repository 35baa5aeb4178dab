import { useCallback, useContext, useEffect, useState } from 'react';
import { SERVER_NAMES, type DetectedModel, type DetectedServer } from '../../electron/common/brain.js';
import { StoreContext } from '../context.js';

const VISION_TEXT: Record<DetectedModel['vision'], string> = {
  yes: 'sees images',
  no: "text only: it can't see the screen",
  unknown: "the server doesn't say whether it sees images",
};

/**
 * Local model servers on this computer (Ollama, LM Studio, vLLM, llama.cpp's server) and their models, found when
 * this list is shown: it asks the app to look (servers:detect) when it opens and on "Look again", never otherwise.
 * A model that the server says is text only has no Use button: it could not see the screen.
 */
export function ServerPicker({ onPick, current }: { onPick: (baseUrl: string, model: string) => void; current?: { baseUrl: string; model: string } }) {
  const ctx = useContext(StoreContext);
  const [found, setFound] = useState<DetectedServer[] | { error: string } | undefined>();
  const [looking, setLooking] = useState(false);
  const look = useCallback(async () => {
    if (!ctx) return;
    setLooking(true);
    const r = await ctx.transport.invoke('servers:detect', {});
    setLooking(false);
    setFound(r.ok ? r.value.servers : { error: r.error });
  }, [ctx]);
  useEffect(() => {
    void look();
  }, [look]);

  const up = found && !('error' in found) ? found.filter((s) => s.found) : [];
  const down = found && !('error' in found) ? found.filter((s) => !s.found) : [];
  return (
    <div className="servers" role="group" aria-label="local model servers">
      {!found && <p className="hint" role="status">Looking for model servers on this computer…</p>}
      {found && 'error' in found && <p className="error" role="alert">The app could not look for model servers: {found.error}. Press Look again.</p>}
      {up.map((s) => (
        <div key={s.kind} className="server">
          <h4>{SERVER_NAMES[s.kind]} on 127.0.0.1:{s.port}</h4>
          {s.models.length === 0 && <p className="hint">It answers but has no model loaded. Load or pull a vision model in it, then press Look again.</p>}
          {s.models.length > 0 && (
            <ul aria-label={`${SERVER_NAMES[s.kind]} models`}>
              {s.models.map((m) => {
                const inUse = current?.baseUrl === s.baseUrl && current.model === m.id;
                return (
                  <li key={m.id}>
                    <code>{m.id}</code> <span className={`badge ${m.vision === 'yes' ? 'done' : m.vision === 'no' ? 'failed' : 'warn'}`}>{VISION_TEXT[m.vision]}</span>{' '}
                    {inUse ? <span className="badge done">in use</span> : m.vision !== 'no' && (
                      <button type="button" onClick={() => onPick(s.baseUrl, m.id)}>Use {m.id}</button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {s.note && <p className="hint">{s.note}.</p>}
        </div>
      ))}
      {found && !('error' in found) && up.length === 0 && (
        <p className="hint">
          No model server is running on this computer. Start one with a vision model (for example Ollama with qwen2.5vl:7b, or LM Studio's
          local server), then press Look again. The README's section "Local model servers (Ollama, vLLM, LM Studio)" says how.
        </p>
      )}
      {down.length > 0 && (
        <p className="hint">
          Not found: {down.map((s) => `${SERVER_NAMES[s.kind]} (${s.note ?? `port ${s.port}`})`).join('; ')}.
        </p>
      )}
      <button type="button" onClick={() => void look()} disabled={looking}>{looking ? 'Looking…' : 'Look again'}</button>
    </div>
  );
}
