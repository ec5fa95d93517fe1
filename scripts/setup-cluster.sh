#!/usr/bin/env bash
# Installs what the national-run checks need: Debian's Slurm (slurmctld, slurmd,
# munge) for a one-node cluster on loopback, and kubernetes-validate from PyPI
# (it carries the Kubernetes schemas, so nothing is fetched when it runs).
set -euo pipefail
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup-cluster: need root (or sudo) to run: $*" >&2; exit 1; fi
}
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    echo "setup-cluster: installing slurm-wlm (slurmctld, slurmd, munge)" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq slurm-wlm >/dev/null
fi
command -v kubernetes-validate >/dev/null || python3 -m pip install -q kubernetes-validate 2>&1 | grep -v -i warning || true
