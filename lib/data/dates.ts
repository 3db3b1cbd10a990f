// Dates as the database keeps them: a day reported ("2024-08-13") is stored as that day's midnight UTC.
import "server-only";

export function storedDay(day: string | null | undefined): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

/** A record whose `reportedOn` is a day, with it as the Date the column takes. */
export function withStoredDay<T extends { reportedOn?: string | null }>(record: T): Omit<T, "reportedOn"> & { reportedOn?: Date | null } {
  const { reportedOn, ...rest } = record;
  return "reportedOn" in record ? { ...rest, reportedOn: storedDay(reportedOn) } : rest;
}
