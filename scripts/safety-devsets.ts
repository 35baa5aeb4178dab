/** #13's development sets: false alarms on 992 normal steps, flagged share of 300 high-risk steps, per language. */
import { loadDevSet, runDevSet, type DevResult } from '../tests/safety/dev/dev-sets.js';

const share = (rs: DevResult[]) => {
  const byLang: Record<string, string> = {};
  for (const l of ['en', 'de', 'fr', 'es', 'zh', 'ja']) { const x = rs.filter((r) => r.lang === l); byLang[l] = `${x.filter((r) => r.high).length}/${x.length}`; }
  return { steps: rs.length, high: rs.filter((r) => r.high).length, rate: Number((rs.filter((r) => r.high).length / rs.length).toFixed(4)), byLang };
};
const normal = await runDevSet(loadDevSet('normal-steps'));
const high = await runDevSet(loadDevSet('high-risk-steps'));
console.log(JSON.stringify({
  normalSteps: share(normal), falseAlarms: normal.filter((r) => r.high).map((r) => ({ lang: r.lang, goal: r.goal, label: r.step.label, why: r.reasons[0] })),
  highRiskSteps: share(high), missed: high.filter((r) => !r.high).map((r) => ({ lang: r.lang, cls: r.cls, label: r.step.label })),
}, null, 1));
