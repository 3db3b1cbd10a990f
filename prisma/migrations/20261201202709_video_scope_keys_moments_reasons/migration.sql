-- Existing figures, incidents and claims get a random UUID (v4) as their export identity.
-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "reason" TEXT;

-- CreateTable
CREATE TABLE "Moment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "sourceId" INTEGER,
    "url" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Moment_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Moment_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Claim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "incidentId" INTEGER,
    "statement" TEXT NOT NULL,
    "quote" TEXT,
    "quoteLang" TEXT,
    "quoteEnglish" TEXT,
    "reportedOn" DATETIME,
    "claimantId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "url" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_claimantId_fkey" FOREIGN KEY ("claimantId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("key", "claimantId", "createdAt", "eventId", "id", "incidentId", "quote", "quoteEnglish", "quoteLang", "reportedOn", "statement", "status", "updatedAt", "url", "version") SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), "claimantId", "createdAt", "eventId", "id", "incidentId", "quote", "quoteEnglish", "quoteLang", "reportedOn", "statement", "status", "updatedAt", "url", "version" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE UNIQUE INDEX "Claim_key_key" ON "Claim"("key");
CREATE INDEX "Claim_eventId_idx" ON "Claim"("eventId");
CREATE INDEX "Claim_claimantId_idx" ON "Claim"("claimantId");
CREATE INDEX "Claim_incidentId_idx" ON "Claim"("incidentId");
CREATE TABLE "new_Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "medium" TEXT NOT NULL DEFAULT 'audio',
    "hosts" TEXT NOT NULL DEFAULT '',
    "guests" TEXT NOT NULL DEFAULT '',
    "scheduledStart" DATETIME,
    "scheduledPrecision" TEXT NOT NULL DEFAULT 'minute',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "actualStart" DATETIME,
    "endedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'ended',
    "notes" TEXT NOT NULL DEFAULT '',
    "detectorSettings" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Event" ("actualStart", "createdAt", "detectorSettings", "endedAt", "guests", "hosts", "id", "notes", "platform", "scheduledPrecision", "scheduledStart", "slug", "status", "timeZone", "title", "updatedAt", "version") SELECT "actualStart", "createdAt", "detectorSettings", "endedAt", "guests", "hosts", "id", "notes", "platform", "scheduledPrecision", "scheduledStart", "slug", "status", "timeZone", "title", "updatedAt", "version" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");
CREATE INDEX "Event_scheduledStart_idx" ON "Event"("scheduledStart");
CREATE INDEX "Event_createdAt_idx" ON "Event"("createdAt");
CREATE TABLE "new_Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "startOffsetMinutes" REAL,
    "durationMinutes" REAL,
    "qualifier" TEXT NOT NULL DEFAULT 'exact',
    "description" TEXT NOT NULL DEFAULT '',
    "sourceId" INTEGER,
    "quote" TEXT,
    "quoteLang" TEXT,
    "quoteEnglish" TEXT,
    "url" TEXT,
    "reportedOn" DATETIME,
    "detector" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "review" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Incident_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Incident_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Incident" ("key", "createdAt", "description", "detector", "durationMinutes", "endedAt", "eventId", "id", "kind", "qualifier", "quote", "quoteEnglish", "quoteLang", "reportedOn", "review", "sourceId", "startOffsetMinutes", "startedAt", "updatedAt", "version") SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), "createdAt", "description", "detector", "durationMinutes", "endedAt", "eventId", "id", "kind", "qualifier", "quote", "quoteEnglish", "quoteLang", "reportedOn", "review", "sourceId", "startOffsetMinutes", "startedAt", "updatedAt", "version" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE UNIQUE INDEX "Incident_key_key" ON "Incident"("key");
CREATE INDEX "Incident_eventId_idx" ON "Incident"("eventId");
CREATE INDEX "Incident_sourceId_idx" ON "Incident"("sourceId");
CREATE INDEX "Incident_eventId_detector_endedAt_idx" ON "Incident"("eventId", "detector", "endedAt");
CREATE TABLE "new_Report" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "unit" TEXT NOT NULL,
    "qualifier" TEXT NOT NULL DEFAULT 'exact',
    "sourceId" INTEGER NOT NULL,
    "quote" TEXT,
    "quoteLang" TEXT,
    "quoteEnglish" TEXT,
    "url" TEXT,
    "reportedOn" DATETIME,
    "note" TEXT NOT NULL DEFAULT '',
    "scope" TEXT NOT NULL DEFAULT 'global',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Report_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Report_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Report" ("key", "createdAt", "eventId", "id", "metric", "note", "qualifier", "quote", "quoteEnglish", "quoteLang", "reportedOn", "sourceId", "unit", "updatedAt", "url", "value", "version") SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), "createdAt", "eventId", "id", "metric", "note", "qualifier", "quote", "quoteEnglish", "quoteLang", "reportedOn", "sourceId", "unit", "updatedAt", "url", "value", "version" FROM "Report";
DROP TABLE "Report";
ALTER TABLE "new_Report" RENAME TO "Report";
CREATE UNIQUE INDEX "Report_key_key" ON "Report"("key");
CREATE INDEX "Report_eventId_metric_idx" ON "Report"("eventId", "metric");
CREATE INDEX "Report_sourceId_idx" ON "Report"("sourceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Moment_key_key" ON "Moment"("key");

-- CreateIndex
CREATE INDEX "Moment_eventId_at_idx" ON "Moment"("eventId", "at");

-- CreateIndex
CREATE INDEX "Moment_sourceId_idx" ON "Moment"("sourceId");

