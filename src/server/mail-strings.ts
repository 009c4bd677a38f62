// The code e-mail's words per locale and its composition as plain text plus simple HTML.
import type { Locale } from '../domain/order';
import { groupSerial } from '../domain/order';
import type { OrderGeneration } from '../domain/generations';
import { formatPrice, type Price } from '../domain/price';

interface MailStrings {
  subject: string;
  /** {serial} is replaced. */
  intro: string;
  /** {label} is replaced; used only when the order named a car. */
  car: string;
  howTo: string;
  signature: string;
  /** Receipt lines: {reference}, {amount}. */
  reference: string;
  amountPaid: string;
  /** How to enter the code, per kind of head unit (FACTS.md, generations table, "entry"). */
  entry: Record<EntryMethod, string>;
  refundSubject: string;
  /** {reference}, {amount} are replaced. */
  refundIntro: string;
  /** {reason} is replaced. */
  refundReason: string;
  refundNote: string;
}

/** The three ways the catalogue's head units take a code. */
type EntryMethod = 'presetsConfirm' | 'presetsHold' | 'controller';

const ENTRY_METHOD: Readonly<Record<OrderGeneration, EntryMethod>> = {
  // Takes no code (VIN-bound): no order is accepted for it; listed so every generation has an answer.
  'f60-nbt-evo': 'controller',
  'r50-r53': 'presetsConfirm',
  'r55-r59': 'presetsHold',
  'r60-r61': 'presetsHold',
  'f55-f57': 'controller',
  'f54-f60': 'controller',
};

/** What the customer sees as the order's reference: short enough to read out on the phone. */
export function orderReference(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}

