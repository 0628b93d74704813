-- The feed's timelines: fan-out on write (see "The feed" in the README). Runs unchanged on
-- PostgreSQL and H2 and is parsed offline by jOOQ, like V1.

-- How many readers an author has: the feed pushes an author's articles to their timelines only up
-- to mach.feed.fan-out.pull-threshold followers. Moved with the follow row, like article_count;
-- a loader that writes follows directly must set it as it sets article_count.
alter table users add column follower_count integer not null default 0;
update users set follower_count = (select count(*) from follows f where f.followee_id = users.id);

-- One row per (reader, article of an author the reader follows). created_at is the article's, so
-- "reader's newest first" is one range of the unique index below; no primary key, since that key
-- would need descending columns PostgreSQL does not allow in a constraint, and H2 only reads an
-- index in its declared order.
create table feed_entries (
  reader_id  bigint not null references users (id) on delete cascade,
  created_at timestamp(3) with time zone not null,
  article_id bigint not null references articles (id) on delete cascade,
  author_id  bigint not null
);
create unique index feed_entries_reader_idx on feed_entries (reader_id, created_at desc, article_id desc);
-- what the article foreign key's cascade looks rows up by: without it every article deletion
-- would read every timeline
create index feed_entries_article_idx on feed_entries (article_id);

-- Authors merged at read time: above the threshold, or on their way back below it until their
-- timelines are rebuilt. Only a job that has just rebuilt them removes a row.
create table feed_pull_authors (
  author_id bigint not null references users (id) on delete cascade,
  constraint feed_pull_authors_pkey primary key (author_id)
);

-- Follows whose backfill has not run yet: the reader's feed pulls that author until it has.
create table feed_pending_follows (
  reader_id bigint not null references users (id) on delete cascade,
  author_id bigint not null references users (id) on delete cascade,
  constraint feed_pending_follows_pkey primary key (reader_id, author_id)
);

-- Whether every timeline is complete. Starts false: a database filled without Mach (a bulk load),
-- or by an instance with fan-out off, is rebuilt by the first instance that starts with it on.
-- generation moves whenever timelines become incomplete, so a rebuild that began before cannot
-- mark them complete.
create table feed_state (
  id         integer not null,
  complete   boolean not null,
  generation bigint  not null,
  constraint feed_state_pkey primary key (id)
);
insert into feed_state (id, complete, generation) values (1, false, 0);
