-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "atMs" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "atMs" REAL NOT NULL,
    "granted" BOOLEAN NOT NULL
);

-- CreateIndex
CREATE INDEX "RateLimitHit_key_atMs_idx" ON "RateLimitHit"("key", "atMs");

