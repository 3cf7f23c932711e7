-- Keyword rules ADMIN adds to the official-account chatbot without a release. They apply before
-- the built-in rules; the highest priority wins, then the oldest rule.
CREATE TABLE chat_rule (
  id         bigserial PRIMARY KEY,
  keyword    text        NOT NULL CHECK (length(keyword) BETWEEN 1 AND 60),
  match      text        NOT NULL CHECK (match IN ('EXACT', 'CONTAINS')),
  priority   integer     NOT NULL DEFAULT 0,
  reply      text        NOT NULL CHECK (length(reply) BETWEEN 1 AND 2000),
  enabled    boolean     NOT NULL DEFAULT true,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every instance caches the rules; this tells them all to drop the cache the moment a change commits.
CREATE FUNCTION notify_chat_rules_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('chat_rules_changed', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER chat_rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chat_rule
  FOR EACH STATEMENT EXECUTE FUNCTION notify_chat_rules_changed();
