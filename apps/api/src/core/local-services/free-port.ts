import net from 'node:net';

/** Ports that belong to the machine's own services: never hand these out. */
const RESERVED_PORTS = new Set([5432, 6379]);

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port that is free on 127.0.0.1 right now (the kernel picks it from
 * the ephemeral range by binding port 0). Another process could take it
 * before we use it: callers retry their start on "address in use".
 */
export async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenOnce(0);
    if (port > 0 && !RESERVED_PORTS.has(port)) return port;
  }
  throw new Error('Could not find a free TCP port on 127.0.0.1.');
}

/** True when nothing listens on 127.0.0.1:port (we could bind it). */
export async function isPortFree(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}
