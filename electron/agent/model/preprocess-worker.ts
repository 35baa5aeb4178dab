/**
 * The preprocessing thread: answers each PreprocessJob with preprocessImage's result (preprocess-protocol.ts).
 * Started by PreprocessWorker; the Electron build ships it as dist/electron/main/preprocess-worker.js.
 */
import { parentPort } from 'node:worker_threads';
import { answerJob, type PreprocessJob } from './preprocess-protocol.js';

if (!parentPort) throw new Error('preprocess-worker.ts runs only as a worker thread (PreprocessWorker starts it)');
const port = parentPort;
port.on('message', (job: PreprocessJob) => {
  const { reply, transfer } = answerJob(job);
  port.postMessage(reply, transfer);
});
