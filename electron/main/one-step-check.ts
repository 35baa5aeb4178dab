/**
 * The one-step check of a Magma bundle: its three graphs open, their inputs and outputs are the bundle format's,
 * and one token comes out for a grey picture. `magma-desk models verify` and the app's Get Magma-8B flow both run
 * it after the files' hashes were checked, so a bundle that passes has actually run once on this computer.
 * onnxruntime-node and the model code are loaded on first use (about a second), not when this file is imported.
 */
import type { MagmaBundle } from '../adapters/magma-bundle.js';

export interface OneStepResult {
  /** The provider the decoder ran on (webgpu, cuda, cpu...). */
  readonly provider: string;
  readonly promptTokens: number;
  readonly visionMs: number;
  readonly prefillMs: number;
  /** The image features stayed on the GPU: the vision time is inside prefillMs (GenerateTimings.visionOnDevice). */
  readonly visionOnDevice: boolean;
  readonly firstTokenId: number;
}

export class OneStepError extends Error {}

export interface OneStepOptions {
  /** Execution providers to try, in order (default: MAGMA_DESK_PROVIDERS, else the platform's best, then cpu). */
  providers?: readonly string[];
  /** One line per session naming the provider that runs it. */
  log?: (line: string) => void;
}

type Io = { inputNames: readonly string[]; outputNames: readonly string[] };

/** What the bundle's graphs lack of the bundle format's inputs and outputs (empty: all there). */
export function bundleIoProblems(s: { vision: Io; embed: Io; decoder: Io }, layers: number): string[] {
  const want = (have: readonly string[], names: string[], what: string) => names.filter((n) => !have.includes(n)).map((n) => `${what} lacks ${n}`);
  const kvIn: string[] = [];
  const kvOut: string[] = [];
  for (let i = 0; i < layers; i++) {
    for (const k of ['key', 'value']) {
      kvIn.push(`past_key_values.${i}.${k}`);
      kvOut.push(`present.${i}.${k}`);
    }
  }
  return [
    ...want(s.vision.inputNames, ['pixel_values', 'grid'], 'vision input'),
    ...want(s.vision.outputNames, ['image_features'], 'vision output'),
    ...want(s.embed.inputNames, ['input_ids'], 'embed input'),
    ...want(s.embed.outputNames, ['inputs_embeds'], 'embed output'),
    ...want(s.decoder.inputNames, ['inputs_embeds', 'attention_mask', ...kvIn], 'decoder input'),
    ...want(s.decoder.outputNames, ['logits', ...kvOut], 'decoder output'),
  ];
}

/** Opens the bundle's sessions, checks their inputs and outputs, and generates one token; throws OneStepError. */
export async function oneStepCheck(b: MagmaBundle, o: OneStepOptions = {}): Promise<OneStepResult> {
  const [{ openBundleSessions }, { OrtRuntime, providersFromEnv }, { MagmaModel, releaseSessions }, { HfTokenizer }] = await Promise.all([
    import('../adapters/magma-bundle.js'), import('../adapters/onnx-runtime.js'), import('../agent/model/magma-model.js'), import('../agent/model/tokenizer.js'),
  ]);
  const m = b.manifest;
  const providers = o.providers ?? providersFromEnv();
  const s = await openBundleSessions(new OrtRuntime(o.log ? { log: o.log } : {}), b, providers ? { providers } : {});
  let model: InstanceType<typeof MagmaModel> | undefined;
  try {
    const problems = bundleIoProblems(s, m.text.layers);
    if (problems.length) throw new OneStepError(`graph inputs/outputs differ from the bundle format: ${problems.join('; ')}`);
    model = new MagmaModel(s, new HfTokenizer(b.tokenizerJson, b.tokenizerConfig), m);
    const S = m.vision.cropSize;
    const gray = { width: S, height: S, data: new Uint8Array(S * S * 4).fill(128) };
    const r = await model.generate({ prompt: 'What is shown? Answer the question briefly.', images: [gray], maxNewTokens: 1, stopAtEos: false });
    const t = r.timings;
    return { provider: s.decoder.provider, promptTokens: t.promptTokens, visionMs: t.visionMs, prefillMs: t.prefillMs, visionOnDevice: t.visionOnDevice, firstTokenId: r.tokenIds[0]! };
  } finally {
    // The check's model and sessions go before the app opens the bundle for runs: one copy of the weights at a time.
    await (model ? model.close() : releaseSessions(s));
  }
}