/** Short on purpose: the app explains the entry step by step, the mail only carries the code. */
export const MAIL_STRINGS: Readonly<Record<Locale, MailStrings>> = {
  en: {
    subject: 'Your MINI radio code',
    intro: 'Here is the radio code for serial number {serial}:',
    car: 'Car: {label}',
    howTo: 'Enter it with the preset buttons as the app shows you. If the radio shows WAIT, leave the ignition on and wait until CODE appears again.',
    signature: 'MINI radio code helper',
    reference: 'Order reference: {reference}',
    amountPaid: 'Amount paid: {amount}',
    entry: {
      presetsConfirm: 'Preset buttons 1 to 4 (1 to 5 for a five-digit code) set the digits; then confirm with the knob or OK.',
      presetsHold: 'Press preset buttons 1, 2, 3 and 4 in turn: each press raises that digit by one. After the last digit, hold the last button to submit.',
      controller: 'Open Settings → Radio → Enter Code, choose each digit with the controller or the touchscreen, then press the controller to confirm.',
    },
    refundSubject: 'Your MINI radio code order was refunded',
    refundIntro: 'We have refunded order {reference} ({amount}). The money goes back to the card you paid with.',
    refundReason: 'Reason: {reason}',
    refundNote: 'Banks usually take 5 to 10 days to show a refund.',
  },
  de: {
    subject: 'Ihr MINI-Radiocode',
    intro: 'Hier ist der Radiocode für die Seriennummer {serial}:',
    car: 'Fahrzeug: {label}',
    howTo: 'Geben Sie ihn mit den Stationstasten ein, wie die App es zeigt. Zeigt das Radio WAIT, lassen Sie die Zündung an und warten Sie, bis wieder CODE erscheint.',
    signature: 'MINI-Radiocode-Helfer',
    reference: 'Bestellnummer: {reference}',
    amountPaid: 'Bezahlt: {amount}',
    entry: {
      presetsConfirm: 'Die Stationstasten 1 bis 4 (1 bis 5 bei fünfstelligem Code) stellen die Ziffern ein; dann mit dem Drehknopf oder OK bestätigen.',
      presetsHold: 'Drücken Sie die Stationstasten 1, 2, 3 und 4 der Reihe nach: Jeder Druck erhöht die Ziffer um eins. Nach der letzten Ziffer halten Sie die letzte Taste gedrückt.',
      controller: 'Öffnen Sie Einstellungen → Radio → Code eingeben, wählen Sie jede Ziffer mit dem Controller oder dem Touchscreen und bestätigen Sie durch Drücken des Controllers.',
    },
    refundSubject: 'Ihre Bestellung des MINI-Radiocodes wurde erstattet',
    refundIntro: 'Wir haben die Bestellung {reference} ({amount}) erstattet. Das Geld geht auf die Karte zurück, mit der Sie bezahlt haben.',
    refundReason: 'Grund: {reason}',
    refundNote: 'Banken zeigen eine Erstattung meist nach 5 bis 10 Tagen an.',
  },
  fr: {
    subject: 'Votre code autoradio MINI',
    intro: 'Voici le code autoradio pour le numéro de série {serial} :',
    car: 'Véhicule : {label}',
    howTo: "Saisissez-le avec les touches de présélection, comme l'application vous le montre. Si l'autoradio affiche WAIT, laissez le contact mis et attendez que CODE réapparaisse.",
    signature: 'Assistant code autoradio MINI',
    reference: 'Référence de commande : {reference}',
    amountPaid: 'Montant payé : {amount}',
    entry: {
      presetsConfirm: 'Les touches de présélection 1 à 4 (1 à 5 pour un code à cinq chiffres) règlent les chiffres ; validez ensuite avec le bouton rotatif ou OK.',
      presetsHold: 'Appuyez tour à tour sur les touches 1, 2, 3 et 4 : chaque appui augmente le chiffre d’une unité. Après le dernier chiffre, maintenez la dernière touche pour valider.',
      controller: 'Ouvrez Réglages → Radio → Saisir le code, choisissez chaque chiffre avec le contrôleur ou l’écran tactile, puis appuyez sur le contrôleur pour valider.',
    },
    refundSubject: 'Votre commande de code autoradio MINI a été remboursée',
    refundIntro: 'Nous avons remboursé la commande {reference} ({amount}). L’argent revient sur la carte utilisée pour le paiement.',
    refundReason: 'Motif : {reason}',
    refundNote: 'Les banques affichent généralement un remboursement sous 5 à 10 jours.',
  },
  es: {
    subject: 'Su código de radio MINI',
    intro: 'Este es el código de radio para el número de serie {serial}:',
    car: 'Vehículo: {label}',
    howTo: 'Introdúzcalo con los botones de presintonía como le indica la aplicación. Si la radio muestra WAIT, deje el contacto puesto y espere hasta que vuelva a aparecer CODE.',
    signature: 'Asistente de código de radio MINI',
    reference: 'Referencia del pedido: {reference}',
    amountPaid: 'Importe pagado: {amount}',
    entry: {
      presetsConfirm: 'Los botones de presintonía 1 a 4 (1 a 5 para un código de cinco cifras) fijan las cifras; después confirme con el mando giratorio u OK.',
      presetsHold: 'Pulse los botones 1, 2, 3 y 4 por orden: cada pulsación sube esa cifra en uno. Tras la última cifra, mantenga pulsado el último botón para enviar.',
      controller: 'Abra Ajustes → Radio → Introducir código, elija cada cifra con el mando o la pantalla táctil y pulse el mando para confirmar.',
    },
    refundSubject: 'Hemos reembolsado su pedido de código de radio MINI',
    refundIntro: 'Hemos reembolsado el pedido {reference} ({amount}). El dinero vuelve a la tarjeta con la que pagó.',
    refundReason: 'Motivo: {reason}',
    refundNote: 'Los bancos suelen tardar de 5 a 10 días en mostrar un reembolso.',
  },
  it: {
    subject: 'Il suo codice autoradio MINI',
    intro: 'Ecco il codice autoradio per il numero di serie {serial}:',
    car: 'Veicolo: {label}',
    howTo: "Lo inserisca con i tasti di preselezione come le mostra l'app. Se l'autoradio mostra WAIT, lasci il quadro acceso e attenda che ricompaia CODE.",
    signature: 'Assistente codice autoradio MINI',
    reference: 'Riferimento ordine: {reference}',
    amountPaid: 'Importo pagato: {amount}',
    entry: {
      presetsConfirm: 'I tasti di preselezione da 1 a 4 (da 1 a 5 per un codice a cinque cifre) impostano le cifre; poi confermi con la manopola o OK.',
      presetsHold: 'Prema in ordine i tasti 1, 2, 3 e 4: ogni pressione aumenta la cifra di uno. Dopo l’ultima cifra tenga premuto l’ultimo tasto per inviare.',
      controller: 'Apra Impostazioni → Radio → Inserisci codice, scelga ogni cifra con il controller o il touchscreen, poi prema il controller per confermare.',
    },
    refundSubject: 'Il suo ordine del codice autoradio MINI è stato rimborsato',
    refundIntro: 'Abbiamo rimborsato l’ordine {reference} ({amount}). Il denaro torna sulla carta con cui ha pagato.',
    refundReason: 'Motivo: {reason}',
    refundNote: 'Di solito le banche mostrano un rimborso entro 5–10 giorni.',
  },
  nl: {
    subject: 'Uw MINI-radiocode',
    intro: 'Hier is de radiocode voor serienummer {serial}:',
    car: 'Auto: {label}',
    howTo: 'Voer hem in met de voorkeuzetoetsen zoals de app laat zien. Toont de radio WAIT, laat dan het contact aan en wacht tot CODE weer verschijnt.',
    signature: 'MINI-radiocodehulp',
    reference: 'Bestelnummer: {reference}',
    amountPaid: 'Betaald: {amount}',
    entry: {
      presetsConfirm: 'De voorkeuzetoetsen 1 tot 4 (1 tot 5 bij een vijfcijferige code) zetten de cijfers; bevestig daarna met de draaiknop of OK.',
      presetsHold: 'Druk de voorkeuzetoetsen 1, 2, 3 en 4 om beurten: elke druk verhoogt dat cijfer met één. Houd na het laatste cijfer de laatste toets ingedrukt.',
      controller: 'Open Instellingen → Radio → Code invoeren, kies elk cijfer met de controller of het touchscreen en druk op de controller om te bevestigen.',
    },
    refundSubject: 'Uw bestelling van de MINI-radiocode is terugbetaald',
    refundIntro: 'We hebben bestelling {reference} ({amount}) terugbetaald. Het geld gaat terug naar de kaart waarmee u betaalde.',
    refundReason: 'Reden: {reason}',
    refundNote: 'Banken tonen een terugbetaling meestal binnen 5 tot 10 dagen.',
  },
};

