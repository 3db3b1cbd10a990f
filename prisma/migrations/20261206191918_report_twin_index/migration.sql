-- DropIndex
DROP INDEX "Report_eventId_metric_idx";

-- CreateIndex
CREATE INDEX "Report_eventId_metric_sourceId_scope_idx" ON "Report"("eventId", "metric", "sourceId", "scope");

