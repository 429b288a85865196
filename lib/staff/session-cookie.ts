// Auth.js keeps a staff session in one cookie, `authjs.session-token` (`__Secure-authjs.session-token` on https), cut
// into `.0`, `.1`… when large, and reads every non-empty cookie whose name starts so. Without one, nobody is signed
// in, which the header of every public page can tell without asking Auth.js: its auth() builds and answers a whole
// session request, with a fresh CSRF token, each time (about 1 ms of the 25 ms of server CPU a /signalements costs).

const PREFIXES = ['authjs.session-token', '__Secure-authjs.session-token'];

/** Whether the request carries a staff session cookie at all (Auth.js then says whose, and whether it still holds). */
export function hasSessionCookie(cookies: { name: string; value: string }[]): boolean {
  return cookies.some(({ name, value }) => value !== '' && PREFIXES.some((prefix) => name.startsWith(prefix)));
}
