// The service's free phone number (the call centre at the pôle centre), shown wherever a resident may need another way
// in. NEXT_PUBLIC_ so the browser's own pages (the error page) can say it too: read at build time.
export const SERVICE_PHONE = process.env.NEXT_PUBLIC_SERVICE_PHONE || '0 800 300 029';

/** For a tel: link: digits and a leading +. */
export const SERVICE_PHONE_HREF = `tel:${SERVICE_PHONE.replace(/[^\d+]/g, '')}`;
