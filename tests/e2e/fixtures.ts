// Records of a test's own, made as a program or an admin would make them, so that no spec changes what another reads.
import { type APIRequestContext, type Browser, expect } from "@playwright/test";
import { signedInState } from "./accounts";

let made = 0;

/** A slug that no other test, and no earlier run on the same database, has used. */
export function uniqueSlug(base: string): string {
  return `${base}-${Date.now().toString(36)}-${++made}`;
}

export interface EventInput {
  title: string;
  slug: string;
  platform: string;
  timeZone: string;
  scheduledStart?: string;
  notes?: string;
}

/** Creates an event through the JSON API with `request`'s credentials (a signed-in browser's, or a token's). */
export async function createEvent(request: APIRequestContext, input: EventInput): Promise<{ id: number; slug: string; title: string }> {
  const response = await request.post("/api/events", { data: input });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

/** A write token made on the admin page, for records whose author must be someone other than the signed-in admin. */
export async function createWriteToken(browser: Browser, baseURL: string, name: string): Promise<string> {
  const context = await browser.newContext({ baseURL, storageState: signedInState() });
  try {
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByText("Create a token").click();
    const form = page.locator("details", { hasText: "Create a token" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Scope").selectOption("write");
    await form.getByRole("button", { name: "Create token" }).click();
    const token = (await form.getByLabel(/shown only now/).textContent())?.trim() ?? "";
    expect(token).toMatch(/^da_/);
    return token;
  } finally {
    await context.close();
  }
}
