import 'server-only';
import { redirect } from 'next/navigation';
import { getStaff } from '@/lib/auth';

type Staff = NonNullable<Awaited<ReturnType<typeof getStaff>>>;

// Answers of the staff's PDF and .eml routes: the file, private and never cached; « introuvable » (404) for anything
// missing or out of reach alike; the sign-in page for someone signed out.

export async function staffOrSignIn(returnTo: string): Promise<Staff> {
  const staff = await getStaff();
  if (!staff) redirect(`/connexion?retour=${encodeURIComponent(returnTo)}`);
  return staff;
}

export function fileResponse(bytes: Uint8Array, contentType: string, filename: string, disposition: 'inline' | 'attachment') {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `${disposition}; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export function notFoundText(what: string) {
  return new Response(`${what} est introuvable, ou vous n’y avez pas accès.`, {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
