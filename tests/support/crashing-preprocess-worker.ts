/**
 * A preprocessing thread that fails the way a real one can, for preprocess-in-worker.test.ts: a 13-pixel-wide image
 * throws an uncaught exception (a bug in the thread), a 14-pixel-wide one exits the thread (as when it is killed or
 * runs out of memory); with one crop per thread, the same for crop 1 of a 1313- or 1414-pixel-wide image. Any other
 * image gets the real answer.
 */
import { parentPort } from 'node:worker_threads';
import { answerJob, type PreprocessJob } from '../../electron/agent/model/preprocess-protocol.js';

const port = parentPort!;
port.on('message', (job: PreprocessJob) => {
  if (job.width === 13 || (job.width === 1313 && job.crop === 1)) throw new Error('simulated bug in the preprocessing thread');
  if (job.width === 14 || (job.width === 1414 && job.crop === 1)) process.exit(3);
  const { reply, transfer } = answerJob(job);
  port.postMessage(reply, transfer);
});
