// What both backends' backups share: their error, what every Dead Air database holds, what a backup reports, and
// the rules for the file a backup is written to.
import "server-only";
import fs from "node:fs";
import path from "node:path";

export class BackupError extends Error {
  name = "BackupError";
}

/** Tables every Dead Air database has, from the first migration on. */
export const REQUIRED_TABLES = ["_prisma_migrations", "Event", "Source", "Report", "Incident", "Claim"];

export interface BackupSummary {
  file: string;
  bytes: number;
  events: number;
  migrations: number;
}

/** Refuses a target whose folder is missing, or that exists unless it may be replaced; answers its absolute path. */
export function backupTarget(target: string, options: { overwrite?: boolean }): string {
  const file = path.resolve(target);
  if (!fs.existsSync(path.dirname(file))) throw new BackupError(`the folder ${path.dirname(file)} does not exist`);
  if (fs.existsSync(file) && !options.overwrite) throw new BackupError(`${file} already exists; choose another name or pass --force`);
  return file;
}

/** A file next to `target` that no one else writes, for work in progress. */
export function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
}

export function syncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
