// The service's free phone number (the call centre at the pôle centre), shown wherever a resident may need another way
// in. NEXT_PUBLIC_ so the browser's own pages (the error page) can say it too: read at build time.
export const SERVICE_PHONE = process.env.NEXT_PUBLIC_SERVICE_PHONE || '0 800 300 029';

/** For a tel: link: digits and a leading +. */
export const SERVICE_PHONE_HREF = `tel:${SERVICE_PHONE.replace(/[^\d+]/g, '')}`;

/** The service's postal address: the sender of a letter whose pôle has no address of its own. One line per line. */
export const SERVICE_POSTAL_ADDRESS =
  // Written on one line in an environment file, with « \n » between the lines.
  process.env.SERVICE_POSTAL_ADDRESS?.trim().replace(/\\n/g, '\n') ||
  'Clermont Auvergne Métropole\n64-66 avenue de l’Union Soviétique\nBP 231\n63007 Clermont-Ferrand Cedex 1';
