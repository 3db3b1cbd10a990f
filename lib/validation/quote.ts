// A record's quote: the words in their original language, that language, an English rendering, the date reported.
import { z } from "zod";
import { optionalDate, optionalName, optionalText } from "./fields";

/**
 * A stored record echoed back as input (a PATCH merged over a claim, whose nested stances toInput does not reach)
 * carries its date reported as a Date: it is read as the day it names.
 */
const storedDay = (value: unknown) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value);

/** The quote fields of claims, stances and incidents, named and checked as a report's are (the date as YYYY-MM-DD, not after today). */
export function quoteFields() {
  return {
    quote: optionalText("Quote", 5000),
    quoteLang: optionalName("Quote language", 35),
    quoteEnglish: optionalText("English rendering", 5000),
    // Not after today: checked on the field itself, so that its message comes with the other fields' messages.
    reportedOn: z.preprocess(storedDay, optionalDate("Date reported", { notFuture: true })),
  };
}
