// Waiting for what a worker, a server or a stream does in its own time: poll until it has happened, or fail saying what.

/** Polls `read` until it answers something other than undefined, or throws after `ms` naming `what` was awaited. */
export async function eventually<T>(what: string, read: () => Promise<T | undefined> | T | undefined, ms = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${ms / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
