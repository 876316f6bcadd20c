#!/usr/bin/env bash
# Makes sure the Debian packages of Tools/Setup/debian-packages.txt are installed; safe to run
# every time (`make test`, `make devnet` and .ci/run run it first).
#
#   nothing missing  prints one line and exits 0 (no apt-get at all)
#   missing, root    apt-get update once, then apt-get install -y --no-install-recommends of
#                    exactly the missing ones, non-interactively; exits 0 once they are installed
#   missing, not     prints the missing packages and the apt-get line to run, and exits 1
#   root
#
# Usage: Tools/Setup/ensure-debian-packages.sh
# Environment (for the script's own tests; the defaults are the real ones):
#   SETUP_PACKAGE_LIST  the package list (default: debian-packages.txt beside this script)
#   SETUP_DPKG_QUERY    the dpkg-query command (default: dpkg-query)
#   SETUP_UID           the user id to act as (default: id -u; 0 installs)
# apt-get is found on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
list="${SETUP_PACKAGE_LIST:-$here/debian-packages.txt}"
dpkg_query="${SETUP_DPKG_QUERY:-dpkg-query}"
uid="${SETUP_UID:-$(id -u)}"

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

[ -r "$list" ] || fail "cannot read the package list $list"

# The list: a package name per line; '#' starts a comment; blank lines are skipped.
packages=()
line_number=0
while IFS= read -r line || [ -n "$line" ]; do
    line_number=$((line_number + 1))
    line="${line%%#*}"
    read -r -a words <<<"$line" || true
    [ "${#words[@]}" -eq 0 ] && continue
    [ "${#words[@]}" -eq 1 ] || fail "$list:$line_number: one package per line, found '${words[*]}'"
    [[ "${words[0]}" =~ ^[a-z0-9][a-z0-9+.-]+$ ]] || fail "$list:$line_number: '${words[0]}' is not a Debian package name"
    packages+=("${words[0]}")
done <"$list"
[ "${#packages[@]}" -gt 0 ] || fail "$list lists no packages"

command -v "$dpkg_query" >/dev/null 2>&1 ||
    fail "'$dpkg_query' not found: this set-up is for Debian; install these packages by hand: ${packages[*]}"

# The listed packages that dpkg does not report as installed (status 'i' in the second column of
# db:Status-Abbrev: 'ii', or 'hi' when held). dpkg-query exits 1 when it knows a name not at all;
# such a package is missing too.
missing_packages() {
    local status installed=" "
    status="$("$dpkg_query" -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null)" || true
    while read -r name abbrev; do
        [ "${abbrev:1:1}" = "i" ] && installed+="${name%%:*} "
    done <<<"$status"
    local package
    for package in "${packages[@]}"; do
        [[ "$installed" == *" $package "* ]] || printf '%s\n' "$package"
    done
}

mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -eq 0 ]; then
    say "the ${#packages[@]} Debian packages of ${list#"$PWD"/} are installed"
    exit 0
fi

install_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$uid" != "0" ]; then
    {
        say "missing Debian packages: ${missing[*]}"
        say "installing them needs root; run this, then the make command again:"
        printf '    sudo apt-get update && sudo %s\n' "$install_line"
    } >&2
    exit 1
fi

say "installing missing Debian packages: ${missing[*]}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
started=$(date +%s)
apt_failed() {
    tail -n 40 "$log" >&2
    fail "'$1' failed (its last lines are above)"
}
apt-get update -q >"$log" 2>&1 || apt_failed "apt-get update"
apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "${missing[@]}" \
    >>"$log" 2>&1 || apt_failed "$install_line"

mapfile -t still_missing < <(missing_packages)
[ "${#still_missing[@]}" -eq 0 ] || fail "apt-get finished but these are still not installed: ${still_missing[*]}"
say "installed ${missing[*]} in $(($(date +%s) - started))s"
