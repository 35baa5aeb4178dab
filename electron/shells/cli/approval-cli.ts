/**
 * Approval in the terminal. A person answers each step: [Enter]/a approve, r approve the rest of this run,
 * s skip, e edit, q quit. With --yes every normal step is approved and printed; a high-risk step is refused,
 * since nobody is there to confirm it (run without --yes to be asked).
 */
import { createInterface } from 'node:readline/promises';
import type { ApprovalRequest, Decision } from '../../common/approval.js';
import type { ApprovalChannel } from '../../agent/ports.js';

function describe(req: ApprovalRequest): string {
  const risk = req.risk.tier === 'high' ? `  HIGH RISK: ${req.risk.reasons.join('; ')}\n` : req.risk.reasons.length ? `  note: ${req.risk.reasons.join('; ')}\n` : '';
  return `step ${req.step + 1}: ${req.description}\n${risk}`;
}

export class AutoApprove implements ApprovalChannel {
  readonly automatic = true;
  constructor(private readonly print: (s: string) => void) {}
  async request(req: ApprovalRequest): Promise<Decision> {
    if (req.risk.tier === 'high') {
      this.print(`${describe(req)}  not approved: --yes does not cover high-risk steps; run in a terminal without --yes to confirm it\n`);
      return { approvalId: req.id, verdict: 'stop' };
    }
    this.print(`${describe(req)}  approved (--yes)\n`);
    return { approvalId: req.id, verdict: 'approve' };
  }
}

export class TerminalApprove implements ApprovalChannel {
  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {}

  async request(req: ApprovalRequest, signal: AbortSignal): Promise<Decision> {
    const rl = createInterface({ input: this.input, output: this.output, terminal: true });
    try {
      this.output.write(describe(req));
      for (;;) {
        const prompt = req.risk.tier === 'high' ? '  type "yes" to run this high-risk step, s skip, e edit, q quit: ' : '  [Enter] approve, r approve the rest, s skip, e edit, q quit: ';
        const a = (await rl.question(prompt, { signal })).trim().toLowerCase();
        if (req.risk.tier === 'high' ? a === 'yes' : a === '' || a === 'a' || a === 'y') return { approvalId: req.id, verdict: 'approve' };
        if (a === 'r' && req.risk.tier === 'normal') return { approvalId: req.id, verdict: 'approve', approveRest: true };
        if (a === 's') return { approvalId: req.id, verdict: 'skip' };
        if (a === 'q') return { approvalId: req.id, verdict: 'stop' };
        if (a === 'e') {
          const edit = (await rl.question('  replacement step(s), e.g. click #12: ', { signal })).trim();
          if (edit) return { approvalId: req.id, verdict: 'edit', edit };
        }
      }
    } finally {
      rl.close();
    }
  }
}
