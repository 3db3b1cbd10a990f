-- CreateTable
CREATE TABLE "Monitor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "mount" TEXT,
    "pointer" TEXT,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 15,
    "mode" TEXT NOT NULL DEFAULT 'auto',
    "leadMinutes" INTEGER NOT NULL DEFAULT 15,
    "tailMinutes" INTEGER NOT NULL DEFAULT 15,
    "label" TEXT NOT NULL DEFAULT '',
    "secret" TEXT,
    "headerNames" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'idle',
    "stateSince" DATETIME,
    "lastSampleAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Monitor_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Monitor_eventId_idx" ON "Monitor"("eventId");

