import net from 'node:net';

/**
 * A loopback port that was free a moment ago: for a server a test is about to start, or, left
 * unused, for a peer that is down (connecting to it is refused).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
