// The client's address comes from the socket and the trusted proxies' hops, never from what the client wrote.
import { describe, expect, it } from "vitest";
import { clientAddressOf, trustedProxyCount } from "@/lib/http/client";

describe("clientAddressOf", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
  });

  it("is the hop the nearest trusted proxy added, ignoring what the client put further left", () => {
    // client 198.51.100.7 sent "X-Forwarded-For: 1.1.1.1"; the proxy (socket 10.0.0.2) appended 198.51.100.7.
    expect(clientAddressOf("10.0.0.2", "1.1.1.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddressOf("10.0.0.2", ["1.1.1.1", "198.51.100.7"], 1)).toBe("198.51.100.7");
    // Two proxies: the CDN appended the client, the load balancer appended the CDN.
    expect(clientAddressOf("10.0.0.2", "6.6.6.6, 198.51.100.7, 192.0.2.50", 2)).toBe("198.51.100.7");
  });

  it("falls back to the left-most hop when there are fewer hops than trusted proxies", () => {
    expect(clientAddressOf("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddressOf("10.0.0.2", "198.51.100.7", 3)).toBe("198.51.100.7");
  });

  it("ignores hops that are not addresses and stays linear on a long header", () => {
    expect(clientAddressOf("10.0.0.2", "<script>, 198.51.100.7", 1)).toBe("198.51.100.7");
    const started = performance.now();
    clientAddressOf("10.0.0.2", "1,".repeat(500_000), 1);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("trustedProxyCount", () => {
  it("reads DEADAIR_TRUSTED_PROXIES, 0 when unset, and refuses anything but a small whole number", () => {
    expect(trustedProxyCount({})).toBe(0);
    expect(trustedProxyCount({ DEADAIR_TRUSTED_PROXIES: "2" })).toBe(2);
    expect(() => trustedProxyCount({ DEADAIR_TRUSTED_PROXIES: "yes" })).toThrow(/DEADAIR_TRUSTED_PROXIES must be a whole number/);
  });
});
