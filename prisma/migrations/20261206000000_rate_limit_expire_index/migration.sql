-- rate-limiter-flexible deletes expired keys periodically (WHERE "expire" < now): an index instead of a table scan.
-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");
