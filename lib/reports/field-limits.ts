// The report form's limits, shared by the form (maxLength, counters) and the server's check. No zod here: the form
// imports this file, and 30 kB of validation code has no business in the browser.

/** The longest text each field takes: the form's maxLength and the server's check read the same numbers. */
export const FIELD_MAX_LENGTH = {
  address: 200,
  description: 2000,
  name: 100,
  email: 200,
  phone: 20,
  postalAddress: 300,
} as const;
export const DESCRIPTION_MIN = 10;
export const REASON_MIN = 10;
export const REASON_MAX = 1000;
