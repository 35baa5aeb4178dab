/**
 * `magma-desk models convert` alone, as one file for esbuild to bundle onto the GPU machine (no tsx, no rest of the
 * CLI there): scripts/bench-magma.sh's `convert` stage runs the bundle as .carry-magma/convert.mjs.
 *
 *   tsx scripts/models-convert.ts --from <checkpoint-dir> --to <bundle-dir> [--precision int4|fp16|fp32]
 */
import { runModelsConvert } from '../electron/shells/cli/commands/models-convert.js';

process.exitCode = await runModelsConvert(process.argv.slice(2));
