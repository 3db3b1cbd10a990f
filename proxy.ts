// The pages' security headers: a Content-Security-Policy with a fresh nonce per request (Next puts it on its own
// scripts), and HSTS when the site is served over https. The headers of every other response are in next.config.js.
import { type NextRequest, NextResponse } from "next/server";
import { isHttpsRequest } from "./lib/http/origin";

export function contentSecurityPolicy(nonce: string, dev: boolean, https: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load Next's chunks; no other script runs. Dev mode's React needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Recharts and React set style attributes; styles cannot run code, so inline ones are allowed.
    "style-src 'self' 'unsafe-inline'",
    // Chart downloads draw the SVG through data: and blob: images.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const https = isHttpsRequest(request.headers, request.nextUrl);
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development", https);
  // Next reads the nonce from the request's policy and gives it to the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

// Pages only: the JSON API, the build's files and public/ are not documents that run scripts, and get a fixed
// policy from next.config.js instead. Skipping the proxy there spares every API request its cost.
// Each exclusion ends where its name does ("/favicon.ico-x" is a page like any other, and gets the proxy's policy).
export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image/|schema/|favicon\\.ico$).*)"],
};
