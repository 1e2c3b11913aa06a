#!/bin/bash
# Reference solution: one gawk pass collects the counters, sort(1) ranks the lists.
set -u
export LC_ALL=C
log=${1:?usage: report.sh LOGFILE}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gawk -v dir="$tmp" '
BEGIN {
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " ")
  for (i = 1; i <= 12; i++) mon[m[i]] = sprintf("%02d", i)
  re = "^([^[:space:]]+) [^[:space:]]+ [^[:space:]]+ \\[([0-9]{2})/([A-Z][a-z]{2})/([0-9]{4}):([0-9]{2}):([0-9]{2}):([0-9]{2}) \\+0000\\] \"([A-Z]+) ([^[:space:]]+) (HTTP/[0-9]\\.[0-9])\" ([0-9]{3}) ([0-9]+|-)( .*)?$"
}
{
  if (!match($0, re, g) || !(g[3] in mon) || substr(g[11], 1, 1) !~ /^[2345]$/) { bad++; next }
  ok++
  ip[g[1]]++
  p = g[9]; sub(/\?.*/, "", p); path[p]++
  st[substr(g[11], 1, 1)]++
  if (g[12] != "-") bytes += g[12]
  hour[g[4] "-" mon[g[3]] "-" g[2] " " g[5] ":00"]++
}
END {
  printf "requests: %d\nmalformed: %d\n", ok, bad
  n = 0; for (k in ip) n++
  printf "unique_ips: %d\n", n
  for (d = 2; d <= 5; d++) printf "status %dxx: %d\n", d, st[d]
  for (k in ip) printf "%d %s\n", ip[k], k > (dir "/ips")
  for (k in path) printf "%d %s\n", path[k], k > (dir "/paths")
  for (k in hour) printf "%d %s\n", hour[k], k > (dir "/hours")
  printf "%.0f\n", bytes > (dir "/bytes")
}' "$log"
touch "$tmp/ips" "$tmp/paths" "$tmp/hours"
echo "top_ips:"
sort -k1,1nr -k2 "$tmp/ips" | head -n 5 | sed 's/^/  /'
echo "top_paths:"
sort -k1,1nr -k2 "$tmp/paths" | head -n 5 | sed 's/^/  /'
echo "bytes_total: $(cat "$tmp/bytes")"
if [ -s "$tmp/hours" ]; then
  sort -k1,1nr -k2 "$tmp/hours" | head -n 1 | awk '{ printf "busiest_hour: %s %s (%d)\n", $2, $3, $1 }'
else
  echo "busiest_hour: none"
fi
