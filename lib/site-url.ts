import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';

/** The public address of the site: SITE_URL when set (behind a proxy, in e-mails), else the request's own host. */
export async function siteOrigin(): Promise<string> {
  if (env.SITE_URL) return env.SITE_URL.replace(/\/$/, '');
  const h = await headers();
  return `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'}`;
}
