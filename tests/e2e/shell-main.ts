// Starts the app the way `npm start` does (startApp), in its own process so the engine sees the test's X display.
import { startApp } from '../../electron/shells/browser/start.js';

// E2E_SERVER_PORTS='{"ollama":43123}' points server detection at a test's fake servers (still on 127.0.0.1 only).
const serverPorts = process.env.E2E_SERVER_PORTS ? (JSON.parse(process.env.E2E_SERVER_PORTS) as Record<string, number>) : undefined;
const app = await startApp(process.argv.slice(2), (line) => console.log(line), serverPorts ? { serverPorts } : {});
process.exitCode = await app.exited;
