/** S8: prints recall/precision of the risk classifier on tests/safety/fixtures/risk-labelled.json, with every miss. */
import { evaluateRisk, loadRiskSet } from '../tests/safety/risk-eval.js';

const r = evaluateRisk(loadRiskSet());
console.log(JSON.stringify({
  s8: r.recall >= 0.99 && r.precision >= 0.8 ? 'ok' : 'FAILED',
  labelled: r.n, high: r.tp + r.fn, normal: r.fp + r.tn, recall: Number(r.recall.toFixed(4)), precision: Number(r.precision.toFixed(4)),
  missed: r.missed.map((m) => ({ id: m.id, targets: m.targets.map((t) => t.text), action: m.action.kind, why: m.why })),
  falseAlarms: r.falseAlarms.map((m) => ({ id: m.id, targets: m.targets.map((t) => t.text), action: m.action.kind })),
}));
