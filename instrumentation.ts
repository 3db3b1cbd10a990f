// Runs once when the server starts: the database must open and be migrated before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { firstAdminOrExit, prepareDatabaseOrExit } = await import("./lib/startup");
    prepareDatabaseOrExit();
    await firstAdminOrExit();
  }
}
