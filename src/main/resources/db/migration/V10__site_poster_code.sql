-- Which code a site's poster carries: the official account's permanent parametric QR code (a scan
-- opens the chat with the site chosen) or the mini-program's unlimited code (a scan opens the
-- mini-program's order page with the site chosen). The site_changed trigger tells every instance.
ALTER TABLE site ADD COLUMN poster_code text NOT NULL DEFAULT 'MP_QR'
  CHECK (poster_code IN ('MP_QR', 'MA_CODE'));
