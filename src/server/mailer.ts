// The background sender of the mail outbox: delivers code e-mails over SMTP, retrying with backoff.
import nodemailer from 'nodemailer';
import { singleFlight } from '../domain/single-flight';
import type { ClaimedMail, MailOutboxRepo } from './mail-outbox-repo';
import { isLoopbackHost } from './config';
import { composeCodeMail, composeRefundMail } from './mail-strings';

/** The part of a nodemailer transport we use, so tests can hand in a fake one. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; html: string; messageId: string }): Promise<unknown>;
  close?(): void;
}

export interface BackoffOptions {
  /** Delay after the first failure; doubles with each further failure. */
  baseMs: number;
  maxMs: number;
  /** After this many failed attempts the entry is given up ('failed'): the code stays in the app. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 60 * 60_000, maxAttempts: 15 };

export interface MailerOptions {
  outbox: MailOutboxRepo;
  transport: MailTransport;
  from: string;
  clock?: () => number;
  backoff?: Partial<BackoffOptions>;
  /** Longer than one SMTP exchange can take (see the transport timeouts), so a lease ends only when its sender died. */
  leaseMs?: number;
  /** Look for entries queued by another process at least this often. */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

/** What the routes need from the sender: a nudge after queueing a mail. */
export interface MailNotifier {
  /** Something was queued: send now rather than at the next poll. */
  notify(): void;
}

