-- Trigram search over events.search_text (catalog text search).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
