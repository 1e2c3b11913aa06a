#!/bin/bash
# rotate-backups.sh [--dry-run] [--daily N] [--weekly N] [--monthly N] DIR
#
# Prunes backup archives in DIR. Archives are named NAME-YYYYMMDD-HHMMSS.tar.gz, where NAME
# (the backup set) may contain any characters including spaces and dashes; the timestamp in
# the file name (UTC) is the backup time. Other files are never touched. Each set is rotated
# on its own:
#   - sort the set's archives by their timestamp;
#   - keep the newest archive of each of the N most recent calendar days that have an archive
#     (--daily, default 7), of each of the W most recent ISO weeks (--weekly, default 4) and of
#     each of the M most recent months (--monthly, default 6);
#   - delete every other archive of the set.
# For every deleted archive it prints "delete: FILE" (with --dry-run: "would delete: FILE" and
# nothing is deleted), sets in name order, oldest archive first. Exit status: 0 on success,
# 1 if a file could not be deleted, 2 on bad usage.
set -u

daily=7 weekly=4 monthly=6 dry=0
while [ $# -gt 1 ]; do
    case "$1" in
        --dry-run) dry=1; shift ;;
        --daily) daily=$2; shift 2 ;;
        --weekly) weekly=$2; shift 2 ;;
        --monthly) monthly=$2; shift 2 ;;
        *) echo "usage: rotate-backups.sh [--dry-run] [--daily N] [--weekly N] [--monthly N] DIR" >&2; exit 2 ;;
    esac
done
dir=${1:-}
[ -d "$dir" ] || { echo "rotate-backups.sh: no such directory: $dir" >&2; exit 2; }

keep=$(mktemp)
trap 'rm -f "$keep"' EXIT

# newest first (by modification time)
files=$(ls -t $dir | grep -E '^.+-[0-9]{8}-[0-9]{6}\.tar\.gz$')

seen_days="" seen_weeks="" seen_months=""
nd=0 nw=0 nm=0
for f in $files; do
    stamp=$(echo "$f" | sed -E 's/.*-([0-9]{8})-([0-9]{6})\.tar\.gz$/\1/')
    day=$stamp
    week=$(date -u -d "$stamp" +%Y-%U)
    month=${stamp:0:6}
    if [ $nd -lt $daily ] && ! echo "$seen_days" | grep -q "$day"; then
        seen_days="$seen_days $day"; nd=$((nd + 1)); echo "$f" >> "$keep"
    fi
    if [ $nw -lt $weekly ] && ! echo "$seen_weeks" | grep -q "$week"; then
        seen_weeks="$seen_weeks $week"; nw=$((nw + 1)); echo "$f" >> "$keep"
    fi
    if [ $nm -lt $monthly ] && ! echo "$seen_months" | grep -q "$month"; then
        seen_months="$seen_months $month"; nm=$((nm + 1)); echo "$f" >> "$keep"
    fi
done

for f in $(echo "$files" | sort); do
    if ! grep -qx "$f" "$keep"; then
        if [ $dry -eq 1 ]; then
            echo "would delete: $f"
        fi
        rm -f "$dir/$f"
        echo "delete: $f"
    fi
done
exit 0
