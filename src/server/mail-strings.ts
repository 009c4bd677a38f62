// The code e-mail's words per locale and its composition as plain text plus simple HTML.
import type { Locale } from '../domain/order';
import { groupSerial } from '../domain/order';

interface MailStrings {
  subject: string;
  /** {serial} is replaced. */
  intro: string;
  /** {label} is replaced; used only when the order named a car. */
  car: string;
  howTo: string;
  signature: string;
}

/** Short on purpose: the app explains the entry step by step, the mail only carries the code. */
export const MAIL_STRINGS: Readonly<Record<Locale, MailStrings>> = {
  en: {
    subject: 'Your MINI radio code',
    intro: 'Here is the radio code for serial number {serial}:',
    car: 'Car: {label}',
    howTo: 'Enter it with the preset buttons as the app shows you. If the radio shows WAIT, leave the ignition on and wait until CODE appears again.',
    signature: 'MINI radio code helper',
  },
  de: {
    subject: 'Ihr MINI-Radiocode',
    intro: 'Hier ist der Radiocode für die Seriennummer {serial}:',
    car: 'Fahrzeug: {label}',
    howTo: 'Geben Sie ihn mit den Stationstasten ein, wie die App es zeigt. Zeigt das Radio WAIT, lassen Sie die Zündung an und warten Sie, bis wieder CODE erscheint.',
    signature: 'MINI-Radiocode-Helfer',
  },
  fr: {
    subject: 'Votre code autoradio MINI',
    intro: 'Voici le code autoradio pour le numéro de série {serial} :',
    car: 'Véhicule : {label}',
    howTo: "Saisissez-le avec les touches de présélection, comme l'application vous le montre. Si l'autoradio affiche WAIT, laissez le contact mis et attendez que CODE réapparaisse.",
    signature: 'Assistant code autoradio MINI',
  },
  es: {
    subject: 'Su código de radio MINI',
    intro: 'Este es el código de radio para el número de serie {serial}:',
    car: 'Vehículo: {label}',
    howTo: 'Introdúzcalo con los botones de presintonía como le indica la aplicación. Si la radio muestra WAIT, deje el contacto puesto y espere hasta que vuelva a aparecer CODE.',
    signature: 'Asistente de código de radio MINI',
  },
  it: {
    subject: 'Il suo codice autoradio MINI',
    intro: 'Ecco il codice autoradio per il numero di serie {serial}:',
    car: 'Veicolo: {label}',
    howTo: "Lo inserisca con i tasti di preselezione come le mostra l'app. Se l'autoradio mostra WAIT, lasci il quadro acceso e attenda che ricompaia CODE.",
    signature: 'Assistente codice autoradio MINI',
  },
  nl: {
    subject: 'Uw MINI-radiocode',
    intro: 'Hier is de radiocode voor serienummer {serial}:',
    car: 'Auto: {label}',
    howTo: 'Voer hem in met de voorkeuzetoetsen zoals de app laat zien. Toont de radio WAIT, laat dan het contact aan en wacht tot CODE weer verschijnt.',
    signature: 'MINI-radiocodehulp',
  },
};

export interface CodeMailInput {
  locale: Locale;
  serial: string;
  code: string;
  caseLabel?: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function composeCodeMail(input: CodeMailInput): ComposedMail {
  const strings = MAIL_STRINGS[input.locale] ?? MAIL_STRINGS.en;
  const serial = groupSerial(input.serial);
  const intro = strings.intro.replace('{serial}', serial);
  const car = input.caseLabel ? strings.car.replace('{label}', input.caseLabel) : undefined;

  const text = [intro, '', `    ${input.code}`, '', ...(car ? [car, ''] : []), strings.howTo, '', `-- ${strings.signature}`, ''].join('\n');

  // Inline styles are fine in mail (no CSP there) and the only styling mail clients keep.
  const html = [
    '<!doctype html>',
    `<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(strings.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">',
    `<p>${escapeHtml(strings.intro).replace('{serial}', `<strong>${escapeHtml(serial)}</strong>`)}</p>`,
    `<p style="font-size:2em;font-weight:bold;letter-spacing:0.2em;font-family:ui-monospace,monospace">${escapeHtml(input.code)}</p>`,
    ...(car ? [`<p>${escapeHtml(car)}</p>`] : []),
    `<p>${escapeHtml(strings.howTo)}</p>`,
    `<p style="color:#555">${escapeHtml(strings.signature)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: strings.subject, text, html };
}
