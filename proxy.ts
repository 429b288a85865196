import { NextResponse, type NextRequest } from 'next/server';
import { TILE_URL } from '@/components/map/tiles';
import { actionKind, checkActionRequest, type BodyProblem } from '@/lib/action-body';
import { env } from '@/lib/env';
import { contentSecurityPolicy, createNonce, strictTransportSecurity } from '@/lib/security-headers';

// The app's own entry point, before Next reads a path or a server action: requests Next would answer with a 500 get a
// clear 4xx here. Not an authorisation layer: every staff page and action checks for itself (lib/auth.ts).
// It also sets the headers that change per request or per deployment (the CSP nonce, HSTS); next.config.mjs the rest.

const HTML = { 'content-type': 'text/html; charset=utf-8' };
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

/**
 * A server action's body Next's decoding would fail on with a 500 (cut, no boundary, no JSON, too deep, too large),
 * refused in the form its sender reads: JSON for the page's script, a page for a form posted without JavaScript.
 */
function refuseBody({ status, error, message }: BodyProblem, kind: 'fetch' | 'form'): NextResponse {
  if (kind === 'fetch') return NextResponse.json({ error, message }, { status });
  return new NextResponse(PAGE('Formulaire invalide', message), { status, headers: HTML });
}

/** The response's own security headers; Next reads the nonce from the request's CSP and puts it on its scripts. */
function secure(response: NextResponse, policy: string): NextResponse {
  response.headers.set('content-security-policy', policy);
  const hsts = strictTransportSecurity(env.SITE_URL);
  if (hsts) response.headers.set('strict-transport-security', hsts);
  return response;
}

export async function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    isDevelopment: process.env.NODE_ENV === 'development',
    tileUrl: TILE_URL,
    oidcIssuer: env.AUTH_OIDC_ISSUER,
  });
  if (isMalformedPath(request.url)) {
    const page = PAGE('Adresse invalide', 'Cette adresse contient un encodage invalide : vérifiez le lien.');
    return secure(new NextResponse(page, { status: 400, headers: HTML }), policy);
  }
  if (isForeignAction(request)) {
    return secure(
      NextResponse.json(
        { error: 'forbidden_origin', message: 'Ce formulaire doit être envoyé depuis le site Proxim’Cité lui-même.' },
        { status: 403 },
      ),
      policy,
    );
  }
  const kind = actionKind(request);
  if (kind) {
    const problem = await checkActionRequest(request, kind);
    if (problem) return secure(refuseBody(problem, kind), policy);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

export const config = {
  // Built files and public assets need no check.
  matcher: ['/((?!_next/static|_next/image|leaflet/|favicon.ico).*)'],
};
