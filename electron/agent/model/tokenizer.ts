/**
 * Tokenizer over tokenizer.json through @huggingface/tokenizers (pure JS), plus the Llama-3 chat template with
 * Magma's image wrapper. The files are read by an adapter; this module takes their parsed JSON.
 */
import { Tokenizer } from '@huggingface/tokenizers';

export const MAGMA_SYSTEM_PROMPT = 'You are agent that can see, talk and act.';

export interface TextTokenizer {
  /** Text -> ids; special tokens written in the text (e.g. `<|eot_id|>`) become their ids; no BOS is added. */
  encode(text: string): number[];
  /** Ids -> text, special tokens skipped. */
  decode(ids: readonly number[]): string;
}

export class HfTokenizer implements TextTokenizer {
  private readonly t: Tokenizer;
  constructor(tokenizerJson: object, tokenizerConfig: object = {}) {
    this.t = new Tokenizer(tokenizerJson, tokenizerConfig);
  }
  encode(text: string): number[] {
    return this.t.encode(text, { add_special_tokens: false }).ids;
  }
  decode(ids: readonly number[]): string {
    return this.t.decode([...ids], { skip_special_tokens: true, clean_up_tokenization_spaces: false });
  }
  idOf(token: string): number | undefined {
    return this.t.token_to_id(token);
  }
}

/**
 * The Llama-3 chat template with Magma's image wrapper, rendered as text: bos, system, user (one
 * `<image_start><image><image_end>\n` per image before the text), then the assistant header.
 */
export function chatPrompt(userText: string, images: number, system: string = MAGMA_SYSTEM_PROMPT): string {
  const img = '<image_start><image><image_end>\n'.repeat(images);
  return (
    '<|begin_of_text|>' +
    `<|start_header_id|>system<|end_header_id|>\n\n${system}<|eot_id|>` +
    `<|start_header_id|>user<|end_header_id|>\n\n${img}${userText}<|eot_id|>` +
    '<|start_header_id|>assistant<|end_header_id|>\n\n'
  );
}

/** Turns a growing list of generated ids into text deltas; holds back an incomplete UTF-8 sequence. */
export class StreamDecoder {
  private ids: number[] = [];
  private emitted = '';
  constructor(private readonly tok: TextTokenizer) {}
  push(id: number): string {
    this.ids.push(id);
    const text = this.tok.decode(this.ids);
    if (text.endsWith('\uFFFD')) return '';
    const delta = text.startsWith(this.emitted) ? text.slice(this.emitted.length) : text;
    this.emitted = text;
    return delta;
  }
  get text(): string {
    return this.tok.decode(this.ids);
  }
}
