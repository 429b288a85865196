import { request, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIpFrom } from '@/lib/client-ip';
import { installPeerHeader, PEER_HEADER } from '@/lib/peer-address';

// Which address the rate limits count: the socket's when nothing stands in front (X-Forwarded-For is the client's
// to invent), the entry written by our outermost proxy when TRUSTED_PROXY_HOPS says there are some.

const headers = (values: Record<string, string>) => new Headers(values);

describe('the sender’s address', () => {
  it('ignores X-Forwarded-For without a trusted proxy, whatever the client wrote in it', () => {
    for (const forged of ['203.0.113.9', 'made-up, ::1', '198.51.100.1,', ', ,']) {
      expect(clientIpFrom(headers({ [PEER_HEADER]: '192.0.2.44', 'x-forwarded-for': forged }), 0)).toBe('192.0.2.44');
    }
  });

  it('takes the entry our outermost proxy appended, N from the right, behind N proxies', () => {
    const chain = 'made-up-by-client, 203.0.113.7, 10.0.0.2';
    expect(clientIpFrom(headers({ [PEER_HEADER]: '10.0.0.3', 'x-forwarded-for': chain }), 1)).toBe('10.0.0.2');
    expect(clientIpFrom(headers({ [PEER_HEADER]: '10.0.0.3', 'x-forwarded-for': chain }), 2)).toBe('203.0.113.7');
    // Fewer entries than proxies: the leftmost one, the farthest any proxy of ours saw.
    expect(clientIpFrom(headers({ [PEER_HEADER]: '10.0.0.3', 'x-forwarded-for': '203.0.113.7' }), 3)).toBe('203.0.113.7');
    expect(clientIpFrom(headers({ [PEER_HEADER]: '10.0.0.3' }), 1)).toBe('10.0.0.3');
  });

  it('falls back to Next’s own filling of X-Forwarded-For where the server wrote no peer header', () => {
    expect(clientIpFrom(headers({ 'x-forwarded-for': '127.0.0.1' }), 0)).toBe('127.0.0.1');
    expect(clientIpFrom(headers({}), 0)).toBe('inconnue');
  });
});

describe('the peer header, written by the server itself', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    installPeerHeader();
    installPeerHeader(); // once only, however often it is asked
    server = createServer((req, res) => res.end(JSON.stringify(req.headers[PEER_HEADER] ?? null)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is the socket’s address, even when the client sends one of its own', async () => {
    const seen = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', headers: { [PEER_HEADER]: '203.0.113.66', 'x-forwarded-for': '203.0.113.66' } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(JSON.parse(body)));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(seen).toBe('127.0.0.1');
  });
});
