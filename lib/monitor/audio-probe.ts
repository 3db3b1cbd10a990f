// The audio monitor: Dead Air fetches the stream itself (an HTTP audio stream or an HLS playlist, every address
// checked), pipes it into ffmpeg, and records a loudness sample a second and the stream going up and down,
// reconnecting with backoff.
import "server-only";
import { once } from "node:events";
import readline from "node:readline";
import { computeBackoffMs } from "../domain/monitors";
import { describeNetworkError, FetchError, guardedGet, type GuardedResponse, mediaTypeOf, readBytes, readText } from "../http/guarded-get";
import { describeFfmpegFailure, FFMPEG_MISSING, findFfmpeg, formatOf, spawnLoudnessMeter } from "./ffmpeg";
import { parsePlaylist, pickVariant } from "./hls-playlist";
import { LoudnessMeter } from "./loudness-meter";
import { errorText, onTheSecond, pause, type Probe, type ProbeJob, type ProbeSink, requestHeaders } from "./probe";

/** How long the stream's address has to answer with its headers. */
const CONNECT_TIMEOUT_MS = 10_000;
/** A plain stream that sends nothing for this long is stalled: reconnect (HLS has its own rhythm, see hlsSegments). */
const STALL_MS = 15_000;
/** A connection that lasted this long was a good one: the next failure starts the backoff afresh. */
const GOOD_CONNECTION_MS = 60_000;
/** How often measured seconds are handed on. */
const DRAIN_MS = 250;
const PLAYLIST_MAX_BYTES = 1024 * 1024;
const SEGMENT_MAX_BYTES = 50 * 1024 * 1024;

const PLAYLIST_TYPES = new Set(["application/vnd.apple.mpegurl", "application/x-mpegurl", "audio/mpegurl", "audio/x-mpegurl", "audio/x-scpls"]);
/** Answers that are documents, not media: refused by their type before ffmpeg sees a byte. */
const DOCUMENT_TYPES = /^(text\/|application\/(json|xml|xhtml\+xml|problem\+json|javascript)$|image\/)/;

export interface AudioProbeOptions {
  /** The ffmpeg to run; found on PATH or at FFMPEG_PATH otherwise. */
  ffmpegPath?: string;
}

export function startAudioProbe(job: ProbeJob, sink: ProbeSink, options: AudioProbeOptions = {}): Probe {
  const stop = new AbortController();
  const done = (async () => {
    let failures = 0;
    let missingTold = false;
    while (!stop.signal.aborted) {
      const ffmpeg = options.ffmpegPath ?? findFfmpeg();
      if (!ffmpeg) {
        // One line in the log, the monitor's state says the rest; looked for again in a minute (it may be installed).
        if (!missingTold) console.error(`Dead Air: monitor ${job.id} cannot listen: ${FFMPEG_MISSING}`);
        missingTold = true;
        sink.state("failed", FFMPEG_MISSING);
        await pause(60_000, stop.signal);
        continue;
      }
      sink.state(failures === 0 ? "starting" : "retrying");
      const started = Date.now();
      const { up, error } = await listen(job, ffmpeg, sink, stop.signal);
      if (stop.signal.aborted) break;
      // The gap starts now and lasts until the next connection's first sound: stream_up 0, then 1.
      if (up) sink.sample("stream_up", onTheSecond(Date.now()), 0);
      failures = up && Date.now() - started >= GOOD_CONNECTION_MS ? 1 : failures + 1;
      const wait = computeBackoffMs(failures);
      sink.state("retrying", `${error} Trying again in ${wait / 1000} s.`);
      await pause(wait, stop.signal);
    }
  })();
  return {
    stop: async () => {
      stop.abort();
      await done;
    },
  };
}

