/** Held-out set 13's own checks (no rules are read here): held-out-set-tests.ts. */
import { heldOutSetTests } from './held-out-set-tests.js';
import { heldOut13Pages } from './pages-heldout13.js';

heldOutSetTests(13, heldOut13Pages());
