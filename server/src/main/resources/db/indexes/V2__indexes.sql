-- Secondary indexes: one per access path the API has. A Flyway location of their own
-- (spring.flyway.locations) lets the benchmark run the schema without them and measure the gain.
create index articles_created_idx        on articles (created_at desc, id desc);
create index articles_author_created_idx on articles (author_id, created_at desc, id desc);
create index article_tags_tag_idx        on article_tags (tag_id, created_at desc, article_id desc);
create index favorites_user_idx          on favorites (user_id, article_created_at desc, article_id desc);
create index favorites_article_idx       on favorites (article_id);
create index follows_followee_idx        on follows (followee_id);
create index comments_article_idx        on comments (article_id, created_at desc, id desc);
create index comments_author_idx         on comments (author_id);