/** One connection, from the request to the end of the stream or of ffmpeg: whether sound came, and why it ended. */
async function listen(job: ProbeJob, ffmpegPath: string, sink: ProbeSink, stopSignal: AbortSignal): Promise<{ up: boolean; error: string }> {
  const connection = new AbortController();
  const signal = AbortSignal.any([stopSignal, connection.signal]);
  const headers = requestHeaders(job.secret);
  let opened: Awaited<ReturnType<typeof openMedia>>;
  try {
    opened = await openMedia(await connect(job.url, headers, signal), headers, signal);
  } catch (error) {
    return { up: false, error: stopSignal.aborted ? "" : errorText(error) };
  }
  const { source } = opened;
  const plain = !opened.hls;

  const child = spawnLoudnessMeter(ffmpegPath, opened.format);
  const meter = new LoudnessMeter();
  let up = false;
  let stderr = "";
  let lastData = Date.now();
  let pumpError: unknown = null;
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      stderr += errorText(error);
      resolve(-1);
    });
  });
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  child.stdin.on("error", () => {});
  readline.createInterface({ input: child.stdout }).on("line", (line) => meter.push(line, Date.now()));

  const hand = (all: boolean) => {
    for (const { at, lufs } of meter.drain(Date.now(), all)) {
      if (!up) {
        up = true;
        sink.sample("stream_up", at, 1);
        sink.state("running");
      }
      sink.sample("loudness", at, lufs);
    }
  };
  const ticker = setInterval(() => {
    hand(false);
    if (plain && Date.now() - lastData > STALL_MS) connection.abort(new FetchError(`No data from the stream for ${STALL_MS / 1000} s.`));
  }, DRAIN_MS);

  const pump = (async () => {
    try {
      for await (const chunk of source) {
        lastData = Date.now();
        if (!child.stdin.write(chunk)) await once(child.stdin, "drain", { signal });
      }
    } catch (error) {
      if (!signal.aborted || connection.signal.reason instanceof FetchError) pumpError = connection.signal.reason ?? error;
    } finally {
      child.stdin.end();
    }
  })();
  // ffmpeg gone (it failed) ends the fetch; the fetch ended ends ffmpeg's input, and it exits once it has read it.
  const code = await Promise.race([exited, pump.then(() => exited)]);
  connection.abort();
  await pump;
  clearInterval(ticker);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  hand(true);
  if (stopSignal.aborted) return { up, error: "" };
  if (pumpError) return { up, error: errorText(pumpError) };
  if (code !== 0) return { up, error: describeFfmpegFailure(stderr, code) };
  if (!meter.heard) return { up, error: "The stream held no audio that ffmpeg could decode." };
  return { up, error: "The stream ended (its source stopped, or the server closed the connection)." };
}

async function connect(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<GuardedResponse> {
  // The wait is for the answer's headers only: the same signal stays on the response, which may last for hours.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), CONNECT_TIMEOUT_MS);
  let response: GuardedResponse;
  try {
    response = await guardedGet(url, { headers, signal: AbortSignal.any([signal, timeout.signal]) });
  } catch (error) {
    if (timeout.signal.aborted && !signal.aborted) throw new FetchError(`No answer from ${new URL(url).host} within ${CONNECT_TIMEOUT_MS / 1000} s.`);
    throw error instanceof FetchError ? error : new FetchError(describeNetworkError(error, url));
  } finally {
    clearTimeout(timer);
  }
  if (response.status !== 200) {
    const text = await readText(response, 4096).catch(() => "");
    const said = text
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 120);
    throw new FetchError(`The stream's address answered HTTP ${response.status}${said ? `: ${said}` : ""}.`, response.status);
  }
  return response;
}

