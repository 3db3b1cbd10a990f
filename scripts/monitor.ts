// `npm run monitor`: the monitor worker alone, for another process or machine than the web server's. It listens to
// streams and polls audiences, runs the detectors over what it stores and sends the alerts they raise; it stops
// every ffmpeg it started and lets go of its monitors on SIGINT or SIGTERM.
import { startLiveMonitoring } from "../lib/live/monitoring";
import { startWebhookWorker, stopWebhookWorker } from "../lib/live/webhook-worker";
import { findFfmpeg, FFMPEG_MISSING } from "../lib/monitor/ffmpeg";
import { startMonitorWorker, stopMonitorWorker } from "../lib/monitor/worker";
import { closeAllConnections } from "../lib/sqlite";
import { prepareDatabaseOrExit } from "../lib/startup";

process.env.NEXT_TELEMETRY_DISABLED = "1";
await prepareDatabaseOrExit();
if (!findFfmpeg()) console.error(`Dead Air: ${FFMPEG_MISSING} Audio monitors will fail until it is; audience monitors run.`);
const worker = startMonitorWorker();
startLiveMonitoring();
startWebhookWorker();
console.log(`Dead Air: monitor worker ${worker.id} running; it takes the monitors that are due (SIGTERM stops it).`);

for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
] as const) {
  process.once(signal, () => {
    stopWebhookWorker();
    setTimeout(() => process.exit(code), 10_000).unref();
    void stopMonitorWorker().finally(() => {
      closeAllConnections();
      process.exit(code);
    });
  });
}
