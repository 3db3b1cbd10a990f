// The SSRF guard: which addresses an alert may go to, after URL parsing and DNS, with DNS mocked by a resolver.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BlockedTargetError, checkTarget, guardedLookup, nonPublicKind, type Resolver } from "@/lib/http/targets";

const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses;

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
});
afterEach(() => {
  if (saved === undefined) delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  else process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = saved;
});

describe("nonPublicKind", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["::1", "a loopback address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["10.0.0.1", "a private address"],
    ["10.255.255.255", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.0.1", "a private address"],
    ["192.168.255.255", "a private address"],
    ["fc00::1", "a private address"],
    ["fdff:ffff::1", "a private address"],
    ["::ffff:10.0.0.1", "a private address"],
    ["::ffff:192.168.1.1", "a private address"],
    // NAT64 and 6to4 forms reach the IPv4 host they embed.
    ["64:ff9b::a00:1", "a private address"],
    ["2002:c0a8:101::", "a private address"],
    ["::ffff:0:7f00:1", "a loopback address"],
    ["169.254.169.254", "a link-local address"],
    ["169.254.0.0", "a link-local address"],
    ["fe80::1", "a link-local address"],
    ["febf:ffff::1", "a link-local address"],
    ["::ffff:169.254.169.254", "a link-local address"],
    ["0.0.0.0", "an unspecified address"],
    ["0.1.2.3", "an unspecified address"],
    ["::", "an unspecified address"],
    ["::ffff:0.0.0.0", "an unspecified address"],
    ["100.64.0.0", "a carrier-grade NAT address"],
    ["100.127.255.255", "a carrier-grade NAT address"],
    ["::ffff:100.64.0.1", "a carrier-grade NAT address"],
    ["224.0.0.1", "a multicast address"],
    ["ff02::1", "a multicast address"],
    ["255.255.255.255", "a broadcast address"],
    ["192.0.2.1", "a reserved or special-purpose address"],
    ["240.0.0.1", "a reserved or special-purpose address"],
    ["2001:db8::1", "a reserved or special-purpose address"],
    // IPv4-compatible (deprecated), and IPv6 outside 2000::/3.
    ["::7f00:1", "a reserved or special-purpose address"],
    ["4000::1", "a reserved or special-purpose address"],
    ["localhost", "not an IP address"],
  ])("refuses %s as %s", (address, kind) => {
    expect(nonPublicKind(address)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    // Just outside each refused range.
    "9.255.255.255",
    "11.0.0.0",
    "126.255.255.255",
    "128.0.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "192.169.0.0",
    "169.253.255.255",
    "169.255.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "1.0.0.0",
    "2606:4700:4700::1111",
    "2a00:1450:4007:80e::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("lets %s through as public", (address) => {
    expect(nonPublicKind(address)).toBeNull();
  });
});

