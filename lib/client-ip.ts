import { env } from './env';
import { PEER_HEADER } from './peer-address';

// The sender's address as the rate limits count it. With no proxy in front (TRUSTED_PROXY_HOPS=0, the default), the
// socket's address, which the server writes itself (lib/peer-address.ts); X-Forwarded-For is then ignored, since any
// client may send it. Behind N proxies, each appends the address it saw: the Nth entry from the right is the one the
// outermost of ours wrote; entries to its left come from the client and may be made up.
export function clientIpFrom(headers: Headers, trustedHops: number = env.TRUSTED_PROXY_HOPS): string {
  const peer = headers.get(PEER_HEADER)?.trim();
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (trustedHops === 0) {
    // Without the server's own header (a process where it was not installed: `next dev`), Next's own filling of
    // X-Forwarded-For, as before.
    return peer || chain.at(-1) || 'inconnue';
  }
  // Fewer entries than proxies: the request did not come through all of them; count it by what the last one saw.
  return chain.at(-trustedHops) ?? chain[0] ?? peer ?? 'inconnue';
}
