// After signing in, Dead Air goes only to a path of its own, however the target is written.
import { describe, expect, it } from "vitest";
import { localPath } from "@/lib/http/origin";

const ORIGIN = "https://deadair.example.org";

describe("localPath", () => {
  it.each([
    ["/events", "/events"],
    ["/compare?events=a,b#audience", "/compare?events=a,b#audience"],
    ["events/new", "/events/new"],
    ["https://deadair.example.org/admin", "/admin"],
    ["%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/x/..//evil.example", "/evil.example"],
    // Same scheme, no slashes: a browser reads it as a path of this site.
    ["https:evil.example", "/evil.example"],
  ])("keeps %j on the site as %j", (target, expected) => {
    expect(localPath(target, ORIGIN)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "\t//evil.example",
    "/\n/evil.example",
    " //evil.example",
    "https://evil.example/",
    "http://deadair.example.org/",
    "https://deadair.example.org.evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//user@evil.example",
    "",
    "x".repeat(3000),
  ])("sends %j home", (target) => {
    expect(localPath(target, ORIGIN)).toBe("/");
  });

  it("sends anything that is not text home", () => {
    for (const target of [undefined, null, 42, ["/events"], { href: "/events" }]) expect(localPath(target, ORIGIN)).toBe("/");
  });
});
