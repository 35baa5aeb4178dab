/**
 * The approval gate: the only maker of Approved<ResolvedAction>. Every input action passes here first.
 * - A request names one action on one frame and expires; a decision must name that request's id in time.
 *   A timeout, a wrong id or an unparseable decision is a deny.
 * - "Approve the rest of this run" covers later normal-risk steps; high-risk steps still ask, and after a
 *   suspicious screen (revokeApproveRest) every step asks.
 * - The approval is bound to the target region of the frame: the loop re-checks it before executing (S2).
 */
import { describeAction } from '../../common/actions.js';
import { sourceNote } from '../../common/element-source.js';
import { DecisionSchema, type ApprovalRequest, type Decision, type Risk } from '../../common/approval.js';
import { mintApproved, type Approved } from '../approved.js';
import type { ApprovalChannel, Clock } from '../ports.js';
import type { ResolvedAction } from '../resolved.js';

export type GateOutcome =
  | { kind: 'approved'; approved: Approved<ResolvedAction>; request: ApprovalRequest }
  | { kind: 'skip'; request: ApprovalRequest }
  | { kind: 'edit'; text: string; request: ApprovalRequest }
  | { kind: 'stop'; reason: string; request: ApprovalRequest };

export interface GateOptions {
  runId: string;
  timeoutMs: number;
  /** Emitted for every request and decision so the audit log holds both. */
  onRequest?: (r: ApprovalRequest) => void;
  onDecision?: (d: Decision, by: string) => void;
  newId?: () => string;
}

export class ApprovalGate {
  private approveRest = false;
  /** Set once the run has seen a suspicious screen (monitor.ts): "approve the rest" no longer applies, for good. */
  private restRevoked = false;

  constructor(
    private readonly channel: ApprovalChannel,
    private readonly clock: Clock,
    private readonly opts: GateOptions,
  ) {}

  get approvingRest(): boolean {
    return this.approveRest && !this.restRevoked;
  }

  /** Ends "approve the rest" for the rest of this run: every later step asks, whatever the person chose before or after. */
  revokeApproveRest(): void {
    this.restRevoked = true;
  }

  async decide(step: number, resolved: ResolvedAction, risk: Risk, signal: AbortSignal): Promise<GateOutcome> {
    const request: ApprovalRequest = {
      id: this.opts.newId?.() ?? globalThis.crypto.randomUUID(),
      runId: this.opts.runId,
      step,
      action: resolved.action,
      description: describeAction(resolved.action) + targetNote(resolved),
      screenPoints: resolved.targets.map((t) => t.screenPoint),
      frameId: resolved.frameId,
      risk,
      expiresAt: this.clock.now() + this.opts.timeoutMs,
    };
    this.opts.onRequest?.(request);
    if (this.approveRest && !this.restRevoked && risk.tier === 'normal') {
      const d: Decision = { approvalId: request.id, verdict: 'approve', approveRest: true };
      this.opts.onDecision?.(d, 'rest-of-run');
      return { kind: 'approved', approved: mintApproved(resolved, request.id, 'rest-of-run'), request };
    }
    const decision = await this.ask(request, signal);
    if (!decision.ok) {
      const d: Decision = { approvalId: request.id, verdict: 'stop' };
      this.opts.onDecision?.(d, 'gate');
      return { kind: 'stop', reason: decision.reason, request };
    }
    const d = decision.value;
    const by = this.channel.automatic ? 'auto' : 'user';
    this.opts.onDecision?.(d, by);
    switch (d.verdict) {
      case 'approve':
        if (d.approveRest) this.approveRest = true;
        return { kind: 'approved', approved: mintApproved(resolved, request.id, by), request };
      case 'skip':
        return { kind: 'skip', request };
      case 'edit':
        return d.edit ? { kind: 'edit', text: d.edit, request } : { kind: 'skip', request };
      case 'stop':
        return { kind: 'stop', reason: 'stopped at the approval prompt', request };
    }
  }

  private async ask(req: ApprovalRequest, signal: AbortSignal): Promise<{ ok: true; value: Decision } | { ok: false; reason: string }> {
    const timeout = new AbortController();
    const both = AbortSignal.any([signal, timeout.signal]);
    const timer = this.clock.sleep(req.expiresAt - this.clock.now(), both).then(
      () => 'timeout' as const,
      () => 'aborted' as const,
    );
    try {
      const raced = await Promise.race([this.channel.request(req, both).then((d) => ({ d }), (e: Error) => ({ e })), timer]);
      if (raced === 'timeout') return { ok: false, reason: 'approval timed out (a timeout is a deny)' };
      if (raced === 'aborted' || signal.aborted) return { ok: false, reason: 'stopped' };
      if ('e' in raced) return { ok: false, reason: `approval failed: ${raced.e.message}` };
      const parsed = DecisionSchema.safeParse(raced.d);
      if (!parsed.success) return { ok: false, reason: 'the approval answer was malformed (treated as a deny)' };
      if (parsed.data.approvalId !== req.id) return { ok: false, reason: 'the approval answer named another request (treated as a deny)' };
      if (this.clock.now() > req.expiresAt) return { ok: false, reason: 'approval came after the request expired (a late answer is a deny)' };
      return { ok: true, value: parsed.data };
    } finally {
      timeout.abort();
    }
  }
}

function targetNote(r: ResolvedAction): string {
  const t = r.targets[0];
  if (!t) return '';
  const at = `(${Math.round(t.screenPoint.x)}, ${Math.round(t.screenPoint.y)})`;
  // Every mark says where it came from: the accessibility tree, the screen parser, or both (issue #15).
  const from = t.source === undefined ? '' : ` ${sourceNote(t.source, t.shown)}`;
  return t.text ? ` "${t.text}"${from} at ${at}` : `${from} at ${at}`;
}
