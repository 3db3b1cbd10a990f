// What every probe (the audio listener, the audience pollers) gives the worker and gets from it.
import "server-only";
import type { MonitorSecret } from "../data/monitors";

/** What a probe reports: samples as they are measured, and its state with the error that made it so. */
export interface ProbeSink {
  sample(series: "loudness" | "stream_up" | "listeners", at: number, value: number): void;
  state(state: "starting" | "running" | "retrying" | "failed", error?: string | null): void;
  /** What the X API says of a Space's schedule and start: the monitored figures of an event. */
  times?(times: SpaceTimes): void;
}

export interface SpaceTimes {
  state: string;
  scheduledStart: number | null;
  startedAt: number | null;
  endedAt: number | null;
}

export interface Probe {
  /** Stops it and every process it started; resolves once they are gone. */
  stop(): Promise<void>;
}

/** What a probe knows of its monitor. */
export interface ProbeJob {
  id: number;
  kind: string;
  url: string;
  mount: string | null;
  pointer: string | null;
  intervalSeconds: number;
  secret: MonitorSecret;
}

/** The monitor's own headers, then its bearer token: sent with each of its requests. */
export function requestHeaders(secret: MonitorSecret, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, ...(secret.headers ?? {}), ...(secret.bearerToken ? { authorization: `Bearer ${secret.bearerToken}` } : {}) };
}

/** Waits `ms`, or less when `signal` aborts (it then resolves too: the caller checks the signal). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** An instant on the second: samples of every series line up. */
export const onTheSecond = (ms: number) => Math.round(ms / 1000) * 1000;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
