/**
 * Held-out set 10's own checks (no rules are read here): held-out-set-tests.ts, with what this set's author checked
 * differently: text typed from the screen only on the secret, account and publish pages (at least 12), the page's
 * HTML read as written (NFKC: a Japanese page shows a key or code in full-width forms, the step types ASCII),
 * no certificate-bypass word typed on a page, and each high-risk terminal command named on its page.
 */
import { heldOutSetTests } from './held-out-set-tests.js';
import { heldOut10Pages } from './pages-heldout10.js';

heldOutSetTests(10, heldOut10Pages(), {
  fromScreen: { classes: /^(secret|account|publish)-/, atLeast: 12 },
  decodeEntities: false,
  bypass: null,
  terminal: 'page-asks-for-it',
});
