/**
 * S7: every attack page in Chromium on Xvfb (tests/safety/injection). Prints risk-flag recall and the count of
 * high-risk actions executed without their own confirmation, checked by the pages themselves.
 *   npx tsx scripts/safety-injection.ts [max-pages|kinds] [--set original|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|all] [--confirm-high]
 */
import { attackPages } from '../tests/safety/injection/pages.js';
import { heldOutPages } from '../tests/safety/injection/pages-heldout.js';
import { heldOut2Pages } from '../tests/safety/injection/pages-heldout2.js';
import { heldOut3Pages } from '../tests/safety/injection/pages-heldout3.js';
import { heldOut4Pages } from '../tests/safety/injection/pages-heldout4.js';
import { heldOut5Pages } from '../tests/safety/injection/pages-heldout5.js';
import { heldOut6Pages } from '../tests/safety/injection/pages-heldout6.js';
import { heldOut7Pages } from '../tests/safety/injection/pages-heldout7.js';
import { heldOut8Pages } from '../tests/safety/injection/pages-heldout8.js';
import { heldOut9Pages } from '../tests/safety/injection/pages-heldout9.js';
import { heldOut10Pages } from '../tests/safety/injection/pages-heldout10.js';
import { heldOut11Pages } from '../tests/safety/injection/pages-heldout11.js';
import { heldOut12Pages } from '../tests/safety/injection/pages-heldout12.js';
import { heldOut13Pages } from '../tests/safety/injection/pages-heldout13.js';
import { InjectionBench, type PageOutcome } from '../tests/safety/injection/harness.js';
import { startXvfb } from '../tests/support/xvfb.js';
import { stopDisplayOnExit } from '../tests/safety/support.js';

const arg = process.argv.slice(2).find((a) => /^\d+$/.test(a) || a.startsWith('kinds'));
// "kinds": the first page of each kind (the CI subset); a number: the first n pages.
// --set original (default: the 54 pages in pages.ts) | heldout (pages-heldout.ts) | heldout2 (pages-heldout2.ts, written
// blind for issue #13; not in "all", so that tuning on "all" never touches it) | heldout3 (pages-heldout3.ts, written blind after
// the rules were frozen; also kept out of "all") | heldout4 (pages-heldout4.ts, written blind while the rules were changed, run
// once after their second freeze; also kept out of "all") | heldout5 (pages-heldout5.ts, written blind while the rules were
// changed, run once after their third freeze; also kept out of "all") | heldout6 (pages-heldout6.ts, written blind while the rules
// were changed, run once after their fourth freeze; also kept out of "all") | heldout7 (pages-heldout7.ts, written blind while the
// rules were changed, run once after their fifth freeze; also kept out of "all") | heldout8 (pages-heldout8.ts, written blind while the
// rules were changed, run once after their sixth freeze; also kept out of "all") | heldout9 (pages-heldout9.ts, written blind
// while the rules were changed, run once after their seventh freeze; also kept out of "all") | heldout10 (pages-heldout10.ts, written
// blind while the rules were changed, run once after their eighth freeze; also kept out of "all") | heldout11 (pages-heldout11.ts,
// written blind while the rules were changed, run once after their ninth freeze; also kept out of "all") | heldout12
// (pages-heldout12.ts, written blind while the rules were changed, run once after their tenth freeze; also kept out of "all") | heldout13
// (pages-heldout13.ts, written blind while the rules were changed, run once after their eleventh freeze; also kept out of "all") | all
const setArg = process.argv.find((a) => a.startsWith('--set='))?.slice(6) ?? (process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : 'original');
const allPages = setArg === 'heldout' ? heldOutPages() : setArg === 'heldout2' ? heldOut2Pages() : setArg === 'heldout3' ? heldOut3Pages() : setArg === 'heldout4' ? heldOut4Pages() : setArg === 'heldout5' ? heldOut5Pages() : setArg === 'heldout6' ? heldOut6Pages() : setArg === 'heldout7' ? heldOut7Pages() : setArg === 'heldout8' ? heldOut8Pages() : setArg === 'heldout9' ? heldOut9Pages() : setArg === 'heldout10' ? heldOut10Pages() : setArg === 'heldout11' ? heldOut11Pages() : setArg === 'heldout12' ? heldOut12Pages() : setArg === 'heldout13' ? heldOut13Pages() : setArg === 'all' ? [...attackPages(), ...heldOutPages()] : attackPages();
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
  for (const p of pages) {
    try {
      out.push(await bench.run(p, confirmHigh));
    } catch (e) {
      // A page the bench could not run is reported, never counted as flagged.
      const high = p.actions.filter((a) => a.risk === 'high').length;
      out.push({ page: p.name, highProposed: high, highFlagged: 0, highExecutedUnconfirmed: 0, targetSideViolations: [], normalExecuted: 0, normalProposed: p.actions.length - high, normalFlagged: 0, status: `bench error: ${String(e).slice(0, 200)}` });
    }
  }
} finally {
  await bench.stop();
}
const sum = (f: (o: PageOutcome) => number) => out.reduce((s, o) => s + f(o), 0);
const high = sum((o) => o.highProposed);
const flagged = sum((o) => o.highFlagged);
console.log(JSON.stringify({
  s7: 'measured', set: setArg, pages: out.length, highRiskProposals: high, flagged, riskFlagRecall: Number((flagged / high).toFixed(4)),
  highExecutedWithoutConfirmation: sum((o) => o.highExecutedUnconfirmed), targetSideViolations: out.flatMap((o) => o.targetSideViolations.map((v) => `${o.page}: ${v}`)),
  normalProposals: sum((o) => o.normalProposed), normalExecuted: sum((o) => o.normalExecuted), normalFlaggedHigh: sum((o) => o.normalFlagged),
  normalNotExecutedPages: out.filter((o) => o.normalExecuted < o.normalProposed).map((o) => `${o.page} (${o.normalProposed - o.normalExecuted}, flagged ${o.normalFlagged})`),
  unflaggedPages: out.filter((o) => o.highFlagged < o.highProposed).map((o) => o.page),
  unconfirmedPages: out.filter((o) => o.highExecutedUnconfirmed > 0).map((o) => `${o.page} (${o.highExecutedUnconfirmed})`), statuses: [...new Set(out.map((o) => o.status))], seconds: Math.round((Date.now() - t0) / 1000),
}));
process.exit(0);
