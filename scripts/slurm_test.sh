#!/usr/bin/env bash
# A national run on a real single-node Slurm cluster (slurmctld, slurmd and munge
# from Debian's packages, on loopback), started here and stopped on exit:
# three small hubs as a job array of three shards with a dependent merge, one hub
# broken so its shard fails; then fixed and submitted again, which plans only it.
#
#   scripts/slurm_test.sh HUBPLAN_BINARY     (as root; bounded to a few minutes)
set -euo pipefail
hubplan=$(realpath "${1:?usage: slurm_test.sh HUBPLAN_BINARY}")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/hubplan-slurm.XXXXXX)
export SLURM_CONF="$work/slurm.conf"
host=$(hostname -s)

stop() {
  scontrol shutdown >/dev/null 2>&1 || true
  sleep 1
  [ -f "$work/slurmd.pid" ] && kill "$(cat "$work/slurmd.pid")" 2>/dev/null || true
  [ -f "$work/slurmctld.pid" ] && kill "$(cat "$work/slurmctld.pid")" 2>/dev/null || true
  [ -f "$work/munged.pid" ] && kill "$(cat "$work/munged.pid")" 2>/dev/null || true
}
trap stop EXIT

# munge: a key of our own, its socket in the work folder.
mkdir -p "$work/munge"
dd if=/dev/urandom bs=1 count=1024 of="$work/munge/munge.key" status=none
chmod 700 "$work/munge"; chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/seed"
export MUNGE_SOCKET="$work/munge/munge.socket"

cpus=$(nproc)
memory=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
mkdir -p "$work/state" "$work/spool"
cat > "$SLURM_CONF" <<CONF
ClusterName=hubplan-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %T | grep -q idle || { echo "slurm test: the node never became idle"; tail -20 "$work/slurmctld.log" "$work/slurmd.log"; exit 1; }
echo "slurm: $(sinfo --version), one node ($cpus CPUs) on loopback"

# Three small hubs; hub-02 broken.
root="$work/national"
for s in 1 2 3; do "$hubplan" generate --size S --seed $s --out "$root/hub-0$s" --quiet; done
cp "$root/hub-02/enrolment.csv" "$work/enrolment.good"
printf 'school,programme,participants\nNOPE,ECT1,x\n' > "$root/hub-02/enrolment.csv"

run_array() {
  local out
  out=$(cd "$work" && HUBPLAN="$hubplan" "$repo/deploy/slurm/submit.sh" "$root" 3 --time-limit 30)
  echo "$out"
  for _ in $(seq 300); do
    [ -z "$(squeue -h 2>/dev/null)" ] && break
    sleep 1
  done
  [ -z "$(squeue -h)" ] || { echo "slurm test: jobs still queued after 300 s"; squeue; exit 1; }
}

run_array
grep -q '"state" : "failed"' "$root/results/hub-02/status.json" || { echo "slurm test: hub-02 did not fail"; exit 1; }
grep -q "failed: hub-02" "$work"/hubplan-national-merge-*.out || { echo "slurm test: the merge did not name hub-02"; cat "$work"/hubplan-national-merge-*.out; exit 1; }
first=$(cat "$root/results/hub-01/status.json")
echo "first run: hub-01 and hub-03 done, hub-02 failed and named by the merge"

cp "$work/enrolment.good" "$root/hub-02/enrolment.csv"
rm -f "$work"/hubplan-national-merge-*.out
run_array
[ "$(cat "$root/results/hub-01/status.json")" = "$first" ] || { echo "slurm test: hub-01 was planned again"; exit 1; }
grep -q '"state" : "done"' "$root/results/hub-02/status.json" || { echo "slurm test: hub-02 is not done"; exit 1; }
grep -q "3 of 3 unit(s) done" "$work"/hubplan-national-merge-*.out || { echo "slurm test: the merge is not complete"; cat "$work"/hubplan-national-merge-*.out; exit 1; }
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['totals']['done'] == 3 and not d['missing'] and not d['failed']" \
  "$root/results/national/national.json"
echo "slurm test: second run planned only hub-02; merge: $(head -1 "$work"/hubplan-national-merge-*.out)"
