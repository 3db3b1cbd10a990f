// How a request is known to be over https, and the public origin that permalinks are written with.
import { describe, expect, it } from "vitest";
import { isHttpsRequest, parsePublicOrigin, publicOrigin, serverOrigin } from "@/lib/http/origin";

const headers = (proto?: string) => new Headers(proto === undefined ? {} : { "X-Forwarded-Proto": proto });

describe("isHttpsRequest", () => {
  it("believes the proxy in front: the first value of X-Forwarded-Proto", () => {
    expect(isHttpsRequest(headers("https"))).toBe(true);
    expect(isHttpsRequest(headers("HTTPS"))).toBe(true);
    expect(isHttpsRequest(headers(" https , http"))).toBe(true);
    expect(isHttpsRequest(headers("http, https"))).toBe(false);
    expect(isHttpsRequest(headers("http"), "https://deadair.example.org/")).toBe(false);
  });

  it("falls back on the request's own URL when no proxy says anything", () => {
    expect(isHttpsRequest(headers(), "https://deadair.example.org/events")).toBe(true);
    expect(isHttpsRequest(headers(), new URL("https://deadair.example.org/"))).toBe(true);
    expect(isHttpsRequest(headers(), "http://127.0.0.1:3000/")).toBe(false);
    expect(isHttpsRequest(headers())).toBe(false);
    expect(isHttpsRequest(headers(""), "https://deadair.example.org/")).toBe(true);
  });
});

describe("parsePublicOrigin", () => {
  it("defaults to the server's own address: HOST and PORT, or 127.0.0.1:3000", () => {
    expect(parsePublicOrigin({})).toBe("http://127.0.0.1:3000");
    expect(parsePublicOrigin({ HOST: "0.0.0.0", PORT: "8080" })).toBe("http://0.0.0.0:8080");
    expect(parsePublicOrigin({ HOST: "::1", PORT: "8080" })).toBe("http://[::1]:8080");
    expect(parsePublicOrigin({ DEADAIR_PUBLIC_URL: "  " })).toBe("http://127.0.0.1:3000");
    expect(serverOrigin({ PORT: "4000" })).toBe("http://127.0.0.1:4000");
  });

  it("takes an absolute http or https address without a path, as its origin", () => {
    expect(parsePublicOrigin({ DEADAIR_PUBLIC_URL: "https://deadair.example.org" })).toBe("https://deadair.example.org");
    expect(parsePublicOrigin({ DEADAIR_PUBLIC_URL: "https://DeadAir.Example.org/" })).toBe("https://deadair.example.org");
    expect(parsePublicOrigin({ DEADAIR_PUBLIC_URL: "http://localhost:8080", PORT: "3000" })).toBe("http://localhost:8080");
    expect(parsePublicOrigin({ DEADAIR_PUBLIC_URL: "https://deadair.example.org:443" })).toBe("https://deadair.example.org");
  });

  it.each([
    "deadair.example.org",
    "localhost:3000",
    "ftp://deadair.example.org",
    "https://deadair.example.org/dashboard",
    "https://deadair.example.org//",
    "https://deadair.example.org/?a=1",
    "https://deadair.example.org?",
    "https://deadair.example.org/#top",
    "https://editor:secret@deadair.example.org",
    "/events",
  ])("refuses %s with one line naming the variable", (raw) => {
    expect(() => parsePublicOrigin({ DEADAIR_PUBLIC_URL: raw })).toThrow(
      /^DEADAIR_PUBLIC_URL must be an absolute http:\/\/ or https:\/\/ address without a path/,
    );
    try {
      parsePublicOrigin({ DEADAIR_PUBLIC_URL: raw });
    } catch (error) {
      expect((error as Error).message).not.toContain("\n");
      expect((error as Error).message).toContain(raw);
    }
  });
});

describe("publicOrigin", () => {
  it("follows the environment it is given", () => {
    expect(publicOrigin({ DEADAIR_PUBLIC_URL: "https://a.example.org" })).toBe("https://a.example.org");
    expect(publicOrigin({ DEADAIR_PUBLIC_URL: "https://b.example.org" })).toBe("https://b.example.org");
    expect(publicOrigin({ PORT: "4321" })).toBe("http://127.0.0.1:4321");
  });
});
