// The sender's address as the rate limits count it. The rightmost X-Forwarded-For entry is the one the nearest proxy
// (ours) wrote: entries to its left come from the client and may be made up. Without a proxy Next fills the header
// with the socket's address when it is absent.
export function clientIpFrom(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || 'inconnue';
}
