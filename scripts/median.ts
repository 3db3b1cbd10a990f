// The benchmark's summary of repeated tries: figures on a shared machine are quoted as medians.

/** The middle value (the upper one of an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
