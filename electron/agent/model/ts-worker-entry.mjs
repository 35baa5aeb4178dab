// Starts a TypeScript worker module when the app runs from source (tests, the CLI, benchmarks under tsx).
// Node 20's worker threads do not inherit the parent's tsx loader, so the worker registers it before importing
// workerData.entry (a file: URL of a .ts module). The built app does not use this file: its worker is plain JS.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
