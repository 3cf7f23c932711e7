-- Staff accounts: one role each; a SITE_STAFF user belongs to one site, a COURIER to one or more cities.
CREATE TABLE staff_user (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('SITE_STAFF', 'COURIER', 'OPS', 'ADMIN')),
  site_code      text REFERENCES site(code),
  city_codes     char(6)[] NOT NULL DEFAULT '{}',
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'SITE_STAFF') = (site_code IS NOT NULL)),
  CHECK (role <> 'COURIER' OR cardinality(city_codes) > 0)
);
