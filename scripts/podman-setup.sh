#!/usr/bin/env bash
# Podman settings the container tests need on the machines this project builds on (root, no
# systemd, cgroups v1 with v2 mounted beside it):
#   default_ulimits = []  the default limits fail every container there ("error setting rlimits …
#                         rlimit type 7: operation not permitted")
#   runtime = "runc"      crun refuses that hybrid cgroup layout ("cgroups in hybrid mode not
#                         supported"); runc runs it
# Writes /etc/containers/containers.conf when it has neither setting; an existing file with other
# settings is left alone (add the two yourself). Then checks that a container runs.
set -euo pipefail
conf=/etc/containers/containers.conf
if [[ ! -f $conf ]] || ! grep -q '^default_ulimits' "$conf"; then
  if [[ -s $conf ]] && grep -qv '^\s*\(#.*\)\?$' "$conf"; then
    echo "podman-setup: $conf has settings of its own: add default_ulimits = [] under [containers] and runtime = \"runc\" under [engine]" >&2
  else
    mkdir -p "$(dirname "$conf")"
    printf '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n' >"$conf"
    echo "podman-setup: wrote $conf" >&2
  fi
fi
podman info --format '{{.Host.OCIRuntime.Name}} {{.Host.CgroupsVersion}} {{.Version.Version}}' \
  | { read -r runtime cgroups version; echo "podman-setup: podman $version, $runtime, cgroups $cgroups" >&2; }
