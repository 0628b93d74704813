-- Background jobs as their owners see them. JobRunr keeps its own jobrunr_* tables (the queue, the
-- retries, the dashboard's history); these rows say whose job it is, how far it got and what it
-- produced, and outlive JobRunr's clean-up until mach.jobs.retention has passed.

create table jobs (
  id          uuid         primary key,   -- the JobRunr job's id too
  owner_id    bigint       not null references users (id) on delete cascade,
  kind        varchar(32)  not null,
  state       varchar(16)  not null,      -- queued, running, retrying, succeeded, failed
  progress    integer      not null default 0,   -- percent
  attempts    integer      not null default 0,
  error       varchar(500),
  created_at  timestamp(3) with time zone not null,
  updated_at  timestamp(3) with time zone not null,
  finished_at timestamp(3) with time zone
);

create index jobs_owner_idx on jobs (owner_id, created_at);
create index jobs_finished_idx on jobs (finished_at);

-- what a succeeded job produced (an account export, say); written in the transaction that marks
-- the job succeeded, so a retry replaces it instead of adding a second one
create table job_results (
  job_id     uuid         primary key references jobs (id) on delete cascade,
  media_type varchar(100) not null,
  file_name  varchar(255) not null,
  body       text         not null
);

-- GET /api/tags's order: tag uses over mach.tags.popularity-window, ranked by the scheduled
-- refresh. Tags not ranked here follow the ranked ones.
create table tag_popularity (
  tag_id bigint  primary key references tags (id) on delete cascade,
  rank   integer not null,
  uses   integer not null
);
