// How a store selects a time or a date: as a plain integer, which
// sql::Field::timestamp() and date() read into domain/calendar.hpp's types.
// Formatting in PostgreSQL with to_char (the rfc3339() SQL function of
// migration 0002) cost about half of PostgreSQL's time on a list of 50
// projects (bench/RESULTS.md, 2026-11-25); an integer costs nothing to send.
#pragma once

// Whole seconds since the Unix epoch. floor, not a cast: a cast rounds, and
// the API has always written a time truncated to the second. The double of
// date_part holds a microsecond timestamp of this era exactly enough that
// floor never reaches the next second.
#define SQL_UNIX_SECONDS(column) "floor(date_part('epoch', " column "))::bigint"
// Days since 1970-01-01.
#define SQL_UNIX_DAYS(column) "(" column " - DATE '1970-01-01')"
