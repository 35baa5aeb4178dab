/** Append-only JSONL run log. One record per line; images are never written here (they travel by frame id). */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { RunLog } from '../agent/ports.js';

export class JsonlLog implements RunLog {
  private readonly out: WriteStream;
  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.out = createWriteStream(path, { flags: 'a' });
  }
  write(record: Record<string, unknown>): void {
    this.out.write(JSON.stringify(record) + '\n');
  }
  close(): Promise<void> {
    return new Promise((r) => this.out.end(r));
  }
}
