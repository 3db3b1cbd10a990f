// Where the site is reached: whether a request came over https, and the public origin that permalinks are written with.

type HeaderReader = { get(name: string): string | null };

/** X-Forwarded-Proto as long as a chain of forty proxies writes it; a longer one says nothing a proxy wrote. */
const MAX_FORWARDED_PROTO = 256;

/**
 * Over https when the proxy in front says so (the first value of X-Forwarded-Proto, as a chain of proxies appends
 * theirs), else when the request's own URL is https. A proxy that says http is believed over the URL, and so is one
 * whose header is too long to be a proxy's: it says no https.
 */
export function isHttpsRequest(headers: HeaderReader, url?: string | URL | null): boolean {
  const header = headers.get("x-forwarded-proto");
  if (header && header.length > MAX_FORWARDED_PROTO) return false;
  const forwarded = header?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  if (!url) return false;
  return (typeof url === "string" ? new URL(url) : url).protocol === "https:";
}

/** An environment: DEADAIR_PUBLIC_URL, HOST and PORT are read. */
export type OriginSettings = Record<string, string | undefined>;

/** The server's own address, as `npm start` serves it: HOST and PORT, or 127.0.0.1:3000. */
export function serverOrigin(env: OriginSettings): string {
  const host = env.HOST || "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT || "3000"}`;
}

/**
 * DEADAIR_PUBLIC_URL as an origin ("https://deadair.example.org"), or the server's own address when it is unset.
 * Throws one line naming the variable when it is not an absolute http(s) address without a path.
 */
export function parsePublicOrigin(env: OriginSettings): string {
  const raw = env.DEADAIR_PUBLIC_URL?.trim();
  if (!raw) return serverOrigin(env);
  const problem = `DEADAIR_PUBLIC_URL must be an absolute http:// or https:// address without a path, such as https://deadair.example.org (it is "${raw}").`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(problem);
  }
  // "https://example.org" and "https://example.org/" both parse to the path "/"; a bare "?" or "#" parses to nothing.
  const bare = url.pathname === "/" && !/[?#]/.test(raw) && !url.username && !url.password;
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname || !bare) throw new Error(problem);
  return url.origin;
}

let cached: { key: string; origin: string } | null = null;

/** The public origin of this process, from its environment; parsed again only when the settings change. */
export function publicOrigin(env: OriginSettings = process.env): string {
  const key = `${env.DEADAIR_PUBLIC_URL ?? ""}|${env.HOST ?? ""}|${env.PORT ?? ""}`;
  if (cached?.key !== key) cached = { key, origin: parsePublicOrigin(env) };
  return cached.origin;
}

/**
 * A path of Dead Air's own to go to after signing in, or "/" for anything else. The target is resolved as a URL
 * against the site's origin, the way a browser would read it (tabs and newlines dropped, backslashes as slashes,
 * percent-encoding kept), and refused unless it stays on that origin; a path that would read as "//host" is not
 * returned as one.
 */
export function localPath(target: unknown, origin: string): string {
  if (typeof target !== "string" || target === "" || target.length > 2048) return "/";
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  const path = `/${url.pathname.replace(/^[/\\]+/, "")}${url.search}${url.hash}`;
  return path;
}
