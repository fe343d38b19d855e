-- Stream positions cost a projection's rebuild as much as its own writes (ADR 23, amended 2026-12-04: 6.6-6.9 s of
-- PostgreSQL's time per projection and million events). Every row paid a foreign-key check and a locale-aware
-- comparison of its stream id on every step down the primary key.
-- * The foreign key goes: a batch inserts positions only after claiming its generation's row in the same
--   transaction (it must exist and not be retired), and a retired generation's positions are deleted with its
--   checkpoint; the key's cascade never ran.
-- * Stream ids are compared byte by byte ("C"): they are ids ("team-<uuid>", "wig-<uuid>"), only ever looked up by
--   equality, never sorted for a reader.
-- * The team history records no positions any more (no read waits on it): its rows go.
alter table projection_stream_position drop constraint if exists projection_stream_position_projection_generation_fkey;
alter table projection_stream_position alter column stream_id type text collate "C";
delete from projection_stream_position where projection = 'team-history';
