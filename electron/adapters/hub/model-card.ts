/**
 * The licence a Hub repo states in its model card: README.md's YAML header (`license: mit`, or `license: other`
 * with `license_name` / `license_link`). Read from the card the pull downloaded, never from a constant, so what the
 * user is shown is what the model's owners wrote. Only these top-level scalar keys are read (a full YAML parser is
 * not needed for them, and nothing in the card is evaluated).
 */
export interface CardLicence {
  /** The `license` value as written (an SPDX-like id such as mit, apache-2.0, llama3, or other). */
  readonly id: string;
  readonly name?: string;
  readonly link?: string;
}

/** The YAML header's `license`, `license_name` and `license_link`; undefined when the card states none. */
export function licenceFromModelCard(card: string): CardLicence | undefined {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(card);
  if (!m) return undefined;
  const keys = new Map<string, string>();
  const lines = m[1]!.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const kv = /^(license|license_name|license_link):[ \t]*(.*)$/.exec(lines[i]!);
    if (!kv) continue;
    let value = kv[2]!.replace(/\s+#.*$/, '').trim();
    // `license:` followed by a one-item list (`- mit`) is also seen in cards.
    if (!value && /^\s+-\s+\S/.test(lines[i + 1] ?? '')) value = lines[i + 1]!.replace(/^\s+-\s+/, '').trim();
    value = value.replace(/^(['"])(.*)\1$/, '$2').trim();
    if (value) keys.set(kv[1]!, value.slice(0, 200));
  }
  const id = keys.get('license');
  if (!id) return undefined;
  return { id, ...(keys.get('license_name') ? { name: keys.get('license_name')! } : {}), ...(keys.get('license_link') ? { link: keys.get('license_link')! } : {}) };
}

/** One line for people: `mit`, or `other (llama3, https://...)`. */
export function describeLicence(l: CardLicence | undefined): string {
  if (!l) return 'not stated in the model card';
  const extra = [l.name, l.link].filter(Boolean).join(', ');
  return extra ? `${l.id} (${extra})` : l.id;
}
