// Runs once when the server starts: the database must open and be migrated before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Only scripts/serve.ts writes the client's address from the socket; under a bare `next start` a client could
    // name any address it likes, and the sign-in limits would count it.
    if (process.env.DEADAIR_SERVE !== "1") {
      console.error('Dead Air: start the server with "npm start" (scripts/serve.ts), not "next start".');
      process.exit(1);
    }
    const { firstAdminOrExit, prepareDatabaseOrExit, publicOriginOrExit } = await import("./lib/startup");
    publicOriginOrExit();
    await prepareDatabaseOrExit();
    await firstAdminOrExit();
    // Alerts are sent in the background, never by the request or detection that queued them; it stops on exit.
    const { startWebhookWorker } = await import("./lib/live/webhook-worker");
    startWebhookWorker();
    // The detectors' clock (a stream that stops sends nothing) and the purge of raw samples past their retention.
    const { startLiveMonitoring } = await import("./lib/live/monitoring");
    startLiveMonitoring();
    // The monitor worker listens to streams and polls audiences; DEADAIR_MONITOR_WORKER=0 leaves that to workers
    // started apart (npm run monitor). It stops its ffmpeg processes and lets go of its monitors when the server stops.
    if (process.env.DEADAIR_MONITOR_WORKER !== "0") {
      const { startMonitorWorker, stopMonitorWorker } = await import("./lib/monitor/worker");
      const { onShutdown } = await import("./lib/shutdown");
      startMonitorWorker();
      onShutdown(stopMonitorWorker);
    }
    // Next stops on SIGTERM by closing the server (in-flight requests finish), then exits: close the database
    // last, so that its WAL is checkpointed into the file.
    const { closeAllConnections } = await import("./lib/sqlite");
    process.once("exit", closeAllConnections);
  }
}
