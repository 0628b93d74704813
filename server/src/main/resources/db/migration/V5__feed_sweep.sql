-- What lets a sweep enqueue again the feed jobs a crash lost (see "The feed" in the README). A
-- publication or a follow commits first and enqueues its job after the commit, so an instance that
-- dies between the two leaves the write without its job. Each leaves a row in its own transaction
-- that only its job deletes; sweep_at is when the sweep enqueues that job again if the row is still
-- there, and the sweep moves it on each time, so a job slow to run is enqueued again at most once
-- per mach.feed.fan-out.sweep-after.

-- Articles whose fan-out job has not run yet.
create table feed_pending_articles (
  article_id bigint not null references articles (id) on delete cascade,
  sweep_at   timestamp(3) with time zone not null,
  constraint feed_pending_articles_pkey primary key (article_id)
);
create index feed_pending_articles_sweep_idx on feed_pending_articles (sweep_at);

-- Follows waiting for their backfill already have a row; they get the same deadline (rows there
-- before this migration are due at once: their backfill runs again, to no effect if it had run).
alter table feed_pending_follows add column sweep_at timestamp(3) with time zone not null default current_timestamp;
create index feed_pending_follows_sweep_idx on feed_pending_follows (sweep_at);
