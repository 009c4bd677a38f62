// Serial lengths the guide states as facts; apart from serial.ts (and its valibot schema) so a guide page can name them cheaply.

/** Blaupunkt serials have 14 characters; dealers use the last 8 (BMW bulletin quoted on mcoupe.com). */
export const BLAUPUNKT_SERIAL_LENGTH = 14;
export const BLAUPUNKT_DEALER_CHARACTERS = 8;
