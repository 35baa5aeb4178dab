// Starts the app the way `npm start` does (startApp), in its own process so the engine sees the test's X display.
import { startApp } from '../../electron/shells/browser/start.js';

const app = await startApp(process.argv.slice(2), (line) => console.log(line));
process.exitCode = await app.exited;
