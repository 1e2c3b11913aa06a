#!/bin/bash
# Reference solution: slurp all pages with jq, dedupe by (updated_at instant, page, position).
set -euo pipefail
dir=${1:?usage: transform.sh DIR}
shopt -s nullglob
files=("$dir"/*.json)
jq -s '
  # epoch seconds (fractional part ignored: it cannot change a date; for ordering use millis)
  def epoch_ms:
    . as $s
    | ($s | capture("^(?<base>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(?<frac>\\.\\d+)?(?<tz>Z|[+-]\\d\\d:\\d\\d)$")) as $m
    | ($m.base + "Z" | fromdateiso8601) as $t
    | (if $m.tz == "Z" then 0
       else ($m.tz[1:3] | tonumber) * 60 + ($m.tz[4:6] | tonumber) | if $m.tz[0:1] == "-" then -. else . end
       end) as $off
    | (($m.frac // ".0")[1:] + "000")[0:3] | tonumber | . + ($t - $off * 60) * 1000;
  def trim: sub("^\\s+"; "") | sub("\\s+$"; "");
  [ sort_by(.meta.page)[] | .meta.page as $p | .data | to_entries[]
    | .value + {_key: [(.value.updated_at | epoch_ms), $p, .key]} ]
  | group_by(.id) | map(max_by(._key))
  | map(select(.status != "deleted"))
  | sort_by(.id)
  | map(
      ((.addresses // []) as $a | (first($a[] | select(.primary == true)) // $a[0])) as $prim
      | {id,
         name: ([.name.first, .name.last] | map(select(. != null) | trim | select(. != "")) | join(" ")),
         email: (.email | trim | ascii_downcase),
         country: ($prim.country // null),
         city: ($prim.city // null),
         roles: ((.roles // []) | unique),
         active: (.status == "active"),
         signup_date: ((.created_at | epoch_ms) / 1000 | floor | todate[0:10])})
  | {users: .,
     by_country: (map(select(.active)) | group_by(.country // "unknown")
                  | map({key: (.[0].country // "unknown"), value: length}) | from_entries),
     total: length,
     active: (map(select(.active)) | length)}
' "${files[@]}"
