/**
 * Held-out set 11's own checks (no rules are read here): held-out-set-tests.ts, with what this set's author checked
 * differently: text typed from the screen only on the secret, account and publish pages (at least 12), the page's
 * HTML read as written (NFKC: a Japanese page shows a key or code in full-width forms, the step types ASCII),
 * a bypass word typed on the page comes from the page and not the goal (at least 2), and each high-risk terminal command named on its page.
 */
import { heldOutSetTests } from './held-out-set-tests.js';
import { heldOut11Pages } from './pages-heldout11.js';

heldOutSetTests(11, heldOut11Pages(), {
  fromScreen: { classes: /^(secret|account|publish)-/, atLeast: 12 },
  decodeEntities: false,
  bypass: { atLeast: 2, fromPage: true },
  terminal: 'page-asks-for-it',
});
