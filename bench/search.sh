#!/usr/bin/env bash
# The projects search's PostgreSQL time at scale, before and after the
# trigram indexes (migration 0017): the projects page's statement as it was
# (strpos(lower(name), lower($5)), reading the projects in id order until 50
# match) and as it is (name or number ILIKE '%term%', answered by the
# trigram indexes), both prepared, as a worker sends them.
#
#   bench/search.sh DATABASE_URL [TERM...]
#
# DATABASE_URL: a database seeded by `construction seed-scale --factor 100`
# (and migrated). Each term runs RUNS times (default 40) through each
# statement in turn, with EXPLAIN ANALYZE; the median of the runs after the
# tenth (the plan cache settled on its plan, as a worker's session does)
# and the matching rows are printed. Run it under `flock /tmp/bench.lock`
# beside the other benches, and write the load (`uptime`) beside the numbers.
set -euo pipefail

url=${1:?usage: bench/search.sh DATABASE_URL [TERM...]}
shift
terms=("$@")
[ ${#terms[@]} -gt 0 ] || terms=(Hawthorne dental Fischer 2021-0007 zzz)
runs=${RUNS:-40}

org=$(psql -X -At "$url" -c "SELECT id FROM organisations WHERE name = 'Scale Builders'")
[ -n "$org" ] || { echo "search.sh: no Scale Builders in $url (run construction seed-scale)" >&2; exit 1; }

columns="id, number, name, status, original_contract_sum_cents, start_date"
page="FROM projects WHERE org_id = \$1 AND id > \$2 AND (\$3::text IS NULL OR status = \$3) \
AND (\$4::bigint IS NULL OR client_id = \$4)"
before="SELECT $columns $page AND (\$5::text IS NULL OR strpos(lower(name), lower(\$5)) > 0 \
OR strpos(lower(number), lower(\$5)) > 0) ORDER BY id LIMIT \$6"
after="SELECT $columns $page AND (name ILIKE \$6 OR number ILIKE \$6) ORDER BY id LIMIT \$5"

script() {
  echo "PREPARE before AS $before;"
  echo "PREPARE after AS $after;"
  local term i
  for term in "${terms[@]}"; do
    for i in $(seq 1 "$runs"); do
      echo "\\echo @before $term"
      echo "EXPLAIN (ANALYZE, COSTS OFF) EXECUTE before($org, 0, NULL, NULL, '$term', 51);"
      echo "\\echo @after $term"
      echo "EXPLAIN (ANALYZE, COSTS OFF) EXECUTE after($org, 0, NULL, NULL, 51, '%$term%');"
    done
  done
}

matches() {  # TERM: the organisation's projects whose name or number holds it
  psql -X -At "$url" -c "SELECT count(*) FROM projects WHERE org_id = $org AND \
(strpos(lower(name), lower('$1')) > 0 OR strpos(lower(number), lower('$1')) > 0)"
}

times=$(script | psql -X -q -At "$url" | awk '
  /^@/ { key = substr($1, 2) " " $2; next }
  /Execution Time/ { n[key]++; if (n[key] > 10) print key, $3 * 1000 }')

# What the server sends now: the trigram statement for a text with three
# letters or digits in a row, the strpos one otherwise (sql/like_pattern.hpp).
sent() { if [[ $1 =~ [[:alnum:]]{3} ]]; then echo after; else echo "before (no trigram)"; fi; }

printf '%-12s %8s %12s %12s  %s\n' term matches "before µs" "after µs" "the server sends"
for term in "${terms[@]}"; do
  median() {
    awk -v k="$1 $term" '($1 " " $2) == k { print $3 }' <<<"$times" | sort -n |
      awk '{ v[NR] = $1 } END { printf "%.0f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
  }
  printf '%-12s %8s %12s %12s  %s\n' "$term" "$(matches "$term")" "$(median before)" \
    "$(median after)" "$(sent "$term")"
done
