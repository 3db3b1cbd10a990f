// ffmpeg for the audio monitors: found on PATH or at FFMPEG_PATH, started so that it can never outlive Dead Air, and
// its refusals put in words.
import "server-only";
import { type ChildProcessByStdio, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";

/** The ffmpeg to run, or null when there is none: FFMPEG_PATH when set, else the first on PATH. */
export function findFfmpeg(env: Record<string, string | undefined> = process.env): string | null {
  const executable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (env.FFMPEG_PATH) return executable(env.FFMPEG_PATH) ? env.FFMPEG_PATH : null;
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir && executable(path.join(dir, "ffmpeg"))) return path.join(dir, "ffmpeg");
  }
  return null;
}

export const FFMPEG_MISSING = "ffmpeg was not found: install it (Debian: apt-get install ffmpeg) or set FFMPEG_PATH to its path.";

/**
 * Linux's parent-death signal, set by util-linux's setpriv before it runs ffmpeg: the kernel kills ffmpeg the moment
 * the process that started it dies, even by SIGKILL, when no exit handler of ours gets to run.
 */
const SETPRIV = "/usr/bin/setpriv";
const pdeathsig = process.platform === "linux" && fs.existsSync(SETPRIV);

type Ffmpeg = ChildProcessByStdio<Writable, Readable, Readable>;

/** Every ffmpeg this process started and that still runs: killed on exit, whatever the exit. */
const children = new Set<Ffmpeg>();
let exitHook = false;

function killAll(): void {
  for (const child of children) child.kill("SIGKILL");
}

/**
 * The measuring ffmpeg: it reads the stream from stdin (Dead Air fetches it, so that every address is checked) and
 * prints the momentary loudness (EBU R128) ten times a second on stdout. Only errors go to stderr.
 */
export function spawnLoudnessMeter(ffmpeg: string, format: string | null = null): Ffmpeg {
  const args = [
    "-hide_banner",
    "-loglevel",
    "error",
    // Told the format, ffmpeg decodes at once; probing a live stream for it takes seconds.
    ...(format ? ["-f", format] : []),
    "-i",
    "pipe:0",
    "-vn",
    "-sn",
    "-dn",
    "-filter_threads",
    "1",
    "-af",
    // pipe\\:1 is stdout, its colon escaped for the filter graph and again for the option; direct=1 writes each
    // reading at once, not when a buffer fills, so that its arrival time means something.
    "ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.M:file=pipe\\\\:1:direct=1",
    "-f",
    "null",
    "-",
  ];
  const child = pdeathsig
    ? spawn(SETPRIV, ["--pdeathsig", "SIGKILL", "--", ffmpeg, ...args], { stdio: ["pipe", "pipe", "pipe"] })
    : spawn(ffmpeg, args, { stdio: ["pipe", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  child.once("error", () => children.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once("exit", killAll);
  }
  return child;
}

/** ffmpeg's demuxer for a stream's media type, when the type names one; null lets ffmpeg find out. */
export function formatOf(mediaType: string): string | null {
  if (/^audio\/(mpeg|mp3|mpeg3|x-mpeg)$/.test(mediaType)) return "mp3";
  if (/^audio\/(aac|aacp|x-aac)$/.test(mediaType)) return "aac";
  if (/^(audio|application)\/ogg$|^audio\/opus$/.test(mediaType)) return "ogg";
  if (/^audio\/(flac|x-flac)$/.test(mediaType)) return "flac";
  if (mediaType === "video/mp2t") return "mpegts";
  return null;
}

/** How many ffmpeg processes this process runs now (health, tests). */
export function runningFfmpegCount(): number {
  return children.size;
}

/** ffmpeg's last error line, as a monitor's error. */
export function describeFfmpegFailure(stderr: string, code: number | null): string {
  const line =
    stderr
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? "";
  if (/does not contain any stream|matches no streams/i.test(stderr)) return "The stream has no audio track.";
  if (/Invalid data found when processing input/i.test(stderr)) return "The stream is not audio that ffmpeg can decode (invalid data).";
  if (line) return `ffmpeg stopped: ${line.replace(/^pipe:0:\s*/, "").slice(0, 200)}`;
  return `ffmpeg stopped with exit code ${code}.`;
}
