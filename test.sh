#!/usr/bin/env bash
# The one test command: installs what the tests need, restores in locked mode, builds with warnings as errors,
# checks that migrations follow the model, runs every test tier and prints "N passed, N failed, N skipped".
# Usage: ./test.sh [--tier core|components|e2e]   (default: all tiers)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration=Release
tier=all
if [ "${1:-}" = "--tier" ]; then tier="${2:?--tier needs core, components or e2e}"; fi

step() { printf '\n==> %s\n' "$*"; }

# Installs a Debian package; the package lists are updated once per run, on the first install.
apt_updated=no
apt_install() {
  local sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  if [ "$apt_updated" = no ]; then $sudo_cmd apt-get update -qq; apt_updated=yes; fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

# 1. Chromium for the browser tests, from Debian's package (nothing is downloaded from anywhere else).
if [ "$tier" = all ] || [ "$tier" = e2e ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    step "Installing Debian's chromium package"
    apt_install chromium
  fi
fi

# 2. PostgreSQL for the tests that run against both database engines (ADR-020), from Debian's package. The tests start
#    their own throwaway cluster (initdb in a temporary folder, a free loopback port): Debian's default cluster is not used.
if [ "$tier" != e2e ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    step "Installing Debian's postgresql package"
    apt_install postgresql
  fi
fi

step "Restoring tools and packages (locked mode)"
dotnet tool restore >/dev/null
dotnet restore Workbench.sln --locked-mode

step "Building ($configuration, warnings as errors)"
dotnet build Workbench.sln --no-restore -c "$configuration" -warnaserror -nologo -clp:ErrorsOnly

step "Checking that the EF Core model has no changes without a migration (SQLite and PostgreSQL)"
dotnet ef migrations has-pending-model-changes --project src/Core --startup-project src/Workbench \
  --configuration "$configuration" --no-build
dotnet ef migrations has-pending-model-changes --project src/Core.PostgreSql --startup-project src/Workbench \
  --configuration "$configuration" --no-build -- --provider postgresql

case "$tier" in
  all) projects=(tests/Core.Tests tests/Workbench.Tests tests/E2E) ;;
  core) projects=(tests/Core.Tests) ;;
  components) projects=(tests/Workbench.Tests) ;;
  e2e) projects=(tests/E2E) ;;
  *) echo "unknown tier '$tier' (core, components, e2e)"; exit 2 ;;
esac

passed=0 failed=0 skipped=0 status=0
for project in "${projects[@]}"; do
  step "Testing $project"
  log=$(mktemp)
  set +e
  dotnet test "$project" --no-build -c "$configuration" --nologo 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  set -e
  # VSTest prints one summary per assembly: "Passed!  - Failed: 0, Passed: 85, Skipped: 0, Total: 85, ..."
  summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true)
  if [ -z "$summary" ]; then
    echo "!! $project printed no test summary (exit code $code): counted as one failure"
    failed=$((failed + 1)); status=1
  else
    f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
    s=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$code" -ne 0 ] && status=1
  fi
  rm -f "$log"
done

echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
