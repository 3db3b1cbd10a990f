// Where Dead Air may send requests that someone else chose the address of (webhooks, monitors): public http(s) hosts
// only, so that an alert or a monitor's URL cannot make the server reach its own machine or network (SSRF).
import "server-only";
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";

/** Every address a host name resolves to. */
export type Resolver = (host: string) => Promise<string[]>;

/** The system's resolver (getaddrinfo, so /etc/hosts counts: "localhost" is loopback), every address of the name. */
export const systemResolver: Resolver = async (host) => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Read at every check, so a test can change it between two requests. */
export function privateTargetsAllowed(): boolean {
  return process.env.DEADAIR_ALLOW_PRIVATE_TARGETS === "1";
}

/** What the address is for: the refusals say it in their words. */
export type TargetPurpose = "alerts" | "monitors";

const ONLY_PUBLIC: Record<TargetPurpose, string> = {
  alerts: "alerts go to public addresses only, unless the server runs with DEADAIR_ALLOW_PRIVATE_TARGETS=1.",
  monitors: "monitors watch public addresses only, unless the server runs with DEADAIR_ALLOW_PRIVATE_TARGETS=1.",
};
const CAN = { alerts: "can receive alerts", monitors: "can be monitored" } as const;

/** ipaddr.js's range names, in words; every range not named here and not "unicast" is special-purpose. */
const KINDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  uniqueLocal: "a private address",
  linkLocal: "a link-local address",
  unspecified: "an unspecified address",
  carrierGradeNat: "a carrier-grade NAT address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
};
const SPECIAL = "a reserved or special-purpose address";

/** Only 2000::/3 is allocated for global unicast; IPv4-compatible ::a.b.c.d and the unassigned rest are not. */
const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");
const NAT64 = ipaddr.parseCIDR("64:ff9b::/96");
const TRANSLATED = ipaddr.parseCIDR("::ffff:0:0:0/96");

/**
 * The IPv4 address an IPv6 one stands for, where connecting to it reaches that IPv4 host: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
 */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  if (ip.isIPv4MappedAddress()) return ip.toIPv4Address();
  if (ip.match(TRANSLATED) || ip.match(NAT64)) return new ipaddr.IPv4([p[6] >> 8, p[6] & 255, p[7] >> 8, p[7] & 255]);
  if (ip.range() === "6to4") return new ipaddr.IPv4([p[1] >> 8, p[1] & 255, p[2] >> 8, p[2] & 255]);
  return null;
}

/** What kind of address `address` is when it is not public ("a loopback address"), or null when it is public unicast. */
export function nonPublicKind(address: string): string | null {
  if (net.isIP(address) === 0) return "not an IP address";
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    const v4 = embeddedIPv4(v6);
    if (!v4) {
      const range = v6.range();
      if (range !== "unicast") return KINDS[range] ?? SPECIAL;
      return v6.match(GLOBAL_UNICAST) ? null : SPECIAL;
    }
    ip = v4;
  }
  const range = (ip as ipaddr.IPv4).range();
  return range === "unicast" ? null : (KINDS[range] ?? SPECIAL);
}

/**
 * Null when `url` may receive a request from Dead Air, else why not, in a sentence: only http(s); the host, when it
 * is a name, resolved and every one of its addresses public (a name with one private address among public ones is
 * refused, since the connection could go to either). DEADAIR_ALLOW_PRIVATE_TARGETS=1 lifts the address rule only.
 */
export async function checkTarget(url: string, resolve: Resolver = systemResolver, purpose: TargetPurpose = "alerts"): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "The address is not a valid URL.";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `Only http:// and https:// addresses ${CAN[purpose]}, not ${parsed.protocol.slice(0, 20)} ones.`;
  }
  // The WHATWG parser has already turned 0x7f.1, 2130706433 and the like into 127.0.0.1.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") return "The address has no host.";
  if (privateTargetsAllowed()) return null;
  if (net.isIP(host) !== 0) {
    const kind = nonPublicKind(host);
    return kind ? `${host} is ${kind}: ${ONLY_PUBLIC[purpose]}` : null;
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return `The host ${host} could not be resolved${typeof code === "string" ? ` (${code})` : ""}.`;
  }
  if (addresses.length === 0) return `The host ${host} has no address.`;
  for (const address of addresses) {
    const kind = nonPublicKind(address);
    if (kind) return `${host} resolves to ${address}, ${kind}: ${ONLY_PUBLIC[purpose]}`;
  }
  return null;
}

/** A refusal by `guardedLookup`: the connection was never opened. */
export class BlockedTargetError extends Error {
  readonly code = "EDEADAIRBLOCKED";
}

/**
 * A `lookup` for node:http(s) that refuses non-public addresses when the socket connects. checkTarget's answer is
 * only as good as the DNS answer it saw; a name that resolves to a public address for the check and to 127.0.0.1 for
 * the connection (DNS rebinding) is caught here, on the very addresses the socket uses.
 */
export function guardedLookupFor(purpose: TargetPurpose): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      if (!privateTargetsAllowed()) {
        for (const { address } of addresses) {
          const kind = nonPublicKind(address);
          if (kind) return callback(new BlockedTargetError(`${hostname} resolves to ${address}, ${kind}: ${ONLY_PUBLIC[purpose]}`), "");
        }
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`The host ${hostname} has no address.`), { code: "ENOTFOUND" }), "");
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export const guardedLookup = guardedLookupFor("alerts");