export interface CodeMailInput {
  locale: Locale;
  serial: string;
  code: string;
  caseLabel?: string;
  /** With these the mail is a receipt: reference, amount paid, and the entry steps for the car's radio. */
  orderId?: string;
  generation?: OrderGeneration;
  paid?: Price;
}

export interface RefundMailInput {
  locale: Locale;
  orderId: string;
  paid?: Price;
  reason?: string;
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
  const receipt = [
    ...(input.orderId ? [strings.reference.replace('{reference}', orderReference(input.orderId))] : []),
    ...(input.paid ? [strings.amountPaid.replace('{amount}', formatPrice(input.paid, input.locale))] : []),
  ];
  const howTo = input.generation ? `${strings.entry[ENTRY_METHOD[input.generation]]} ${strings.howTo}` : strings.howTo;

  const text = [
    intro,
    '',
    `    ${input.code}`,
    '',
    ...(car ? [car, ''] : []),
    howTo,
    '',
    ...(receipt.length > 0 ? [...receipt, ''] : []),
    `-- ${strings.signature}`,
    '',
  ].join('\n');

  // Inline styles are fine in mail (no CSP there) and the only styling mail clients keep.
  const html = [
    '<!doctype html>',
    `<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(strings.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">',
    `<p>${escapeHtml(strings.intro).replace('{serial}', `<strong>${escapeHtml(serial)}</strong>`)}</p>`,
    `<p style="font-size:2em;font-weight:bold;letter-spacing:0.2em;font-family:ui-monospace,monospace">${escapeHtml(input.code)}</p>`,
    ...(car ? [`<p>${escapeHtml(car)}</p>`] : []),
    `<p>${escapeHtml(howTo)}</p>`,
    ...(receipt.length > 0 ? [`<p style="color:#555">${receipt.map(escapeHtml).join('<br>')}</p>`] : []),
    `<p style="color:#555">${escapeHtml(strings.signature)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: strings.subject, text, html };
}

export function composeRefundMail(input: RefundMailInput): ComposedMail {
  const strings = MAIL_STRINGS[input.locale] ?? MAIL_STRINGS.en;
  const amount = input.paid ? formatPrice(input.paid, input.locale) : '';
  const intro = strings.refundIntro.replace('{reference}', orderReference(input.orderId)).replace(' ({amount})', amount ? ` (${amount})` : '').replace('{amount}', amount);
  const reason = input.reason ? strings.refundReason.replace('{reason}', input.reason) : undefined;
  const text = [intro, '', ...(reason ? [reason, ''] : []), strings.refundNote, '', `-- ${strings.signature}`, ''].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(strings.refundSubject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">',
    `<p>${escapeHtml(intro)}</p>`,
    ...(reason ? [`<p>${escapeHtml(reason)}</p>`] : []),
    `<p>${escapeHtml(strings.refundNote)}</p>`,
    `<p style="color:#555">${escapeHtml(strings.signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: strings.refundSubject, text, html };
}
