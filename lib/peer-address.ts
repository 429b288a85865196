import http from 'node:http';

// The socket's address, handed to the app as a header only the server itself can write. Next fills X-Forwarded-For
// with the socket address only when a request comes without one, so a client talking to the app directly could
// choose the address its rate limits count. Installed once per process, before requests are served
// (instrumentation.ts); every request's PEER_HEADER is overwritten, whatever the client sent.

export const PEER_HEADER = 'x-proximcite-peer';

const state = globalThis as unknown as { proximcitePeerHeader?: boolean };

export function installPeerHeader(): void {
  if (state.proximcitePeerHeader) return;
  state.proximcitePeerHeader = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? '';
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}
