// The Chromium the end-to-end tests and the Lighthouse benchmark run: its flags, and where the system's is.
import fs from "node:fs";

/** Flags for a machine with no network but loopback: nothing in the background reaches out. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** E2E_CHROMIUM when set, else Debian's Chromium when installed. */
export function systemChromium(): string | undefined {
  return [process.env.E2E_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string => !!p && fs.existsSync(p));
}
