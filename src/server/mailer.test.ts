import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderReceipt, OrderStatusReport } from '../domain/order';
import { createMailOutboxRepo } from './mail-outbox-repo';
import nodemailer from 'nodemailer';
import { backoffDelay, createMailer, createSmtpTransport, describeMailError, messageIdFor, smtpTransportOptions, type Mailer, type MailTransport } from './mailer';
import { createTestApp, postOrder, validOrderBody, waitFor, type TestApp } from './testing';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (random port); `reject` decides per attempt whether RCPT fails with 451.
 * Like many relays it pauses before greeting each new connection (smtp-server: 100 ms, to catch early talkers).
 */
async function startSmtp(reject: (attempt: number) => boolean = () => false) {
  const messages: Received[] = [];
  let attempts = 0;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      attempts += 1;
      if (reject(attempts)) {
        const error = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts: () => attempts,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of a received message (nodemailer uses quoted-printable for non-ASCII). */
function decodedBody(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(transport: MailTransport, backoff = { baseMs: 20, maxMs: 100, maxAttempts: 5 }): Promise<{ t: TestApp; mailer: Mailer }> {
  const holder: { mailer?: Mailer } = {};
  // The app is made before the sender (which needs the app's database), so it nudges through a holder.
  const t = await createTestApp({ mailer: { notify: () => holder.mailer?.notify() } });
  holder.mailer = createMailer({ outbox: createMailOutboxRepo(t.db), transport, from: 'MINI radio code <codes@example.test>', backoff, log: () => undefined });
  cleanups.push(() => t.close());
  cleanups.push(() => holder.mailer!.stop());
  return { t, mailer: holder.mailer };
}

async function orderAndFulfil(t: TestApp, code: string, overrides: Record<string, unknown> = {}): Promise<OrderReceipt> {
  const receipt = (await (await postOrder(t.app, { body: validOrderBody(overrides) })).json()) as OrderReceipt;
  const response = await t.app.request(`/api/admin/orders/${receipt.id}/fulfil`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(response.status).toBe(200);
  return receipt;
}

describe('code e-mail over real SMTP', () => {
  it('a fulfilment sends the code to the order address, in the order locale', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const transport = createSmtpTransport(smtp.url);
    const { t } = await setup(transport);

    await orderAndFulfil(t, '04711', { email: 'driver@example.org', locale: 'de', serial: 'bp12 3456 7890 12', caseLabel: 'Roter R56' });
    const message = await waitFor(() => smtp.messages[0], { what: 'the code mail' });
    expect(message.from).toBe('codes@example.test');
    expect(message.to).toEqual(['driver@example.org']);
    expect(message.raw).toMatch(/^To: driver@example\.org$/m);
    expect(message.raw).toMatch(/^Subject: Ihr MINI-Radiocode$/m);
    const body = decodedBody(message.raw);
    expect(body).toContain('04711');
    expect(body).toContain('BP12 3456 7890');
    expect(body).toContain('Roter R56');
    expect(message.raw).toMatch(/Content-Type: text\/plain/);
    expect(message.raw).toMatch(/Content-Type: text\/html/);

    const outbox = await waitFor(async () => {
      const entries = await createMailOutboxRepo(t.db).list();
      return entries[0]?.status === 'sent' ? entries : undefined;
    });
    expect(outbox).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it('SMTP failing first: the fulfilment stands at once, and a retry delivers the mail later', async () => {
    const smtp = await startSmtp((attempt) => attempt <= 2);
    cleanups.push(smtp.close);
    const { t } = await setup(createSmtpTransport(smtp.url));

    const receipt = await orderAndFulfil(t, '2468');
    // The customer sees the code whatever the mail does.
    const report = (await (await t.app.request(`/api/orders/${receipt.id}`, { headers: { Authorization: `Bearer ${receipt.token}` } })).json()) as OrderStatusReport;
    expect(report).toMatchObject({ status: 'fulfilled', code: '2468' });

    const message = await waitFor(() => smtp.messages[0], { what: 'the mail after retries' });
    expect(decodedBody(message.raw)).toContain('2468');
    expect(smtp.attempts()).toBe(3);
    const [entry] = await waitFor(async () => {
      const entries = await createMailOutboxRepo(t.db).list();
      return entries[0]?.status === 'sent' ? entries : undefined;
    });
    expect(entry).toMatchObject({ status: 'sent', attempts: 3 });
    expect((await t.repo.findOrder(receipt.id))?.status).toBe('fulfilled');
  });

  it('SMTP down for good: the entry is given up after maxAttempts, the fulfilment is kept, nothing personal is stored', async () => {
    const smtp = await startSmtp();
    await smtp.close(); // nothing listens on this port any more: ECONNREFUSED
    const { t } = await setup(createSmtpTransport(smtp.url), { baseMs: 10, maxMs: 20, maxAttempts: 3 });

    const receipt = await orderAndFulfil(t, '1357', { email: 'private.person@example.com' });
    const [entry] = await waitFor(async () => {
      const entries = await createMailOutboxRepo(t.db).list();
      return entries[0]?.status === 'failed' ? entries : undefined;
    });
    expect(entry).toMatchObject({ status: 'failed', attempts: 3 });
    expect(entry?.lastError).toMatch(/^[A-Z_]+( \d+)?$/);
    expect(entry?.lastError).not.toMatch(/private|example/);
    expect(await t.repo.findOrder(receipt.id)).toMatchObject({ status: 'fulfilled', code: '1357' });
  });

  it('entries left over from before a restart are sent when the sender starts', async () => {
    const sent: string[] = [];
    const t = await createTestApp({ mailer: { notify: () => undefined } });
    cleanups.push(() => t.close());
    await orderAndFulfil(t, '8080');
    expect(await createMailOutboxRepo(t.db).list()).toHaveLength(1);

    const mailer = createMailer({
      outbox: createMailOutboxRepo(t.db),
      transport: { sendMail: async (message) => void sent.push(message.text) },
      from: 'codes@example.test',
      log: () => undefined,
    });
    cleanups.push(() => mailer.stop());
    await waitFor(() => sent.length === 1, { what: 'the leftover mail' });
    expect(sent[0]).toContain('8080');
  });

  it('a backlog goes out over one SMTP connection: the greeting pause is paid once, not once per mail', async () => {
    // A connection per mail held one sender to about 7 mails a second here, fewer than fulfilment queues
    // under load: after a minute the scale-out suite's survivor had a backlog it could not send in time.
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const t = await createTestApp({ mailer: { notify: () => undefined } });
    cleanups.push(() => t.close());
    const codes = ['1001', '1002', '1003', '1004', '1005'];
    for (const code of codes) await orderAndFulfil(t, code);

    const mailer = createMailer({ outbox: createMailOutboxRepo(t.db), transport: createSmtpTransport(smtp.url), from: 'codes@example.test', log: () => undefined });
    cleanups.push(() => mailer.stop());
    await waitFor(() => smtp.messages.length === codes.length, { what: 'the backlog sent' });
    expect(smtp.connections()).toBe(1);
  });

  it('each mail carries a Message-ID of its outbox entry: the same on every attempt, another for another entry', async () => {
    // A copy from the at-least-once window (SECURITY.md) then has the same id as the first, and mail clients fold it.
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const t = await createTestApp({ mailer: { notify: () => undefined } });
    cleanups.push(() => t.close());
    await orderAndFulfil(t, '1111');
    await orderAndFulfil(t, '2222');

    // The first attempt of each entry fails after the message was handed over; the retry goes to the real relay.
    const attempts: Array<{ code: string; messageId: string }> = [];
    const relay = createSmtpTransport(smtp.url);
    const mailer = createMailer({
      outbox: createMailOutboxRepo(t.db),
      transport: {
        sendMail: async (message) => {
          const code = /\b(1111|2222)\b/.exec(message.text)?.[1] ?? '?';
          attempts.push({ code, messageId: message.messageId });
          if (attempts.filter((a) => a.code === code).length === 1) throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
          return relay.sendMail(message);
        },
        close: () => relay.close?.(),
      },
      from: 'MINI radio code <codes@example.test>',
      backoff: { baseMs: 10, maxMs: 20, maxAttempts: 5 },
      log: () => undefined,
    });
    cleanups.push(() => mailer.stop());
    await waitFor(() => smtp.messages.length === 2, { what: 'both mails after a retry' });

    const entries = await createMailOutboxRepo(t.db).list();
    const received = smtp.messages.map((m) => /^Message-ID: (.+)$/im.exec(m.raw)?.[1]?.trim());
    expect(new Set(received)).toEqual(new Set(entries.map((entry) => `<${entry.id}@example.test>`)));
    for (const code of ['1111', '2222']) {
      const ids = attempts.filter((a) => a.code === code).map((a) => a.messageId);
      expect(ids, `attempts for ${code}`).toHaveLength(2);
      expect(ids[0], `attempts for ${code}`).toBe(ids[1]);
    }
    expect(attempts.find((a) => a.code === '1111')?.messageId).not.toBe(attempts.find((a) => a.code === '2222')?.messageId);
  });

  it('a Message-ID takes the domain of the sender address, in either form MAIL_FROM accepts', () => {
    expect(messageIdFor('abc_DEF-1', 'codes@radio.example')).toBe('<abc_DEF-1@radio.example>');
    expect(messageIdFor('abc_DEF-1', 'MINI radio code <codes@radio.example>')).toBe('<abc_DEF-1@radio.example>');
  });

  it('without a mailer no outbox entry is written', async () => {
    const t = await createTestApp();
    cleanups.push(() => t.close());
    await orderAndFulfil(t, '1234');
    expect(await createMailOutboxRepo(t.db).list()).toEqual([]);
  });
});

describe('exactly once, and quiet logs', () => {
  it('logs no order id, address or code', async () => {
    const lines: string[] = [];
    const smtp = await startSmtp((attempt) => attempt === 1);
    cleanups.push(smtp.close);
    const holder: { mailer?: Mailer } = {};
    const t = await createTestApp({ mailer: { notify: () => holder.mailer?.notify() } });
    cleanups.push(() => t.close());
    holder.mailer = createMailer({
      outbox: createMailOutboxRepo(t.db),
      transport: createSmtpTransport(smtp.url),
      from: 'codes@example.test',
      backoff: { baseMs: 10, maxMs: 20, maxAttempts: 5 },
      log: (line) => lines.push(line),
    });
    cleanups.push(() => holder.mailer!.stop());
    const receipt = await orderAndFulfil(t, '97531', { email: 'secret.person@example.com' });
    await waitFor(() => lines.some((line) => line.includes('sent')), { what: 'the sent line' });
    expect(lines.some((line) => line.includes('failed'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(receipt.id);
      expect(line).not.toContain('secret.person');
      expect(line).not.toContain('97531');
    }
  });

  it('a database error after a successful send is not retried as an SMTP failure: the mail goes out once', async () => {
    const sent: string[] = [];
    const t = await createTestApp({ mailer: { notify: () => undefined } });
    cleanups.push(() => t.close());
    await orderAndFulfil(t, '4242');
    const real = createMailOutboxRepo(t.db);
    let markSentFailures = 1;
    let markFailedCalls = 0;
    const flaky = {
      ...real,
      async markSent(...args: Parameters<typeof real.markSent>) {
        if (markSentFailures > 0) {
          markSentFailures -= 1;
          throw new Error('connection terminated');
        }
        return real.markSent(...args);
      },
      async markFailed(...args: Parameters<typeof real.markFailed>) {
        markFailedCalls += 1;
        return real.markFailed(...args);
      },
    };
    const mailer = createMailer({
      outbox: flaky,
      transport: { sendMail: async (message) => void sent.push(message.text) },
      from: 'codes@example.test',
      pollIntervalMs: 20,
      log: () => undefined,
    });
    cleanups.push(() => mailer.stop());
    const [entry] = await waitFor(async () => {
      const entries = await real.list();
      return entries[0]?.status === 'sent' ? entries : undefined;
    }, { what: 'the sent mark, written on a later pass' });
    expect(entry).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sent).toHaveLength(1);
    expect(markFailedCalls).toBe(0);
  });

  it('a slow send keeps its lease: a second sender (another instance) does not send the same mail', async () => {
    const sent: string[] = [];
    const t = await createTestApp({ mailer: { notify: () => undefined } });
    cleanups.push(() => t.close());
    await orderAndFulfil(t, '1111');
    const outbox = createMailOutboxRepo(t.db);
    // Both senders read one clock that the test moves: lease lengths pass without waiting for them.
    let now = Date.now();
    const clock = () => now;
    const leaseMs = 300;
    let finishSlowSend!: () => void;
    const slowSendStarted = new Promise<void>((started) => {
      const slow = createMailer({
        outbox,
        clock,
        leaseMs,
        transport: {
          sendMail: (message) =>
            new Promise<void>((resolve) => {
              started();
              finishSlowSend = () => {
                sent.push(`slow:${message.text}`);
                resolve();
              };
            }),
        },
        from: 'codes@example.test',
        log: () => undefined,
      });
      cleanups.push(() => slow.stop());
    });
    await slowSendStarted;
    const other = createMailer({
      outbox,
      clock,
      leaseMs,
      transport: { sendMail: async (message) => void sent.push(`other:${message.text}`) },
      from: 'codes@example.test',
      log: () => undefined,
    });
    cleanups.push(() => other.stop());
    const leaseEnd = async () => Date.parse((await outbox.list())[0]!.nextAttemptAt);
    // Three whole leases pass while the send hangs, a third of a lease at a time (the renewal interval):
    // after each step the sender renews, so the lease never runs out and the other sender finds nothing.
    for (let step = 0; step < 9; step += 1) {
      now += leaseMs / 3;
      await waitFor(async () => (await leaseEnd()) >= now + leaseMs, { what: 'the lease renewed from the new time' });
      expect(await other.runOnce()).toBe(0);
    }
    finishSlowSend();
    await waitFor(async () => (await outbox.list())[0]?.status === 'sent', { what: 'the slow send recorded' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^slow:/);
  });
});

describe('SMTP needs TLS off this machine', () => {
  it('smtp:// to another host must upgrade with STARTTLS; smtps:// and loopback relays as given', () => {
    expect(smtpTransportOptions('smtp://user:pw@mail.example.com:587')).toMatchObject({ requireTLS: true });
    expect(smtpTransportOptions('smtps://user:pw@mail.example.com:465')).not.toHaveProperty('requireTLS');
    expect(smtpTransportOptions('smtp://127.0.0.1:2525')).not.toHaveProperty('requireTLS');
    expect(smtpTransportOptions('smtp://localhost:25')).not.toHaveProperty('requireTLS');
    expect(smtpTransportOptions('smtp://[::1]:25')).not.toHaveProperty('requireTLS');
  });

  it('with those settings, a server that offers no STARTTLS gets no mail', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    // The remote host's settings, pointed at our plain-text test server.
    const options = { ...smtpTransportOptions('smtp://mail.example.com:587'), url: undefined, host: '127.0.0.1', port: Number(new URL(smtp.url).port) };
    const transport = nodemailer.createTransport(options as Parameters<typeof nodemailer.createTransport>[0]);
    await expect(transport.sendMail({ from: 'codes@example.test', to: 'a@example.test', subject: 'x', text: 'x' })).rejects.toThrow();
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('mailer helpers', () => {
  it('backoff doubles from the base up to the cap', () => {
    const options = { baseMs: 1000, maxMs: 5000, maxAttempts: 10 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('describes errors by class and SMTP status only', () => {
    expect(describeMailError(Object.assign(new Error('550 <a@b.c> unknown'), { code: 'EENVELOPE', responseCode: 550 }))).toBe('EENVELOPE 550');
    expect(describeMailError(Object.assign(new Error('x'), { code: 'connect ECONNREFUSED a@b' }))).toBe('ERROR');
    expect(describeMailError('boom')).toBe('unknown');
  });
});
