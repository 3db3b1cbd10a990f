// Sign-in, users and API tokens: what an admin or a script types, checked once for the forms, the API and the CLI.
import { z } from "zod";
import { choiceField, isWellFormed, ONE_PASS, requiredName, sent, sentMax } from "./fields";

export const ROLES = ["editor", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Long enough that guessing is hopeless at the sign-in limit; capped so that hashing stays cheap. */
export const MIN_PASSWORD = 12;
const MAX_PASSWORD = 256;

export const passwordField = z
  .string({ error: "Password is required." })
  .min(MIN_PASSWORD, { error: `Password must be at least ${MIN_PASSWORD} characters.` })
  .max(MAX_PASSWORD, { error: `Password must be at most ${MAX_PASSWORD} characters.` });

/** Sign-in names are compared in lower case: "Ana@Example.org" and "ana@example.org" are one person. */
const emailField = sent(
  z
    .string({ error: "Email is required." })
    .trim()
    .toLowerCase()
    .min(1, { error: "Email is required." })
    .max(254, { abort: true, error: "Email must be at most 254 characters." })
    .refine(isWellFormed, { error: "Email holds a broken character (an unpaired UTF-16 surrogate)." })
    .pipe(z.email({ error: "Email must be an address such as ana@example.org." })),
  sentMax(254),
  "Email must be at most 254 characters.",
  false,
);

export const SignInInput = z.object({
  // The first admin may be called "admin", so sign-in takes any name; only creation checks the address.
  email: requiredName("Email", 254).transform((v) => v.toLowerCase()),
  password: z
    .string({ error: "Password is required." })
    .min(1, { error: "Password is required." })
    .max(MAX_PASSWORD, { error: "Password is too long." }),
});

/** How the public correction log names a person; empty: "Editor <id>". */
const displayNameField = z.preprocess(
  (v) => (v === "" ? undefined : v),
  requiredName("Display name", 80)
    .refine((v) => !v.includes("@"), { error: "Display name must not be an email address: the correction log is public." })
    .optional(),
);

export const UserInput = z.strictObject({
  email: emailField,
  displayName: displayNameField,
  role: choiceField("Role", ROLES, "editor"),
  /** Empty: one is generated and shown once. */
  password: z.preprocess((v) => (v === "" ? undefined : v), passwordField.optional()),
});
export type UserInput = z.infer<typeof UserInput>;

export const RoleInput = z.strictObject({ role: choiceField("Role", ROLES) });

export const PasswordChangeInput = z
  .strictObject({
    currentPassword: z
      .string({ error: "Current password is required." })
      .min(1, { error: "Current password is required." })
      .max(MAX_PASSWORD, { error: "Current password is too long." }),
    newPassword: passwordField,
    confirmPassword: z.string({ error: "Type the new password again." }).max(MAX_PASSWORD, { error: "Type the new password again." }),
  })
  // Compared as typed, whatever else is wrong with them (a new password too short and mistyped is told both at once).
  .superRefine((v, ctx) => {
    const typed = (value: unknown): value is string => typeof value === "string";
    if (typed(v.newPassword) && typed(v.confirmPassword) && v.newPassword !== v.confirmPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords differ." });
    if (typed(v.newPassword) && v.newPassword !== "" && v.newPassword === v.currentPassword)
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "The new password must differ from the current one." });
  }, ONE_PASS);
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

export const TokenInput = z.strictObject({
  name: requiredName("Name", 80),
  scope: choiceField("Scope", TOKEN_SCOPES, "read"),
});
export type TokenInput = z.infer<typeof TokenInput>;
