// Errors carry their own HTTP status: a new subclass answers as its parent does, and anything else is a 500 whose
// cause is logged but not sent.
import { describe, expect, it, vi } from "vitest";
import { handle } from "@/lib/api/http";
import { ConflictError, InvalidInputError, NotFoundError, ServiceUnavailableError } from "@/lib/errors";

class MissingRecording extends NotFoundError {}

describe("handle", () => {
  it("answers each error with its own class's status, a subclass with its parent's", async () => {
    const cases: [Error, number][] = [
      [new MissingRecording("No recording of this event."), 404],
      [new InvalidInputError("Some fields are not valid.", { value: ["Value must be a number."] }), 400],
      [new ConflictError("Changed since you opened it.", {}, { version: 2 }), 409],
      [new ServiceUnavailableError("The disk is full.", 300), 503],
    ];
    for (const [error, status] of cases) {
      const response = await handle(async () => {
        throw error;
      });
      expect(response.status, error.constructor.name).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { detail: string }).detail).toBe(error.message);
    }
  });

  it("answers an unexpected error 500 without its message, and logs its cause", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const cause = new Error("secret stack detail");
    const response = await handle(async () => {
      throw cause;
    });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("secret stack detail");
    expect(log).toHaveBeenCalledWith(expect.any(String), cause);
    log.mockRestore();
  });
});