describe("checkTarget", () => {
  it.each(["ftp://example.org/hook", "javascript:alert(1)", "file:///etc/passwd", "data:text/plain,hi", "gopher://example.org/"])(
    "refuses %s for its scheme, whatever the address rule",
    async (url) => {
      const never: Resolver = vi.fn(async () => ["8.8.8.8"]);
      expect(await checkTarget(url, never)).toMatch(/^Only http:\/\/ and https:\/\/ addresses can receive alerts/);
      process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
      expect(await checkTarget(url, never)).toMatch(/^Only http:\/\/ and https:\/\//);
      expect(never).not.toHaveBeenCalled();
    },
  );

  it("refuses what is not a URL", async () => {
    expect(await checkTarget("not a url")).toBe("The address is not a valid URL.");
  });

  it.each([
    ["http://127.0.0.1:3000/hook", "127.0.0.1 is a loopback address"],
    ["http://[::1]:3000/hook", "::1 is a loopback address"],
    ["http://10.0.0.1/hook", "10.0.0.1 is a private address"],
    ["https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"],
    // The URL parser reads these as 127.0.0.1 before anyone resolves them.
    ["http://0x7f.1/", "127.0.0.1 is a loopback address"],
    ["http://2130706433/", "127.0.0.1 is a loopback address"],
    ["http://0177.0.0.1/", "127.0.0.1 is a loopback address"],
    ["http://0/", "0.0.0.0 is an unspecified address"],
  ])("refuses %s without asking DNS", async (url, start) => {
    const resolver: Resolver = vi.fn(async () => ["8.8.8.8"]);
    const message = await checkTarget(url, resolver);
    expect(message).toMatch(
      new RegExp(
        `^${start.replace(/[.[\]]/g, "\\$&")}: alerts go to public addresses only, unless the server runs with DEADAIR_ALLOW_PRIVATE_TARGETS=1\\.$`,
      ),
    );
    expect(resolver).not.toHaveBeenCalled();
  });

  it("lets a public address or a name that resolves only to public addresses through", async () => {
    expect(await checkTarget("https://8.8.8.8/hook")).toBeNull();
    expect(await checkTarget("https://[2606:4700:4700::1111]/hook")).toBeNull();
    expect(await checkTarget("https://hooks.example.org/in", resolvesTo("93.184.216.34", "2606:2800:220:1::248"))).toBeNull();
  });

  it("refuses a name when any one of its addresses is not public, naming it", async () => {
    expect(await checkTarget("https://hooks.example.org/in", resolvesTo("93.184.216.34", "10.1.2.3"))).toBe(
      "hooks.example.org resolves to 10.1.2.3, a private address: alerts go to public addresses only, unless the server runs with DEADAIR_ALLOW_PRIVATE_TARGETS=1.",
    );
    expect(await checkTarget("http://metadata.internal/", resolvesTo("169.254.169.254"))).toMatch(
      /^metadata\.internal resolves to 169\.254\.169\.254, a link-local address/,
    );
    expect(await checkTarget("http://v6.example/", resolvesTo("::ffff:192.168.0.10"))).toMatch(/a private address/);
  });

  it("refuses a name that does not resolve, or to nothing", async () => {
    const notFound: Resolver = async () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }));
    expect(await checkTarget("https://nowhere.invalid/", notFound)).toBe("The host nowhere.invalid could not be resolved (ENOTFOUND).");
    expect(await checkTarget("https://empty.example/", resolvesTo())).toBe("The host empty.example has no address.");
  });

  it("resolves with the system's resolver, so localhost is loopback", async () => {
    expect(await checkTarget("http://localhost:3000/hook")).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it("lets private addresses through, unresolved, when DEADAIR_ALLOW_PRIVATE_TARGETS=1", async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    const resolver: Resolver = vi.fn(async () => ["127.0.0.1"]);
    expect(await checkTarget("http://127.0.0.1:3000/hook", resolver)).toBeNull();
    expect(await checkTarget("http://internal.example/", resolver)).toBeNull();
    expect(resolver).not.toHaveBeenCalled();
    // Only "1" turns it on.
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "true";
    expect(await checkTarget("http://127.0.0.1:3000/hook", resolver)).toMatch(/loopback/);
  });
});

describe("guardedLookup (the check at connect time)", () => {
  const lookup = (host: string, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(host, { all }, (error, address) => resolve({ error, address })),
    );

  it("fails the connection to a name that resolves to loopback", async () => {
    const { error } = await lookup("localhost", false);
    expect(error).toBeInstanceOf(BlockedTargetError);
    expect(error?.message).toMatch(/^localhost resolves to .*, a loopback address/);
  });

  it("answers the addresses in the shape asked for when private targets are allowed", async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    const one = await lookup("localhost", false);
    expect(one.error).toBeNull();
    expect(["127.0.0.1", "::1"]).toContain(one.address);
    const all = await lookup("localhost", true);
    expect(all.error).toBeNull();
    expect(Array.isArray(all.address)).toBe(true);
  });
});
