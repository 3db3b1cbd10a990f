// `npm run db:seed`: migrates the database if needed and writes the reference events of FACTS.md.
import { disconnectDb } from "../lib/db";
import { seedDatabase } from "../lib/data/seed";
import { prepareDatabase } from "../lib/prepare";

async function main() {
  await prepareDatabase();
  const { eventsCreated, sourcesCreated, recordsFilled } = await seedDatabase();
  console.log(
    `Seed: ${eventsCreated} events and ${sourcesCreated} sources created; ${recordsFilled} records seeded earlier given their quotes (records people changed left as they are).`,
  );
  await disconnectDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
