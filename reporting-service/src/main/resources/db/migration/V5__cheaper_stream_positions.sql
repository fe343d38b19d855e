-- Stream positions cost a projection's rebuild as much as its own writes (ADR 23, amended 2026-12-04: 6.6-6.9 s of
-- PostgreSQL's time per projection and million events). Every row paid a foreign-key check and a locale-aware
-- comparison of its stream id on every step down the primary key.
-- * The team history records no positions any more (no read waits on it): its rows go first, so the index rebuilt
--   below does not hold them.
-- * The foreign key goes: a batch inserts positions only after claiming its generation's row in the same
--   transaction (it must exist and not be retired), a retired generation's positions are deleted with its
--   checkpoint, and the service never deletes a generation's row; its cascade never ran outside tests.
-- * Stream ids are compared byte by byte ("C"): they are ids ("team-<uuid>", "wig-<uuid>"), only ever looked up by
--   equality, never sorted for a reader. The primary key's index is rebuilt under an exclusive lock on the table:
--   batches and after= reads wait meanwhile (seconds for millions of rows). If the lock cannot be had within 10 s,
--   the migration fails and the service's next start tries again, rather than queue every batch behind it.
set local lock_timeout = '10s';
delete from projection_stream_position where projection = 'team-history';
alter table projection_stream_position drop constraint projection_stream_position_projection_generation_fkey;
alter table projection_stream_position alter column stream_id type text collate "C";
