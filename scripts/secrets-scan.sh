#!/usr/bin/env bash
# Scans every tracked file for credentials with git-secrets (Debian package) and fails on a find.
#   scripts/secrets-scan.sh              scan this repository
#   scripts/secrets-scan.sh --self-test  prove the scan fails on a planted key (and passes on a fake test key)
# Test keys in this repository must look fake (sk-test-..., AKIA...EXAMPLE); detectors that need a real-looking
# key build it at run time from parts, so no literal key is ever committed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v git-secrets >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq git-secrets >/dev/null
fi

configure() {
  local repo=$1
  git -C "$repo" config --unset-all secrets.patterns >/dev/null 2>&1 || true
  git -C "$repo" config --unset-all secrets.allowed >/dev/null 2>&1 || true
  local p
  for p in \
    'sk-(proj-|ant-|svcacct-)?[A-Za-z0-9_-]{32,}' \
    'AKIA[0-9A-Z]{16}' \
    '(aws_secret_access_key|AWS_SECRET_ACCESS_KEY)[[:space:]]*[=:][[:space:]]*["'"'"']?[A-Za-z0-9/+=]{40}' \
    'gh[pousr]_[A-Za-z0-9]{36,}' \
    'github_pat_[A-Za-z0-9_]{40,}' \
    'xox[baprs]-[0-9A-Za-z-]{10,}' \
    '(sk|rk)_live_[0-9A-Za-z]{20,}' \
    'AIza[0-9A-Za-z_-]{35}' \
    '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----'; do
    git -C "$repo" config --add secrets.patterns "$p"
  done
  # Fake keys that tests and docs may contain.
  for p in 'sk-test-[A-Za-z0-9_-]*' 'sk-ant-test-[A-Za-z0-9_-]*' 'AKIA[0-9A-Z]{0,12}EXAMPLE' 'secrets-scan\.sh'; do
    git -C "$repo" config --add secrets.allowed "$p"
  done
}

if [ "${1:-}" = "--self-test" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  git -C "$tmp" init -q
  configure "$tmp"
  # Assemble the planted key from parts so this script does not itself contain one.
  planted="sk-proj-$(printf 'A%.0s' {1..20})$(printf '9%.0s' {1..20})"
  echo "OPENAI_API_KEY=$planted" > "$tmp/leak.env"
  echo "OPENAI_API_KEY=sk-test-not-a-real-key" > "$tmp/fake.env"
  git -C "$tmp" add leak.env fake.env
  if (cd "$tmp" && git secrets --scan fake.env >/dev/null 2>&1) && ! (cd "$tmp" && git secrets --scan leak.env >/dev/null 2>&1); then
    echo "secrets scan self-test: planted key found, fake test key allowed"
    exit 0
  fi
  echo "secrets scan self-test FAILED: the scanner did not catch a planted key (or flagged a fake one)"
  exit 1
fi

configure .
if git secrets --scan; then
  echo "secrets scan: no credentials in tracked files"
else
  echo "secrets scan: credentials found (see above); remove them and rotate the keys"
  exit 1
fi
