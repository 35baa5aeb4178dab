/** Held-out set 12's own checks (no rules are read here): held-out-set-tests.ts. */
import { heldOutSetTests } from './held-out-set-tests.js';
import { heldOut12Pages } from './pages-heldout12.js';

heldOutSetTests(12, heldOut12Pages());
