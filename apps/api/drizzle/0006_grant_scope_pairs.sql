-- A grant remembers which scope the user authorized on which API (the consent screen's pairs), so a
-- refresh cannot carry a scope onto an API of the grant that only started to define it later.
-- Grants made before this migration have no pairs (NULL) and keep the flat check they had.
ALTER TABLE `grants` ADD `api_scopes` text;
