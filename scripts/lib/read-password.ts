// Reads a password for the operator CLI without it ever being a command-line argument (those show up
// in `ps` and shell history): from NARTHEX_PASSWORD, from piped stdin, or typed at a prompt unechoed.
import { stdin, stderr } from "node:process";

export async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.NARTHEX_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (!stdin.isTTY) return (await readPiped()).replace(/\r?\n$/, "");
  const first = await promptHidden(prompt);
  const again = await promptHidden("Type it again: ");
  if (first !== again) throw new PasswordMismatch();
  return first;
}

export class PasswordMismatch extends Error {
  constructor() {
    super("the two passwords differ; nothing was changed");
  }
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  // The first line only: `echo secret | npm run narthex -- admin:create …`.
  return Buffer.concat(chunks).toString("utf8").split("\n")[0] ?? "";
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let typed = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener("data", onData);
      stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === "\r" || char === "\n" || char === "\u0004") return done();
        if (char === "\u0003") return done(new Error("cancelled; nothing was changed"));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else if (char >= " ") typed += char;
      }
    };
    stdin.on("data", onData);
  });
}
