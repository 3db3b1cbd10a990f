// Runs once when the server starts: the database must open and be migrated before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { firstAdminOrExit, prepareDatabaseOrExit, publicOriginOrExit } = await import("./lib/startup");
    publicOriginOrExit();
    prepareDatabaseOrExit();
    await firstAdminOrExit();
    // Next stops on SIGTERM by closing the server (in-flight requests finish), then exits: close the database
    // last, so that its WAL is checkpointed into the file.
    const { closeAllConnections } = await import("./lib/sqlite");
    process.once("exit", closeAllConnections);
  }
}
