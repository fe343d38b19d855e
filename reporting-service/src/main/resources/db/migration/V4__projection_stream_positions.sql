-- Read your own writes (ADR 23): per generation, the highest version of every event stream it has applied,
-- written in the same transaction as the rows and the checkpoint. A report asked for "after <stream>@<version>"
-- answers once each projection it reads has applied that version.
create table projection_stream_position (
    projection text   not null,
    generation int    not null,
    stream_id  text   not null,
    version    bigint not null,
    primary key (projection, generation, stream_id),
    foreign key (projection, generation) references projection_generation (projection, generation) on delete cascade
);
