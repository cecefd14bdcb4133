-- The indicators page filters entries by district and lists the districts that have entries (one probe per
-- district): without an index each was a scan of every entry.
CREATE INDEX ix_entries_district_ubigeo ON entries (district_ubigeo);