export interface Mailer extends MailNotifier {
  /** One pass over the due entries; resolves with how many were delivered. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The Message-ID of an outbox entry's mail: the same on every attempt, so in the one window where a
 * mail can go out twice (SECURITY.md: a sender killed after the relay accepted it, before it was
 * recorded) the copy carries the same id and mail clients can fold it. The entry id is random and says
 * nothing about the order; the domain is the sender's own (RFC 5322 § 3.6.4).
 */
export function messageIdFor(outboxEntryId: string, from: string): string {
  const domain = /@([^<>\s@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${outboxEntryId}@${domain}>`;
}

export function backoffDelay(failedAttempts: number, options: BackoffOptions): number {
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

/**
 * What may be stored and logged about a failure: the error class and SMTP status only. The
 * server's text often quotes the recipient ("550 <someone@example.com> unknown").
 */
export function describeMailError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  const parts = [typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'ERROR'];
  if (typeof responseCode === 'number') parts.push(String(responseCode));
  return parts.join(' ');
}

/**
 * The transport settings for SMTP_URL. Codes and addresses never cross a network in clear text:
 * smtps:// is TLS from the first byte; smtp:// must upgrade with STARTTLS (requireTLS: a server
 * that does not offer it is refused) unless the relay is on this machine (loopback). Certificates
 * are verified (nodemailer's default, not weakened here).
 *
 * One pooled connection, kept open between mails: a new connection per mail pays TCP, TLS, EHLO
 * and the relay's greeting pause every time (smtp-server waits 100 ms, some relays seconds), which
 * held a sender to about 7 mails a second — fewer than fulfilment queues under load, so the
 * outbox grew faster than it drained. One connection because the sender sends one mail at a time.
 * The pool closes it after a few idle minutes and opens a new one when a server closed it.
 */
export function smtpTransportOptions(smtpUrl: string): Record<string, unknown> {
  const url = new URL(smtpUrl);
  const mustStartTls = url.protocol === 'smtp:' && !isLoopbackHost(url.hostname);
  return {
    url: smtpUrl,
    ...(mustStartTls ? { requireTLS: true } : {}),
    pool: true,
    maxConnections: 1,
    // Bounded waits: a hung SMTP server must not hold an outbox lease forever.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpTransportOptions(smtpUrl) as Parameters<typeof nodemailer.createTransport>[0]) as MailTransport;
}

export function createMailer(options: MailerOptions): Mailer {
  const clock = options.clock ?? Date.now;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const log = options.log ?? ((line: string) => console.info(line));

  // An object, not a let: it changes while an async pass is under way, which loops must see.
  const state = { stopped: false };
  let timer: NodeJS.Timeout | undefined;

  /** Sent, but the database did not take the record yet: written before anything new is claimed. */
  const unrecorded = new Map<string, { leaseId: string; sentAt: Date }>();

  /**
   * Keeps the lease while a slow SMTP exchange runs, so no other instance claims the entry and
   * sends it again; stops by itself when the send settles.
   */
  function holdLease(mail: ClaimedMail): () => void {
    const interval = setInterval(() => {
      options.outbox.renewLease(mail.id, mail.leaseId, new Date(clock() + leaseMs)).then(
        (held) => {
          if (!held) log('mail: a lease ran out during a send (the entry may be sent twice)');
        },
        (error: unknown) => log(`mail: lease renewal failed (${error instanceof Error ? error.name : 'error'})`),
      );
    }, Math.max(1, Math.floor(leaseMs / 3)));
    interval.unref();
    return () => clearInterval(interval);
  }

  /** Writes the sent mark; a database error keeps it for the next pass (the mail is NOT sent again for it). */
  async function recordSent(id: string, leaseId: string, sentAt: Date): Promise<void> {
    try {
      const held = await options.outbox.markSent(id, leaseId, sentAt);
      unrecorded.delete(id);
      log(held ? 'mail: sent' : 'mail: sent after its lease ran out (another sender may have sent it too)');
    } catch (error) {
      unrecorded.set(id, { leaseId, sentAt });
      log(`mail: sent, recording it failed (${error instanceof Error ? error.name : 'error'}); will record again`);
    }
  }

  async function deliver(mail: ClaimedMail): Promise<boolean> {
    const message =
      mail.kind === 'refund'
        ? composeRefundMail({ locale: mail.locale, orderId: mail.orderId, ...(mail.paid ? { paid: mail.paid } : {}), ...(mail.reason ? { reason: mail.reason } : {}) })
        : composeCodeMail(mail);
    const release = holdLease(mail);
    let sendError: unknown;
    let sent = false;
    try {
      await options.transport.sendMail({ from: options.from, to: mail.email, messageId: messageIdFor(mail.id, options.from), ...message });
      sent = true;
    } catch (error) {
      sendError = error;
    } finally {
      release();
    }
    // Only the SMTP exchange decides between sent and failed: a database error after a
    // successful send is a recording problem, never a reason to send again.
    if (sent) {
      await recordSent(mail.id, mail.leaseId, new Date(clock()));
      return true;
    }
    const reason = describeMailError(sendError);
    const final = mail.attempts >= backoff.maxAttempts;
    const next = new Date(clock() + backoffDelay(mail.attempts, backoff));
    await options.outbox.markFailed(mail.id, mail.leaseId, reason, next, final);
    // No order id, address or code in the log (SECURITY.md § Logs): the attempt count and error class only.
    log(
      final
        ? `mail: ${mail.kind} mail given up after ${mail.attempts} attempts (${reason})`
        : `mail: ${mail.kind} mail failed (attempt ${mail.attempts}, ${reason}); retry at ${next.toISOString()}`,
    );
    return false;
  }

  async function pass(): Promise<number> {
    // A copy: recordSent deletes from the map while we go through it.
    for (const [id, { leaseId, sentAt }] of Array.from(unrecorded)) await recordSent(id, leaseId, sentAt);
    // Still unrecorded: the database is not taking writes, so claiming more would only repeat that.
    if (unrecorded.size > 0) throw new Error('sent mails not yet recorded');
    let delivered = 0;
    while (!state.stopped) {
      const mail = await options.outbox.claimNext(new Date(clock()), leaseMs);
      if (!mail) break;
      if (await deliver(mail)) delivered += 1;
    }
    return delivered;
  }

  function schedule(delayMs: number): void {
    if (state.stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runOnce(), Math.max(0, delayMs));
    // The sender alone must not keep the process alive (tests, shutdown).
    timer.unref();
  }

  async function scheduleNext(): Promise<void> {
    const due = await options.outbox.nextDueAt();
    const untilDue = due === undefined ? pollIntervalMs : Date.parse(due) - clock();
    schedule(Math.min(pollIntervalMs, untilDue));
  }

  /** One pass, then the next wake-up; a notify during a pass costs exactly one more pass right after it. */
  const passes = singleFlight(
    async (): Promise<number> => {
      try {
        const delivered = await pass();
        await scheduleNext();
        return delivered;
      } catch (error) {
        log(`mail: outbox pass failed (${error instanceof Error ? error.name : 'error'}); retrying later`);
        schedule(pollIntervalMs);
        return 0;
      }
    },
    { shouldRerun: () => !state.stopped },
  );
  const runOnce = (): Promise<number> => passes.run(undefined);

  // Entries left from before a restart are picked up at once.
  schedule(0);

  return {
    notify() {
      if (!state.stopped) schedule(0);
    },
    runOnce,
    async stop() {
      state.stopped = true;
      clearTimeout(timer);
      await passes.running;
      options.transport.close?.();
    },
  };
}
