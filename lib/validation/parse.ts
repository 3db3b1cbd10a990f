// Parsing raw input with its schema: the one place a schema's issues become a ValidationError naming each field.
import type { z } from "zod";
import { InvalidInputError } from "../errors";
import { toFieldErrors } from "./fields";

/** Parses with a schema or throws an InvalidInputError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError("Some fields are not valid.", toFieldErrors(result.error));
  return result.data;
}
