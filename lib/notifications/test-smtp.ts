// For the notification tests and the notification bench (one server for all of them): a real SMTP server
// on loopback (smtp-server) that keeps every message, parsed with mailparser, can refuse (451) the next
// messages to play an SMTP server that is down, and can take its time per message (so a worker can be
// killed mid-send).
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TestSmtp = {
  url: string;
  messages: ParsedMail[];
  /** Refuse the next `n` messages with 451 (a temporary failure). */
  refuseNext: (n: number) => void;
  refused: () => number;
  /** Wait this long before answering each message. */
  setDelay: (ms: number) => void;
  close: () => Promise<void>;
};

export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  let refuse = 0;
  let refusedCount = 0;
  let delay = 0;
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const answer = () => {
          if (refuse > 0) {
            refuse--;
            refusedCount++;
            return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
          }
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              messages.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        };
        if (delay > 0) setTimeout(answer, delay);
        else answer();
      });
    },
  });
  // A client killed mid-session (the kill -9 tests kill the worker while it talks to us) resets its
  // connection: expected, not a failure of the server. Anything else still surfaces.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "ECONNRESET" || error.code === "EPIPE") return;
    throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (n) => void (refuse = n),
    refused: () => refusedCount,
    setDelay: (ms) => void (delay = ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header exactly as it came over the wire (mailparser folds List-* headers into `list`), or undefined. */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim();
}

/** The To address of a message as parsed. */
export const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : "");
