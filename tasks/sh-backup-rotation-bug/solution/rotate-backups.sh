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
export LC_ALL=C

usage() {
    echo "usage: rotate-backups.sh [--dry-run] [--daily N] [--weekly N] [--monthly N] DIR" >&2
    exit 2
}

daily=7 weekly=4 monthly=6 dry=0 dir=
while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) dry=1; shift ;;
        --daily|--weekly|--monthly)
            [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || usage
            case "$1" in --daily) daily=$2 ;; --weekly) weekly=$2 ;; --monthly) monthly=$2 ;; esac
            shift 2 ;;
        -*) usage ;;
        *) [ -z "$dir" ] || usage; dir=$1; shift ;;
    esac
done
[ -n "$dir" ] || usage
[ -d "$dir" ] || { echo "rotate-backups.sh: no such directory: $dir" >&2; exit 2; }

# One record per archive: set<TAB>stamp<TAB>day<TAB>isoweek<TAB>month<TAB>file, sorted by set
# then timestamp (newest first inside a set).
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$dir" -mindepth 1 -maxdepth 1 -type f -printf '%f\n' |
    grep -E '^.+-[0-9]{8}-[0-9]{6}\.tar\.gz$' |
    while IFS= read -r f; do
        set_name=$(printf '%s' "$f" | sed -E 's/-[0-9]{8}-[0-9]{6}\.tar\.gz$//')
        stamp=$(printf '%s' "$f" | sed -E 's/.*-([0-9]{8})-([0-9]{6})\.tar\.gz$/\1\2/')
        d=${stamp:0:8}
        week=$(date -u -d "${d:0:4}-${d:4:2}-${d:6:2}" +%G-%V) || continue
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$set_name" "$stamp" "$d" "$week" "${d:0:6}" "$f"
    done | sort -t $'\t' -k1,1 -k2,2r > "$list"

# For each set: walk newest first; a day/week/month seen for the first time is "new"; keep the
# archive if it is new for a rule whose quota is not used up.
decisions=$(awk -F '\t' -v nd="$daily" -v nw="$weekly" -v nm="$monthly" '
    $1 != cur { cur = $1; d = w = m = 0; delete sd; delete sw; delete sm }
    {
        keep = 0
        if (!($3 in sd)) { sd[$3] = 1; if (d < nd) { d++; keep = 1 } }
        if (!($4 in sw)) { sw[$4] = 1; if (w < nw) { w++; keep = 1 } }
        if (!($5 in sm)) { sm[$5] = 1; if (m < nm) { m++; keep = 1 } }
        if (!keep) print $1 "\t" $2 "\t" $6
    }' "$list" | sort -t $'\t' -k1,1 -k2,2)

status=0
while IFS=$'\t' read -r _ _ f; do
    [ -n "$f" ] || continue
    if [ "$dry" -eq 1 ]; then
        echo "would delete: $f"
    elif rm -- "$dir/$f"; then
        echo "delete: $f"
    else
        status=1
    fi
done <<< "$decisions"
exit $status