/** The bytes to decode: the stream itself, or the segments of an HLS playlist; a page or a document is refused. */
async function openMedia(
  response: GuardedResponse,
  headers: Record<string, string>,
  signal: AbortSignal,
  depth = 0,
): Promise<{ source: AsyncIterable<Buffer>; hls: boolean; format: string | null }> {
  const type = mediaTypeOf(response);
  const path = new URL(response.url).pathname.toLowerCase();
  if (PLAYLIST_TYPES.has(type) || /\.(m3u8?|pls)$/.test(path)) {
    const text = await readText(response, PLAYLIST_MAX_BYTES);
    // A media playlist of .ts segments is MPEG-TS; anything else (a master playlist, fMP4, .aac) ffmpeg probes.
    const segments = /^[^#\s][^?\s]*\.ts(\?\S*)?$/m.test(text) && !text.includes("#EXT-X-MAP") ? "mpegts" : null;
    if (text.includes("#EXT-X-")) return { source: hlsSegments(text, response.url, headers, signal), hls: true, format: segments };
    // A Shoutcast-style list of streams (.m3u, .pls): the first one listed.
    const listed = /^(?:File\d+=)?(https?:\/\/\S+)$/im.exec(text)?.[1];
    if (!listed || depth > 0) throw new FetchError("The playlist lists no stream to listen to.");
    return openMedia(await connect(new URL(listed, response.url).href, headers, signal), headers, signal, depth + 1);
  }
  if (DOCUMENT_TYPES.test(type)) {
    response.body.destroy();
    throw new FetchError(`The address answers ${type}, not an audio stream.`);
  }
  return { source: response.body, hls: false, format: formatOf(type) };
}

async function fetchBytes(url: string, headers: Record<string, string>, signal: AbortSignal, maxBytes: number): Promise<Buffer> {
  return readBytes(await connect(url, headers, signal), maxBytes, `A segment of the HLS stream is larger than ${maxBytes / 1024 / 1024} MB.`);
}

/**
 * An HLS stream's bytes: the lowest-bandwidth variant of a master playlist, from the live edge (the last three
 * segments) on, each new segment as the playlist lists it, until the playlist ends or adds nothing for three target
 * durations.
 */
async function* hlsSegments(text: string, url: string, headers: Record<string, string>, signal: AbortSignal): AsyncGenerator<Buffer> {
  let playlistUrl = url;
  let parsed = parsePlaylist(text, playlistUrl);
  if (parsed?.kind === "master") {
    const variant = pickVariant(parsed.variants);
    if (!variant) throw new FetchError("The HLS master playlist lists no variant.");
    playlistUrl = variant.uri;
    parsed = parsePlaylist((await fetchBytes(playlistUrl, headers, signal, PLAYLIST_MAX_BYTES)).toString("utf8"), playlistUrl);
  }
  let last = -1;
  let mapSent = false;
  let lastNew = Date.now();
  for (;;) {
    if (parsed?.kind !== "media") throw new FetchError("The HLS playlist cannot be read (no #EXTM3U media playlist).");
    const playlist = parsed.playlist;
    if (playlist.encrypted) throw new FetchError("The HLS stream is encrypted (EXT-X-KEY): Dead Air cannot listen to it.");
    if (playlist.map && !mapSent) {
      yield await fetchBytes(playlist.map, headers, signal, SEGMENT_MAX_BYTES);
      mapSent = true;
    }
    const fresh = playlist.segments.filter((s) => s.sequence > last);
    // A recording (ended at first sight) is read whole; a live stream from its edge.
    for (const segment of last < 0 && !playlist.ended ? fresh.slice(-3) : fresh) {
      yield await fetchBytes(segment.uri, headers, signal, SEGMENT_MAX_BYTES);
      last = segment.sequence;
      lastNew = Date.now();
    }
    if (playlist.ended) return;
    if (Date.now() - lastNew > 3 * playlist.targetDurationMs + 5_000) {
      throw new FetchError(`The HLS playlist added no segment for ${Math.round((Date.now() - lastNew) / 1000)} s.`);
    }
    await pause(playlist.targetDurationMs / 2, signal);
    if (signal.aborted) return;
    parsed = parsePlaylist((await fetchBytes(playlistUrl, headers, signal, PLAYLIST_MAX_BYTES)).toString("utf8"), playlistUrl);
  }
}
