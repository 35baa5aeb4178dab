/** Every high-risk class, one file per concern (see types.ts). Order: the first class that matches names the reason. */
import { account } from './account.js';
import { deletion } from './delete.js';
import { money } from './money.js';
import { permission } from './permission.js';
import { publish } from './publish.js';
import { runCode } from './run-code.js';
import { securityOff } from './security-off.js';
import type { RiskClass } from './types.js';
import { warningBypass } from './warning-bypass.js';

export const RISK_CLASSES: readonly RiskClass[] = [permission, securityOff, warningBypass, runCode, money, account, publish, deletion];
export { GENERIC_CONFIRMS } from './confirm.js';
export { COMMAND_RULES, commandRisk } from './commands.js';
export { LANGUAGES, type RiskClass, type Vocab } from './types.js';
