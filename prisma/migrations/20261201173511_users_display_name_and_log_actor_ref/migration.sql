-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "actorRef" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT 'editor',
    "passwordHash" TEXT NOT NULL,
    "disabledAt" DATETIME,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "email", "id", "passwordHash", "role", "updatedAt") SELECT "createdAt", "disabledAt", "email", "id", "passwordHash", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Data: everyone gets a display name, and the public log stops naming people by email and tokens by their name.
UPDATE "User" SET "displayName" = CASE WHEN "email" = 'admin' THEN 'Admin' ELSE 'Editor ' || "id" END WHERE "displayName" = '';
UPDATE "Revision" SET "actor" = "User"."displayName", "actorRef" = 'user:' || "User"."id" FROM "User" WHERE "Revision"."actor" = "User"."email";
UPDATE "Revision" SET "actor" = "User"."displayName" || ' (import)', "actorRef" = 'user:' || "User"."id" FROM "User" WHERE "Revision"."actor" = "User"."email" || ' (import)';
UPDATE "Revision" SET "actorRef" = 'token:' || "ApiToken"."id" FROM "ApiToken" WHERE "Revision"."actor" IN ('token:' || "ApiToken"."name", 'token:' || "ApiToken"."name" || ' (import)');
UPDATE "Revision" SET "actor" = 'API client' || CASE WHEN "actor" LIKE '% (import)' THEN ' (import)' ELSE '' END WHERE "actor" LIKE 'token:%';
UPDATE "Revision" SET "actorRef" = "actor" WHERE "actor" IN ('seed', 'import') AND "actorRef" IS NULL;
