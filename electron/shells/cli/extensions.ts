/** Extra CLI commands, each owned by its feature (model bundles, the browser shell). */
import type { Command } from 'commander';

type IO = { out: NodeJS.WritableStream; err: NodeJS.WritableStream; in: NodeJS.ReadableStream };
export const cliExtensions: ((program: Command, io: IO, setCode: (c: number) => void) => void)[] = [];
import { addAuditCommand } from './commands/audit.js';
cliExtensions.push(addAuditCommand);
