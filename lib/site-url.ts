import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';

/**
 * The public address of the site: SITE_URL when set (behind a proxy, in e-mails), else the request's own Host. Never
 * X-Forwarded-Host: any client may send it, and it would shape the private follow-up link handed to the resident.
 */
export function originFrom(requestHeaders: Headers, siteUrl: string | undefined = env.SITE_URL): string {
  if (siteUrl) return siteUrl.replace(/\/$/, '');
  const host = requestHeaders.get('host') ?? 'localhost:3000';
  const isLocal = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  // Without SITE_URL the scheme is a guess: plain HTTP on this machine, HTTPS anywhere a resident could reach.
  return `${isLocal ? 'http' : 'https'}://${host}`;
}

export async function siteOrigin(): Promise<string> {
  return originFrom(await headers());
}
