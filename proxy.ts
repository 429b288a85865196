import { NextResponse, type NextRequest } from 'next/server';

// The app's own entry point, before Next reads a path or a server action: requests Next would answer with a 500 get a
// clear 4xx here. Not an authorisation layer: every staff page and action checks for itself (lib/auth.ts).

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title} · Proxim'Cité</title></head>` +
  `<body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Retour à l’accueil</a></p></main></body></html>`;

function isMalformedPath(url: string): boolean {
  try {
    decodeURIComponent(new URL(url).pathname);
    return false;
  } catch {
    return true;
  }
}

/** A server action posted from another site's page: refused plainly (Next's own check answers it with a 500). */
function isForeignAction(request: NextRequest): boolean {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return false;
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  if (isMalformedPath(request.url)) {
    return new NextResponse(PAGE('Adresse invalide', 'Cette adresse contient un encodage invalide : vérifiez le lien.'), {
      status: 400,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  }
  if (isForeignAction(request)) {
    return NextResponse.json(
      { error: 'forbidden_origin', message: 'Ce formulaire doit être envoyé depuis le site Proxim’Cité lui-même.' },
      { status: 403 },
    );
  }
  return NextResponse.next();
}

export const config = {
  // Built files and public assets need no check.
  matcher: ['/((?!_next/static|_next/image|leaflet/|favicon.ico).*)'],
};
