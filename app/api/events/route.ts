import { handleRead, handleWrite } from "@/lib/auth/guard";
import { pageParams, readJsonObject } from "@/lib/api/http";
import { createEvent } from "@/lib/data/event-writes";
import { searchEventList } from "@/lib/data/event-search";
import { listEvents } from "@/lib/data/reads";
import { MAX_SEARCH_CHARS, MAX_SEARCH_WORDS, parseSearch } from "@/lib/domain/search";
import { ValidationError } from "@/lib/errors";
import type { FieldErrors } from "@/lib/validation/fields";

/** `?limit=`, `?cursor=` and `?q=` (the words to search for; none when empty), every invalid one named at once. */
function listParams(url: URL) {
  const errors: FieldErrors = {};
  let page = { limit: 50, cursor: null as number | null };
  try {
    page = pageParams(url);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.errors);
  }
  const raw = url.searchParams.get("q") ?? "";
  const terms = raw.trim() === "" ? null : parseSearch(raw);
  if (terms?.clipped) errors.q = [`A search takes at most ${MAX_SEARCH_CHARS} characters and ${MAX_SEARCH_WORDS} different words.`];
  if (Object.keys(errors).length) throw new ValidationError("Some query parameters are not valid.", errors);
  return { ...page, terms };
}

export async function GET(request: Request) {
  return handleRead(request, async () => {
    const { limit, cursor, terms } = listParams(new URL(request.url));
    return Response.json(terms ? await searchEventList(terms, limit, cursor) : await listEvents(limit, cursor));
  });
}

export async function POST(request: Request) {
  return handleWrite(request, async (ctx) => {
    const event = await createEvent({ ctx, input: await readJsonObject(request) });
    return Response.json(event, { status: 201, headers: { Location: `/api/events/${event.slug}` } });
  });
}
