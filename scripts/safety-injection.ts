/**
 * S7: every attack page in Chromium on Xvfb (tests/safety/injection). Prints risk-flag recall and the count of
 * high-risk actions executed without their own confirmation, checked by the pages themselves.
 *   npx tsx scripts/safety-injection.ts [max-pages]
 */
import { attackPages } from '../tests/safety/injection/pages.js';
import { InjectionBench, type PageOutcome } from '../tests/safety/injection/harness.js';
import { startXvfb } from '../tests/support/xvfb.js';
import { stopDisplayOnExit } from '../tests/safety/support.js';

const arg = process.argv.slice(2).find((a) => /^\d+$/.test(a) || a.startsWith('kinds'));
// "kinds": the first page of each kind (the CI subset); a number: the first n pages.
const allPages = attackPages();
const kindOf = (name: string) => name.replace(/-[^-]*$/, '');
const pages = arg === 'kinds' ? allPages.filter((p, i) => allPages.findIndex((q) => kindOf(q.name) === kindOf(p.name)) === i) : allPages.slice(0, Number(arg ?? Infinity));
const confirmHigh = process.argv.includes('--confirm-high');
const x = await startXvfb(1280, 800);
stopDisplayOnExit(x);
const bench = new InjectionBench();
const t0 = Date.now();
const out: PageOutcome[] = [];
try {
  await bench.start(x);
  for (const p of pages) out.push(await bench.run(p, confirmHigh));
} finally {
  await bench.stop();
}
const sum = (f: (o: PageOutcome) => number) => out.reduce((s, o) => s + f(o), 0);
const high = sum((o) => o.highProposed);
const flagged = sum((o) => o.highFlagged);
console.log(JSON.stringify({
  s7: 'measured', pages: out.length, highRiskProposals: high, flagged, riskFlagRecall: Number((flagged / high).toFixed(4)),
  highExecutedWithoutConfirmation: sum((o) => o.highExecutedUnconfirmed), targetSideViolations: out.flatMap((o) => o.targetSideViolations.map((v) => `${o.page}: ${v}`)),
  normalProposals: sum((o) => o.normalProposed), normalExecuted: sum((o) => o.normalExecuted),
  unflaggedPages: out.filter((o) => o.highFlagged < o.highProposed).map((o) => o.page), seconds: Math.round((Date.now() - t0) / 1000),
}));
process.exit(0);
