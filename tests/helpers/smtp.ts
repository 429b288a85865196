import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on loopback for the e-mail tests: it accepts every message (or refuses while `refuseWith` is set,
// or answers slowly with `delayMs`), parses it with mailparser and keeps it. `stop()` and `start()` make it go down and
// come back on the same port.

export type Received = ParsedMail & { raw: Buffer };

export type SmtpReceiver = {
  port: number;
  url: string;
  messages: Received[];
  /** An SMTP answer code to refuse recipients with (e.g. 550, 451), or null to accept. */
  refuseWith: number | null;
  delayMs: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
};

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  let server: SMTPServer | null = null;
  const receiver: SmtpReceiver = {
    port: 0,
    url: '',
    messages: [],
    refuseWith: null,
    delayMs: 0,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(_address, _session, callback) {
          if (receiver.refuseWith === null) return callback();
          const error = new Error('refusé par le test') as Error & { responseCode: number };
          error.responseCode = receiver.refuseWith;
          callback(error);
        },
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', async () => {
            const raw = Buffer.concat(chunks);
            const parsed = await simpleParser(raw);
            setTimeout(() => {
              receiver.messages.push(Object.assign(parsed, { raw }));
              callback();
            }, receiver.delayMs);
          });
        },
      });
      await new Promise<void>((resolve) => server!.listen(receiver.port, '127.0.0.1', resolve));
      receiver.port = (server.server.address() as AddressInfo).port;
      receiver.url = `smtp://127.0.0.1:${receiver.port}`;
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (receiver.messages.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      if (receiver.messages.length < count) throw new Error(`expected ${count} e-mails, got ${receiver.messages.length}`);
      return receiver.messages;
    },
  };
  await receiver.start();
  return receiver;
}
