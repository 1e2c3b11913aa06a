#!/usr/bin/env bash
# Make sure the base images the task corpus builds FROM exist in the local Docker Engine.
#
# On a normal machine `docker pull` fetches them. On a machine without an image registry
# (air-gapped CI, this project's own workers) the pull fails, so the image is produced locally:
# `debootstrap --variant=minbase` into a temporary directory, then `docker import`.
#
# Usage: scripts/setup-base-images.sh [IMAGE...]   (default: debian:bookworm-slim)
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian)
set -euo pipefail

mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
images=("$@")
[ ${#images[@]} -gt 0 ] || images=("debian:bookworm-slim")

log() { printf 'setup-base-images: %s\n' "$*" >&2; }

if ! docker version >/dev/null 2>&1; then
  log "cannot reach the Docker Engine (is the daemon running, and is DOCKER_HOST right?)"
  exit 1
fi

suite_for() {
  case "$1" in
    debian:bookworm*|debian:12*) echo bookworm ;;
    debian:trixie*|debian:13*) echo trixie ;;
    debian:bullseye*|debian:11*) echo bullseye ;;
    *) return 1 ;;
  esac
}

for image in "${images[@]}"; do
  if docker image inspect "$image" >/dev/null 2>&1; then
    log "$image: present"
    continue
  fi
  if timeout 60 docker pull "$image" >/dev/null 2>&1; then
    log "$image: pulled"
    continue
  fi
  suite=$(suite_for "$image") || { log "$image: missing, cannot be pulled, and is not a Debian image this script can bootstrap"; exit 1; }
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap"
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null
    else
      sudo apt-get update -qq && sudo apt-get install -y -qq debootstrap >/dev/null
    fi
  fi
  root=$(mktemp -d /tmp/proctor-rootfs.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  log "$image: cannot be pulled; bootstrapping Debian $suite from $mirror (about a minute)"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1 || {
    log "debootstrap failed; its log:"; tail -n 30 "$root.log" >&2; exit 1; }
  # Keep the image small like the official -slim images.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root.log"
  echo "deb $mirror $suite main" >"$root/etc/apt/sources.list"
  tar -C "$root" -c . | docker import \
    --change 'CMD ["bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$image" >/dev/null
  rm -rf "$root"
  trap - EXIT
  log "$image: imported"
done
