// `npm run user:create -- --email E --role editor|admin [--name N]`: adds a user; asks for the password on a terminal
// (empty: generate one), and generates one when not on a terminal. A generated password is printed once.
import { parseArgs } from "node:util";
import { createUser } from "../lib/data/users";
import { disconnectDb } from "../lib/db";
import { AppError } from "../lib/errors";
import { prepareDatabase } from "../lib/prepare";
import { systemActor } from "../lib/domain/actor";

/** Whoever runs this from a shell on the server's machine acts as Dead Air itself. */
const CONSOLE = { actor: systemActor("console") };

const USAGE = 'Usage: npm run user:create -- --email ana@example.org --role editor|admin [--name "Ana Ortiz"] [--generate]';

/** Reads a line without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stdout.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    let value = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          input.setRawMode(false);
          input.pause();
          input.off("data", onData);
          process.stdout.write("\n");
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          input.setRawMode(false);
          reject(new Error("Cancelled."));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on("data", onData);
  });
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string", default: "" },
        role: { type: "string", default: "editor" },
        generate: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exit(2);
  }
  if (!args.email) {
    console.error(`--email is required.\n${USAGE}`);
    process.exit(2);
  }
  let password = "";
  if (!args.generate && process.stdin.isTTY) {
    password = await askHidden("Password (at least 12 characters; leave empty to generate one): ");
    if (password && (await askHidden("The same password again: ")) !== password) {
      console.error("The two passwords differ; nothing was changed.");
      process.exit(1);
    }
  }
  await prepareDatabase();
  const user = await createUser({ ctx: CONSOLE, input: { email: args.email, displayName: args.name, role: args.role, password } });
  console.log(`Created the ${user.role} ${user.email}.`);
  if (user.generatedPassword) console.log(`Password (shown only now): ${user.generatedPassword}`);
}

main()
  .catch((error) => {
    if (error instanceof AppError) {
      const fields = Object.entries(error.errors).map(([field, messages]) => `  --${field}: ${messages.join(" ")}`);
      console.error([error.message, ...fields].join("\n"));
    } else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
