// `npm run token:create -- --name N --scope read|write`: makes an API token and prints it once.
import { parseArgs } from "node:util";
import { createApiToken } from "../lib/data/api-tokens";
import { disconnectDb } from "../lib/db";
import { AppError } from "../lib/errors";
import { prepareDatabase } from "../lib/prepare";
import { systemActor } from "../lib/domain/actor";

/** Whoever runs this from a shell on the server's machine acts as Dead Air itself. */
const CONSOLE = { actor: systemActor("console") };

const USAGE = "Usage: npm run token:create -- --name newsroom-importer --scope read|write";

async function main() {
  let args;
  try {
    args = parseArgs({ options: { name: { type: "string" }, scope: { type: "string", default: "read" } } }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exit(2);
  }
  if (!args.name) {
    console.error(`--name is required.\n${USAGE}`);
    process.exit(2);
  }
  await prepareDatabase();
  const token = await createApiToken({ ctx: CONSOLE, input: { name: args.name, scope: args.scope } });
  console.log(`Created the ${token.scope} token "${token.name}". It is shown only now; send it as "Authorization: Bearer <token>":`);
  console.log(token.token);
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
