// What a radio code looks like (4 or 5 digits): the one pattern the order schema, the machine and the UI share.

/** Radio codes are 4 or 5 digits (FACTS.md: code length). */
export const RADIO_CODE_PATTERN = /^\d{4,5}$/;

export function isValidCode(code: string): boolean {
  return RADIO_CODE_PATTERN.test(code);
}
