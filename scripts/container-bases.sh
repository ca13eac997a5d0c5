#!/usr/bin/env bash
# Makes the base images the Dockerfile and the compose override need, from Debian's own packages,
# on a machine that cannot pull from a registry:
#
#   debian:bookworm        debootstrap --variant=minbase (the Dockerfile's build stage)
#   debian:bookworm-slim   the same, with documentation, man pages and locales removed and kept
#                          out of later installs, as Docker's official slim image does (runtime)
#   rnn-serving-postgres:15  PostgreSQL 15 from Debian on bookworm-slim (deploy/postgres), for
#                          docker-compose.local.yml where postgres:17 cannot be pulled
#
#   scripts/container-bases.sh [--force]
#
# Needs root, podman and debootstrap (apt-get install podman debootstrap). Images that already
# exist are kept unless --force. DEBIAN_MIRROR: the mirror (http://deb.debian.org/debian). The
# images are tagged docker.io/library/debian:…, so `FROM debian:bookworm` resolves to them with
# `podman build --pull=never`; where Docker can pull, none of this is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

force=""
[[ ${1:-} == --force ]] && force=yes
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm

exists() { [[ -z $force ]] && podman image exists "$1"; }
log() { echo "container-bases: $*" >&2; }

work=""
trap '[[ -n $work ]] && rm -rf "$work"' EXIT

import_root() { # DIR IMAGE: a root file system as an image whose command is bash
  tar --numeric-owner -C "$1" -c . \
    | podman import -q --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$2" >/dev/null
  log "$2 ($(podman image inspect --format '{{.Size}}' "$2" | numfmt --to=iec))"
}

if ! exists docker.io/library/debian:$suite || ! exists docker.io/library/debian:$suite-slim; then
  work=$(mktemp -d)
  root=$work/root
  log "debootstrap $suite from $mirror (about a minute)"
  debootstrap --variant=minbase $suite "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
  # the suites the official image lists, so that images built on it get security updates
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # no recommends, no cached package lists or archives, no daemons started during a build
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"$root/etc/apt/apt.conf.d/90container"
  # downloaded packages deleted after every install, as in Docker's official image
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/*
  import_root "$root" docker.io/library/debian:$suite

  # slim: what dpkg should never unpack, and those files gone now
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  # files go, directories stay (as Docker's slim image does): packages whose scripts link into
  # /usr/share/man/man1 (openjdk's update-alternatives) still install
  find "$root/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
  for dir in man groff info lintian linda; do
    find "$root/usr/share/$dir" -mindepth 1 -not -type d -delete 2>/dev/null || true
  done
  find "$root/usr/share/locale" -mindepth 1 -not -type d -not -name locale.alias -delete
  import_root "$root" docker.io/library/debian:$suite-slim
fi

if ! exists localhost/rnn-serving-postgres:15; then
  log "building rnn-serving-postgres:15 from deploy/postgres"
  podman build -q --pull=never --format docker -t localhost/rnn-serving-postgres:15 deploy/postgres >/dev/null
  log "localhost/rnn-serving-postgres:15 ($(podman image inspect --format '{{.Size}}' localhost/rnn-serving-postgres:15 | numfmt --to=iec))"
fi
