#!/usr/bin/env bash
# Online Retail through the product: import the dataset, train with the reference's parameters, read the metrics.
set -euo pipefail
# Needs a built API (npm run build). Starts its own embedded PostgreSQL and redis-server under tmp/, on port 3222.
cd "$(dirname "$0")/.."
mkdir -p tmp; export CROSSLANE_DATA_DIR=${CROSSLANE_DATA_DIR:-tmp/online-retail-check} PORT=3222 CROSSLANE_DEMO_WORLD=false CROSSLANE_ADMIN_EMAIL=admin@or.test CROSSLANE_ADMIN_PASSWORD=or-admin-password-1 CROSSLANE_LOG_LEVEL=warn
setsid node dist/apps/api/src/main.js serve > tmp/online-retail-check-api.log 2>&1 &
for i in $(seq 1 60); do curl -sf localhost:3222/api/health >/dev/null && break; sleep 1; done
# Health turns green before the first admin exists: retry the login until it answers a token.
for i in $(seq 1 30); do
  T=$(curl -s -X POST localhost:3222/api/auth/login -H 'content-type: application/json' -d '{"email":"admin@or.test","password":"or-admin-password-1"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken ?? ""' 2>/dev/null || true)
  [ -n "$T" ] && break; sleep 1
done
[ -n "$T" ] || { echo "could not log in as admin@or.test (see tmp/online-retail-check-api.log)" >&2; exit 1; }
H="Authorization: Bearer $T"
wait_job() { for i in $(seq 1 600); do S=$(curl -s -H "$H" localhost:3222/api/jobs/$1 | node -pe 'const j=JSON.parse(require("fs").readFileSync(0)); j.status'); case $S in COMPLETED|FAILED|CANCELLED) echo $S; return;; esac; sleep 2; done; }
J=$(curl -s -X POST -H "$H" -H 'content-type: application/json' localhost:3222/api/imports -d '{"kind":"online-retail","source":"dataset"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
echo "import job $J: $(wait_job $J)"
J=$(curl -s -X POST -H "$H" -H 'content-type: application/json' localhost:3222/api/recommender/models -d '{"name":"Online Retail, reference parameters","scope":"ALL","params":{"factors":64,"iterations":15,"alpha":2,"regularization":10,"cgSteps":3,"seed":1}}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
echo "train job $J: $(wait_job $J)"
curl -s -H "$H" localhost:3222/api/recommender/models | node -e '
const m=JSON.parse(require("fs").readFileSync(0))[0];
console.log(JSON.stringify({version:m.version,status:m.status,params:m.params,metrics:m.metrics?.overall,baseline:m.baselineMetrics?.overall,timings:m.timings,snapshot:m.snapshot},null,1));'
kill -INT $(pgrep -f "node dist/apps/api/src/main.js serve" | head -1)
