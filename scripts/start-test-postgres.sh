#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and creates the user and database the two-instance test
# uses (PostgresTwoInstancesIT). Prints the variables to export; .ci/run sources them.
set -euo pipefail
# everything but the exports goes to stderr: the caller evals stdout
exec 3>&1 1>&2
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
# the server is a daemon: it must not inherit fd 3, or the caller's $(...) waits for it forever
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null 3>&-
fi
pg_ctlcluster "$version" main start </dev/null 3>&- || true
for _ in $(seq 1 30); do
  pg_isready -q -h localhost -p 5432 && break
  sleep 1
done
as_postgres() { runuser -u postgres -- "$@"; }
if ! as_postgres psql -tAc "select 1 from pg_roles where rolname = 'rnn'" | grep -q 1; then
  as_postgres psql -qc "create user rnn password 'rnn'"
fi
if ! as_postgres psql -tAc "select 1 from pg_database where datname = 'rnn_test'" | grep -q 1; then
  as_postgres createdb -O rnn rnn_test
fi
echo "export RNN_TEST_POSTGRES_URL=jdbc:postgresql://localhost:5432/rnn_test" >&3
echo "export RNN_TEST_POSTGRES_USER=rnn" >&3
echo "export RNN_TEST_POSTGRES_PASSWORD=rnn" >&3
