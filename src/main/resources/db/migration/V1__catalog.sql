-- Cities (GB/T 2260 prefecture codes) and the test sites residents order from.
CREATE TABLE city (
  code        char(6) PRIMARY KEY CHECK (code ~ '^[1-8][0-9]{5}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  province    text NOT NULL,
  sort_order  int  NOT NULL DEFAULT 0
);

CREATE TABLE site (
  code                     text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{2,16}$'),
  name                     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  city_code                char(6) NOT NULL REFERENCES city(code),
  address                  text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
  fee_fen                  int  NOT NULL CHECK (fee_fen BETWEEN 0 AND 100000),
  out_of_province_fee_fen  int  NOT NULL CHECK (out_of_province_fee_fen BETWEEN 0 AND 100000),
  accepting                boolean NOT NULL DEFAULT true,
  contact_phone            text NOT NULL DEFAULT '',
  updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX site_city_idx ON site (city_code, code);

-- Every instance caches the catalog in process; any change, from any writer (the server, the
-- import command, a psql session), tells them all to drop that cache.
CREATE FUNCTION notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER city_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON city
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
CREATE TRIGGER site_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
