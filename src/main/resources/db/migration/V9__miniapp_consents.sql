-- Subscribe-message consents a mini-program resident has given, per template: each accepted
-- prompt allows exactly one message, so the worker spends one per send. WeChat keeps the real
-- count; this one lets the worker skip a send that cannot succeed and fall back at once.
CREATE TABLE subscribe_consent (
  resident_id  bigint NOT NULL REFERENCES resident(id),
  template_id  text   NOT NULL,
  remaining    int    NOT NULL CHECK (remaining >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (resident_id, template_id)
);
