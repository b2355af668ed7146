/**
 * The development mail catcher of `npm start` (when no SMTP_URL is set): a real SMTP server on this machine
 * that accepts every mail motcua sends and keeps it as a .eml file (open it with any mail program) instead
 * of sending it on. Never started in production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface MailCatcher {
  /** the SMTP_URL that reaches it */
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** Starts the catcher on 127.0.0.1:`port`, keeping mail under `dir`. */
export async function startMailCatcher({ port, dir }: { port: number; dir: string }): Promise<MailCatcher> {
  // a development tool: loaded only here, so the production image does without it
  const { SMTPServer } = await import('smtp-server');
  fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onData(stream, session, cb) {
      const to = session.envelope.rcptTo.map((r) => r.address.replace(/[^\w.@-]/g, '_')).join(',');
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${to}-${randomUUID().slice(0, 8)}.eml`);
      const out = fs.createWriteStream(file);
      stream.pipe(out);
      out.on('finish', () => cb());
      out.on('error', (err) => cb(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // once listening, a sender hanging up mid-conversation is the sender's end (logged by nobody, fatal to nothing)
  server.removeAllListeners('error');
  server.on('error', () => {});
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
