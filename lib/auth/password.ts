// Password hashing with scrypt (node:crypto), and the random secrets of sessions, tokens and generated passwords.
import "server-only";
import crypto from "node:crypto";
import { promisify } from "node:util";
import { ServiceUnavailableError } from "../errors";

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

// OWASP's scrypt settings with 32 MiB of memory per hash (N=2^15, r=8, p=3): the same cost as N=2^17, p=1, with a
// quarter of the memory, so that a burst of sign-ins cannot exhaust a small server.
const PARAMS = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 64;
const maxmem = (N: number, r: number) => 256 * N * r;

/**
 * Each hash holds 32 MiB and one of libuv's four threads for a while: at most four run at once, and at most 64 wait,
 * so that a flood of sign-ins costs the server 128 MiB and a short queue rather than all its memory and threads.
 */
const MAX_HASHING = 4;
const MAX_WAITING = 64;
let hashing = 0;
const waiting: (() => void)[] = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= MAX_HASHING) {
    if (waiting.length >= MAX_WAITING) throw new ServiceUnavailableError("The server is busy checking other passwords; try again in a moment.", 2);
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    hashing++;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so the count never drops below what is running.
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url: the settings travel with the hash, so they can change. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await bounded(() => scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { ...PARAMS, maxmem: maxmem(PARAMS.N, PARAMS.r) }));
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const N = Number(n);
  const actual = await bounded(() =>
    scrypt(password.normalize("NFC"), Buffer.from(salt, "base64url"), expected.length, {
      N,
      r: Number(r),
      p: Number(p),
      maxmem: maxmem(N, Number(r)),
    }),
  );
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash of no one's password: signing in as an unknown user costs as much as a wrong password, so timing tells nothing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return decoy;
}

/** A random secret in base64url: 32 bytes for cookies and tokens. */
export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** A password for a person to copy: 20 characters from a set without look-alikes (about 115 bits). */
export function generatePassword(length = 20): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from({ length }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");
}

/** Secrets with 256 bits of entropy need no slow hash: SHA-256 lets a lookup find them by index. */
export function sha256(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

/** How many hashes run and wait now (for tests and /api/health). */
export function hashingLoad(): { running: number; waiting: number } {
  return { running: hashing, waiting: waiting.length };
}
