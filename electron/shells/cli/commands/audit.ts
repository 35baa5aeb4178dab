/** `magma-desk audit verify <file>`: checks the audit log's hash chain; exit 0 intact, 1 broken, 2 bad usage. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyAuditFile } from '../../../adapters/audit-log.js';

type IO = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

export function addAuditCommand(program: Command, io: IO, setCode: (c: number) => void): void {
  const audit = program.command('audit').summary("check the audit log's hash chain").description('the audit log of proposals, approvals and input events');
  audit
    .command('verify')
    .description('check the hash chain of an audit log: any changed, removed, added or reordered record is reported')
    .argument('<file>', 'audit log (JSONL)')
    .option('--key-file <file>', 'HMAC key the log was written with')
    .action((file: string, o: { keyFile?: string }) => {
      let key: string | undefined;
      try {
        key = o.keyFile ? readFileSync(o.keyFile, 'utf8').trim() : undefined;
      } catch (e) {
        io.err.write(`magma-desk: cannot read the key file: ${(e as Error).message}\n`);
        setCode(2);
        return;
      }
      let v;
      try {
        v = verifyAuditFile(file, key);
      } catch (e) {
        io.err.write(`magma-desk: cannot read ${file}: ${(e as Error).message}\n`);
        setCode(2);
        return;
      }
      if (!v.ok) {
        io.err.write(`magma-desk: ${file}: TAMPERED at line ${v.line}: ${v.error} (${v.records} records before it are intact)\n`);
        setCode(1);
        return;
      }
      const tail = v.closed ? 'closed' : 'not closed (the app is still writing it, or records after the last one were cut off)';
      io.out.write(`${file}: intact, ${v.records} records, head ${v.head.slice(0, 16)}, ${tail}\n`);
      setCode(0);
    });
}
