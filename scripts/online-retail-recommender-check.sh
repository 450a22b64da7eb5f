#!/usr/bin/env bash
# Online Retail through the product: import the dataset, tune with the tune job's default budget (ALS and EASE searched,
# chosen on validation), read the metrics of the version it stores. TUNE=0 trains with the reference's ALS parameters instead.
# These are the product's own figures on its own split. The check from outside (training rows only imported, top-10 from
# the batch endpoint, scored by numpy on bench:recommender's split beside numpy EASE) is `npm run bench:recommender-product`.
set -euo pipefail
# Needs a built API (npm run build). Starts its own embedded PostgreSQL and redis-server under tmp/, on port 3222.
cd "$(dirname "$0")/.."
mkdir -p tmp; export CROSSLANE_DATA_DIR=${CROSSLANE_DATA_DIR:-tmp/online-retail-check} PORT=3222 CROSSLANE_DEMO_WORLD=false CROSSLANE_ADMIN_EMAIL=admin@or.test CROSSLANE_ADMIN_PASSWORD=or-admin-password-1 CROSSLANE_LOG_LEVEL=warn
setsid node dist/apps/api/src/main.js serve > tmp/online-retail-check-api.log 2>&1 &
API_PID=$!
for i in $(seq 1 60); do curl -sf localhost:3222/api/health >/dev/null && break; sleep 1; done
# Health turns green before the first admin exists: retry the login until it answers a token.
for i in $(seq 1 30); do
  T=$(curl -s -X POST localhost:3222/api/auth/login -H 'content-type: application/json' -d '{"email":"admin@or.test","password":"or-admin-password-1"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken ?? ""' 2>/dev/null || true)
  [ -n "$T" ] && break; sleep 1
done
[ -n "$T" ] || { echo "could not log in as admin@or.test (see tmp/online-retail-check-api.log)" >&2; exit 1; }
H="Authorization: Bearer $T"
wait_job() { for i in $(seq 1 3600); do S=$(curl -s -H "$H" localhost:3222/api/jobs/$1 | node -pe 'const j=JSON.parse(require("fs").readFileSync(0)); j.status'); case $S in COMPLETED|FAILED|CANCELLED) echo $S; return;; esac; sleep 2; done; }
J=$(curl -s -X POST -H "$H" -H 'content-type: application/json' localhost:3222/api/imports -d '{"kind":"online-retail","source":"dataset"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
echo "import job $J: $(wait_job $J)"
if [ "${TUNE:-1}" = 0 ]; then
  J=$(curl -s -X POST -H "$H" -H 'content-type: application/json' localhost:3222/api/recommender/models -d '{"name":"Online Retail, reference parameters","scope":"ALL","params":{"factors":64,"iterations":15,"alpha":2,"regularization":10,"cgSteps":3,"seed":1}}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
else
  # No trials or seconds given: the tune job's default budget.
  J=$(curl -s -X POST -H "$H" -H 'content-type: application/json' localhost:3222/api/recommender/models/tune -d '{"name":"Online Retail, tuned","scope":"ALL"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
fi
echo "train job $J: $(wait_job $J)"
curl -s -H "$H" localhost:3222/api/recommender/models | node -e '
const m=JSON.parse(require("fs").readFileSync(0))[0];
const {tuning,...params}=m.params??{};
console.log(JSON.stringify({version:m.version,status:m.status,algorithm:m.metrics?.algorithm,params,best:tuning?.best,bestByAlgorithm:tuning?.bestByAlgorithm,stoppedBy:tuning?.stoppedBy,trials:tuning?.trials?.length,metrics:m.metrics?.overall,candidates:Object.fromEntries(Object.entries(m.metrics?.candidates??{}).map(([k,v])=>[k,v.overall.ndcg])),baseline:m.baselineMetrics?.overall,timings:m.timings,snapshot:m.snapshot},null,1));'
# Our own API process only (setsid made it a group leader).
kill -INT "$API_PID"
