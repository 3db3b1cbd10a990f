// Checks the Icecast harness end to end (server, source, listeners, teardown): `npx tsx tests/support/icecast.check.ts`.
import { execFileSync } from "node:child_process";
import { connectListeners, listenerCount, startIcecast, startSource } from "./icecast";

let failures = 0;
function check(what: string, ok: boolean, detail = ""): void {
  if (!ok) failures++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ` (${detail})` : ""}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const leftovers = () =>
  execFileSync("ps", ["-eo", "comm"], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim())
    .filter((comm) => comm === "icecast2" || comm === "ffmpeg");

// Processes that were there before the check (another run, another engineer's) are not ours to count.
const before = leftovers().length;
try {
  let t = Date.now();
  const server = await startIcecast();
  check("icecast2 answers /status-json.xsl", true, `${Date.now() - t} ms, ${server.url}`);
  try {
    t = Date.now();
    const source = await startSource(server, { mount: "/live", filter: "sine=frequency=440" });
    check("the /live mount appears", true, `${source.startedAt - t} ms`);
    check("no listeners at first", (await listenerCount(server, "/live")) === 0, `got ${await listenerCount(server, "/live")}`);
    const listeners = await connectListeners(`${server.url}/live`, 3);
    await sleep(1_000);
    const three = await listenerCount(server, "/live");
    check("3 listeners counted", three === 3, `got ${three}`);
    await listeners.close();
    t = Date.now();
    await source.stop();
    check("ffmpeg stops", true, `${Date.now() - t} ms, exit code ${await source.exited}`);
    t = Date.now();
    let gone = false;
    while (!gone && Date.now() - t < 5_000) {
      gone = (await listenerCount(server, "/live")) === null;
      if (!gone) await sleep(100);
    }
    check("the mount disappears within 5 s", gone, `${Date.now() - t} ms`);
  } finally {
    t = Date.now();
    await server.stop();
    check("icecast2 stops", true, `${Date.now() - t} ms`);
  }
} catch (error) {
  check("no error thrown", false, (error as Error).stack ?? String(error));
}
const left = leftovers();
check("no icecast2 or ffmpeg left", left.length <= before, left.join(", ") || "none");
process.exit(failures === 0 ? 0 : 1);
