// Who is on the other end of a connection: the client's address and scheme, from the socket and from the hops that
// a configured number of trusted proxies added, never from what the client itself wrote in a header.

/** The header Dead Air's server writes for the app with the client's address; a client's own copy is replaced. */
export const CLIENT_ADDRESS_HEADER = "x-deadair-client";

/** DEADAIR_TRUSTED_PROXIES: how many proxies in front of Dead Air append to X-Forwarded-For (default 0: none). */
export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DEADAIR_TRUSTED_PROXIES?.trim();
  if (!raw) return 0;
  if (!/^\d{1,2}$/.test(raw)) throw new Error(`DEADAIR_TRUSTED_PROXIES must be a whole number of proxies from 0 to 99 (it is "${raw}").`);
  return Number(raw);
}

/**
 * The client's address. Each proxy appends the address it was reached from to X-Forwarded-For, so the chain, with
 * the socket's peer last, is [client?, …, proxy 1, socket]. With `trusted` proxies in front, the last `trusted`
 * entries are theirs and the one before them is the client; anything further left was written by the client and
 * proves nothing. With no proxy trusted, the socket's peer is the client.
 */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: number): string {
  const socket = normalise(socketAddress ?? "") || "unknown";
  if (trusted === 0) return socket;
  const written = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  // Read from the right, the last `trusted` hops only: what the client wrote further left is never looked at.
  const hops: string[] = [];
  let end = written.length;
  while (hops.length < trusted && end > 0) {
    const start = written.lastIndexOf(",", end - 1) + 1;
    const hop = normalise(written.slice(start, end));
    if (hop) hops.unshift(hop);
    end = start - 1;
  }
  const chain = [...hops, socket];
  // Fewer hops than trusted proxies: the left-most is the nearest thing to a client there is.
  return chain[Math.max(0, chain.length - 1 - trusted)];
}

/** "::ffff:127.0.0.1" is 127.0.0.1; an address is at most 64 characters of what addresses are made of. */
function normalise(address: string): string {
  const trimmed = address.trim().slice(0, 64);
  if (!/^[0-9a-fA-F:.[\]%a-zA-Z-]*$/.test(trimmed)) return "";
  return trimmed.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}
