#!/usr/bin/env bash
# Validates the deployment files offline, with the tools' own validators, on whatever of them is installed:
#   caddy validate        (Debian: apt-get install caddy)
#   docker-compose config (Debian: apt-get install docker-compose; needs no Docker engine)
# A tool that is absent is reported as skipped, never as passed. Exit code: 1 if any validation failed.
set -euo pipefail
cd "$(dirname "$0")"

status=0
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# Throw-away values of the same shape as a real .env: validation must not need the real secrets.
export LGTM_DOMAIN=lgtm.example.com ACME_EMAIL=ops@example.com OTLP_USER=otlp GRAFANA_USER=admin
# `htpasswd -nbBC 4 '' validate-only` (the OTLP token's cost) and `caddy hash-password --plaintext validate-only`
export OTLP_PASSWORD_HASH='$2y$04$GGffbniZcXCLJ5RJbsVLFOMy2etpRs3EvmXH3AuOeM/XaNgA/Ek9i'
export GRAFANA_PASSWORD_HASH='$2a$14$TrKiINhtIpWijtDAkc76fuFazRKTvPmN2r9STAGa4JXujFdgpWGEe'

if command -v caddy >/dev/null; then
  if caddy validate --config Caddyfile --adapter caddyfile >"$workdir/caddy.log" 2>&1; then
    echo "caddy validate: OK ($(caddy version | cut -d' ' -f1))"
  else
    echo "caddy validate: FAILED"; cat "$workdir/caddy.log"; status=1
  fi
else
  echo "caddy validate: SKIPPED (caddy not installed)"
fi

if command -v docker-compose >/dev/null; then
  cp compose.yaml "$workdir/compose.yaml"
  cp Caddyfile "$workdir/Caddyfile"
  env | grep -E '^(LGTM_DOMAIN|ACME_EMAIL|OTLP_|GRAFANA_)' | sed "s/=\(.*\)/='\1'/" >"$workdir/.env"
  if docker-compose --project-directory "$workdir" -f "$workdir/compose.yaml" config -q 2>"$workdir/compose.log"; then
    echo "docker-compose config: OK"
  else
    echo "docker-compose config: FAILED"; cat "$workdir/compose.log"; status=1
  fi
else
  echo "docker-compose config: SKIPPED (docker-compose not installed)"
fi
exit $status
