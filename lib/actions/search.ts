"use server";
// Searches for client components that search as a person types: open to anyone, as the pages they serve are.
import { searchPickerEvents } from "../data/event-search";
import type { PickerPage } from "../domain/search";

/** A page of the events matching `q`, for the compare picker; anything but a string and a page number reads as none. */
export async function findPickerEvents(q: unknown, page: unknown): Promise<PickerPage> {
  return searchPickerEvents({ q: typeof q === "string" ? q : "", page: typeof page === "number" && Number.isSafeInteger(page) ? page : 1 });
}
