#!/usr/bin/env bash
# The GitHub Action's check step (action.yml), kept as a script so it can be run and tested
# outside GitHub. Reads AGR_CLI, AGR_BASE, AGR_FAIL_ON, AGR_SARIF, AGR_ARGS; writes the Markdown
# summary to $GITHUB_STEP_SUMMARY and `exit-code` / `sarif-file` to $GITHUB_OUTPUT. Always exits 0:
# the action's last step turns the recorded exit code into the job result after the SARIF upload.
set -uo pipefail

: "${AGR_CLI:?AGR_CLI must name the ai-guardrails command}"
: "${GITHUB_OUTPUT:=/dev/null}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
base="${AGR_BASE:-}"
sarif="${AGR_SARIF:-ai-guardrails.sarif}"

if [ -z "$base" ] || [ "$base" = "0000000000000000000000000000000000000000" ]; then
  echo "ai-guardrails: no base commit (not a pull request, or a new branch); set the action's \`base\` input" >&2
  echo "exit-code=2" >> "$GITHUB_OUTPUT"
  exit 0
fi

# actions/checkout fetches one commit by default: fetch the base, then deepen until the merge base is there.
if ! git cat-file -e "${base}^{commit}" 2>/dev/null; then
  git fetch --no-tags --quiet origin "$base" || true
fi
if [ "$(git rev-parse --is-shallow-repository)" = "true" ]; then
  for depth in 50 200 1000; do
    git merge-base "$base" HEAD >/dev/null 2>&1 && break
    git fetch --no-tags --quiet --deepen="$depth" origin HEAD "$base" || true
  done
  git merge-base "$base" HEAD >/dev/null 2>&1 || git fetch --no-tags --quiet --unshallow origin || true
fi

# shellcheck disable=SC2086 # AGR_CLI and AGR_ARGS are word lists on purpose
$AGR_CLI check --base "$base" --fail-on "${AGR_FAIL_ON:-do-not-trust}" --summary "$summary" --sarif "$sarif" ${AGR_ARGS:-}
code=$?
if [ "$code" -le 1 ] && [ -s "$sarif" ]; then
  echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
fi
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
exit 0
