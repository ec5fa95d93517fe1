#!/usr/bin/env bash
# Submits a national run to Slurm: N shards as one job array, then the merge after them.
#
#   deploy/slurm/submit.sh ROOT N [hubplan options, e.g. --variant what-if.yaml]
#
# Prints the two job ids. Run it again with the same arguments after a failure: done
# units are skipped, so only the failed and missing ones are planned again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${1:?usage: submit.sh ROOT N [options]}
shards=${2:?usage: submit.sh ROOT N [options]}
shift 2
# The variants belong to the merge too (they name the units it expects).
merge_args=()
args=("$@")
for ((k = 0; k < ${#args[@]}; k++)); do
  case "${args[k]}" in
    --variant|--results) merge_args+=("${args[k]}" "${args[k+1]}"); k=$((k + 1)) ;;
  esac
done
array=$(sbatch --parsable --array=0-$((shards - 1)) "$here/national-plan.sbatch" "$root" "$@")
merge=$(sbatch --parsable --dependency=afterany:"$array" "$here/national-merge.sbatch" "$root" "${merge_args[@]}")
echo "shards: job $array (array 0-$((shards - 1))); merge: job $merge"
