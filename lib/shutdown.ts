// Work a stopping server does before it exits: the monitor worker stops its ffmpeg processes and lets go of its
// leases. Kept on globalThis, because the server (scripts/serve.ts) and Next's bundles load this module apart.

type Hook = () => Promise<void>;

const shared = globalThis as unknown as { deadAirShutdownHooks?: Set<Hook> };
const hooks = (shared.deadAirShutdownHooks ??= new Set());

export function onShutdown(hook: Hook): void {
  hooks.add(hook);
}

/** Runs every hook at once; settles when all have, or after `timeoutMs` (a stop is never held up for ever). */
export async function runShutdownHooks(timeoutMs = 5_000): Promise<void> {
  const all = Promise.allSettled([...hooks].map((hook) => hook()));
  hooks.clear();
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
