// The server tests run `next start`, which needs a build of the current sources.
import { buildIfStale } from "@/scripts/build-if-stale";

export default function setup() {
  buildIfStale();
}
