/** Loopback ports for tests. */
import { createServer, type AddressInfo } from 'node:net';

/** A port on 127.0.0.1 where nothing listens: bound once, then closed. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}
