// HLS playlists (RFC 8216) as an audio monitor reads them: a master playlist's variants, a media playlist's segments.

export interface Variant {
  uri: string;
  bandwidth: number;
}

export interface MediaPlaylist {
  targetDurationMs: number;
  /** The sequence number of the first segment listed. */
  mediaSequence: number;
  segments: { uri: string; sequence: number }[];
  /** The fMP4 initialisation section (EXT-X-MAP), sent before the first segment. */
  map: string | null;
  /** EXT-X-ENDLIST: the broadcast is over, nothing will be added. */
  ended: boolean;
  /** EXT-X-KEY with a method other than NONE: the segments are encrypted. */
  encrypted: boolean;
}

export type Playlist = { kind: "master"; variants: Variant[] } | { kind: "media"; playlist: MediaPlaylist };

/** An attribute of an EXT-X tag: URI="…" or BANDWIDTH=128000. */
function attribute(line: string, name: string): string | null {
  const match = new RegExp(`(?:^|[:,])${name}=("[^"]*"|[^,]*)`).exec(line);
  return match ? match[1].replace(/^"|"$/g, "") : null;
}

/** Reads a playlist, with its URIs resolved against `base`; null when the text is not one (no #EXTM3U first). */
export function parsePlaylist(text: string, base: string): Playlist | null {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines[0] !== "#EXTM3U") return null;
  const resolve = (uri: string) => new URL(uri, base).href;
  if (lines.some((l) => l.startsWith("#EXT-X-STREAM-INF"))) {
    const variants: Variant[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("#EXT-X-STREAM-INF")) continue;
      const uri = lines.slice(i + 1).find((l) => !l.startsWith("#"));
      if (uri) variants.push({ uri: resolve(uri), bandwidth: Number(attribute(lines[i], "BANDWIDTH")) || 0 });
    }
    return { kind: "master", variants };
  }
  let targetDurationMs = 6_000;
  let mediaSequence = 0;
  let map: string | null = null;
  let ended = false;
  let encrypted = false;
  const uris: string[] = [];
  for (const line of lines) {
    if (line.startsWith("#EXT-X-TARGETDURATION:")) targetDurationMs = Math.max(1, Number(line.split(":")[1]) || 6) * 1000;
    else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) mediaSequence = Number(line.split(":")[1]) || 0;
    else if (line.startsWith("#EXT-X-MAP:")) map = attribute(line, "URI") && resolve(attribute(line, "URI")!);
    else if (line.startsWith("#EXT-X-ENDLIST")) ended = true;
    else if (line.startsWith("#EXT-X-KEY:")) encrypted ||= (attribute(line, "METHOD") ?? "NONE") !== "NONE";
    else if (!line.startsWith("#")) uris.push(resolve(line));
  }
  return {
    kind: "media",
    playlist: { targetDurationMs, mediaSequence, segments: uris.map((uri, i) => ({ uri, sequence: mediaSequence + i })), map, ended, encrypted },
  };
}

/** An audio monitor wants the least data that carries the sound: the variant of lowest bandwidth. */
export function pickVariant(variants: readonly Variant[]): Variant | null {
  return variants.reduce<Variant | null>((best, v) => (best === null || v.bandwidth < best.bandwidth ? v : best), null);
}
