// Access control and hardening in the browser: sign in, edit, sign out; hostile names render as text; every page
// carries the security headers and the browser reports no CSP violation on the app's own pages.
import { expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN } from "./accounts";
import { createEvent, createWriteToken, uniqueSlug } from "./fixtures";

const MUSK = "/events/musk-trump-x-spaces-2024";
const DESANTIS = "/events/desantis-twitter-spaces-2023";

/** Collects the CSP violations the page reports, from the DOM event and from the console. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

test.describe("a reader who is not signed in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("reads everything, sees no editing controls, and is sent to sign in for editing pages", async ({ page }) => {
    await page.goto(MUSK);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit event" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
    await expect(page.getByText("Sign in as an editor to add or correct figures")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New event" })).toHaveCount(0);
    for (const path of ["/events/new", "/import", `${DESANTIS}/edit`, "/admin"]) {
      await page.goto(path);
      await expect(page).toHaveURL(`/signin?next=${encodeURIComponent(path)}`);
    }
  });

  test("signs in, edits an event, sees the edit credited to them, and signs out", async ({ page, browser, playwright, baseURL }) => {
    // An event of its own, made by a program with a token, so that nothing in its log was done by the admin before.
    const token = await createWriteToken(browser, baseURL!, uniqueSlug("sign-in-test"));
    const program = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const { slug } = await createEvent(program, {
      title: "Edited after signing in",
      slug: uniqueSlug("edited-after-sign-in"),
      platform: "Twitter Spaces",
      timeZone: "America/New_York",
    });
    await program.dispose();
    const EVENT = `/events/${slug}`;

    await page.goto(`${EVENT}/edit`);
    await expect(page).toHaveURL(/\/signin\?next=/);
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".form-errors")).toHaveText("The email or password is not right.");
    // The email stays; the password does not come back.
    await expect(page.getByLabel("Email")).toHaveValue(E2E_ADMIN.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(`${EVENT}/edit`);
    const notes = `Checked by the sign-in test at ${Date.now()}.`;
    await page.getByLabel("Notes").fill(notes);
    await page.getByRole("button", { name: "Save event" }).click();
    await expect(page).toHaveURL(EVENT);
    await expect(page.getByText(notes).first()).toBeVisible();
    // The public log names the admin by their display name, never by email.
    await expect(page.locator("#history").locator("xpath=..")).toContainText("by Admin");
    await expect(page.locator("#history").locator("xpath=..")).not.toContainText(E2E_ADMIN.email);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto(EVENT);
    await expect(page.getByRole("link", { name: "Edit event" })).toHaveCount(0);
    // The old cookie is dead on the server too: a write with the browser's cookies is refused.
    const response = await page.request.post("/api/sources", { data: { name: "After sign-out" } });
    expect(response.status()).toBe(401);
  });
});

test("names and quotes holding markup render as text and run nothing", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const name = `<img src=x onerror=alert(1)> ${Date.now()}`;
  const source = await page.request.post("/api/sources", { data: { name } });
  expect(source.status()).toBe(201);
  const { id } = (await source.json()) as { id: number };
  const quote = "<script>alert(2)</script> said so";
  // On an event of its own: the seeded ones are read by the other specs.
  const { slug } = await createEvent(page.request, {
    title: "A claim with markup",
    slug: uniqueSlug("markup"),
    platform: "X Spaces",
    timeZone: "UTC",
  });
  const claim = await page.request.post(`/api/events/${slug}/claims`, { data: { statement: "A claim with markup", quote, claimantId: id } });
  expect(claim.status()).toBe(201);

  await page.goto("/sources");
  await expect(page.getByRole("rowheader", { name })).toHaveText(name);
  await page.goto(`/events/${slug}`);
  await expect(page.getByText(`“${quote}”`)).toBeVisible();
  await expect(page.getByText(`Claimed by ${name}`)).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator("script", { hasText: "alert(2)" }).count()).toBe(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test("every page carries a CSP with a fresh nonce on its scripts, and the browser reports no violation", async ({ page }) => {
  const violations = await watchCsp(page);
  const pages = [
    "/",
    "/events",
    "/events/new",
    MUSK,
    `${MUSK}/edit`,
    "/sources",
    "/import",
    "/admin",
    "/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023",
    "/no-such-page",
  ];
  const nonces = new Set<string>();
  for (const path of pages) {
    const response = await page.goto(path);
    await page.waitForLoadState("networkidle");
    const csp = response!.headers()["content-security-policy"];
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([\w+/=]+)'/.exec(csp)![1];
    nonces.add(nonce);
    // Every script of the page is the nonce's; none runs without it.
    const scripts = await page.locator("script").evaluateAll((list) => list.map((s) => (s as HTMLScriptElement).nonce));
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const scriptNonce of scripts) expect(scriptNonce, path).toBe(nonce);
  }
  expect(nonces.size).toBe(pages.length);
  // The page's scripts ran under the policy, the one loaded on demand too: a chart's SVG download works.
  await page.goto("/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023");
  await expect(page.locator(".svg-chart svg").first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page
    .getByRole("button", { name: /^SVG of the chart/ })
    .first()
    .click();
  expect((await download).suggestedFilename()).toMatch(/\.svg$/);
  expect(await violations()).toEqual([]);
});

test("the security headers are on pages, API answers, static files and errors", async ({ page, request }) => {
  await page.goto("/");
  const asset = await page.locator("script[src]").first().getAttribute("src");
  for (const path of [
    "/",
    "/api/events",
    "/api/health",
    "/schema/deadair.comparison.v2.json",
    asset!,
    "/no-such-page",
    "/api/events/no-such-event",
  ]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    // Served over plain http here: no HSTS, which only means something over https.
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
  // With no proxy trusted, a client's own X-Forwarded-Proto proves nothing (HSTS behind a trusted proxy: tests/server).
  const claimed = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
});
