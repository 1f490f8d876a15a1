# Sourced by .ci/run: the production-like stack without Docker, started by the commands the image runs
# (deploy/run.sh) from a virtualenv holding the runtime lock only: hashed static files, gunicorn with
# DEBUG=False serving HTTPS on loopback (throwaway self-signed certificate), the Celery worker and beat
# on Redis, PostgreSQL. Then Chromium (.ci/smoke_client.py) logs in with a TOTP code, opens a person and
# downloads the report PDF rendered by the worker, checking headers and cookies on the way.
# Uses .ci/run's $work, $pids (every process started is stopped by the EXIT trap), $PGPORT, $REDISPORT.

smoke_test() {
  local dir="$work/smoke" port secret
  mkdir -p "$dir/media"
  echo "== smoke [${SECONDS}s]: runtime virtualenv (requirements.lock only)"
  .venv/bin/python -m venv "$dir/venv"
  "$dir/venv/bin/python" -m pip install --quiet --upgrade pip
  "$dir/venv/bin/python" -m pip install --quiet -r requirements.lock
  if "$dir/venv/bin/python" -c 'import pytest' 2>/dev/null; then
    echo "smoke: pytest is installed by requirements.lock" >&2
    return 1
  fi

  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  runuser -u postgres -- psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE ccem_smoke" >/dev/null
  port=$(free_port)
  secret=$(python3 -c 'import base64, secrets; print(base64.b32encode(secrets.token_bytes(20)).decode())')
  # The production environment (as docker-compose.yml sets it), nothing else of .ci/run's.
  local -a envs=(
    env -i "PATH=$dir/venv/bin:/usr/local/bin:/usr/bin:/bin" "HOME=$dir" LANG=C.UTF-8
    DEBUG=False "SECRET_KEY=smoke-$secret-$secret" ALLOWED_HOSTS=localhost
    "DOCUMENTS_KEYS=smoke:$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
    "DOCUMENTS_ROOT=$dir/documents"
    "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/ccem_smoke"
    "CELERY_BROKER_URL=redis://127.0.0.1:$REDISPORT/2" "CELERY_RESULT_BACKEND=redis://127.0.0.1:$REDISPORT/3"
    "REDIS_CACHE_URL=redis://127.0.0.1:$REDISPORT/4" "STATIC_ROOT=$dir/static" "MEDIA_ROOT=$dir/media"
    "BIND=127.0.0.1:$port" WEB_WORKERS=2 WORKER_CONCURRENCY=1 "BEAT_SCHEDULE=$dir/media/celerybeat-schedule"
    RETENTION_ANNEES_APRES_CLOTURE=10
  )
  echo "== smoke [${SECONDS}s]: build, migrate, test account"
  "${envs[@]}" deploy/run.sh build
  "${envs[@]}" deploy/run.sh migrate >/dev/null
  local personne
  personne=$("${envs[@]}" SMOKE_PASSWORD=smoke-password-7f3a SMOKE_TOTP_SECRET="$secret" SMOKE_NOM=Smokeperson \
    python manage.py shell --no-imports <.ci/smoke_setup.py | sed -n 's/^SMOKE_PERSONNE=//p')

  echo "== smoke [${SECONDS}s]: gunicorn (HTTPS on 127.0.0.1:$port), Celery worker and beat"
  "${envs[@]}" deploy/run.sh web --certfile "$dir/cert.pem" --keyfile "$dir/key.pem" >"$dir/web.log" 2>&1 &
  pids+=("$!")
  local web=$!
  "${envs[@]}" deploy/run.sh worker >"$dir/worker.log" 2>&1 &
  pids+=("$!")
  local worker=$!
  "${envs[@]}" deploy/run.sh beat >"$dir/beat.log" 2>&1 &
  pids+=("$!")
  local beat=$!
  # Ready when the health check answers over HTTPS (or fail at once if gunicorn died).
  local ready=""
  for _ in $(seq 300); do
    kill -0 "$web" 2>/dev/null || break
    if python3 -c 'import ssl, sys, urllib.request as u
u.urlopen(u.Request(sys.argv[1], headers={"Host": "localhost"}), timeout=2, context=ssl._create_unverified_context())' \
      "https://127.0.0.1:$port/sante/" 2>/dev/null; then ready=1; break; fi
    sleep 0.1
  done
  if [ -z "$ready" ]; then cat "$dir/web.log" >&2; echo "smoke: gunicorn did not answer" >&2; return 1; fi

  echo "== smoke [${SECONDS}s]: Chromium"
  if ! SMOKE_URL="https://localhost:$port" SMOKE_USERNAME=smoke-direction SMOKE_PASSWORD=smoke-password-7f3a \
    SMOKE_TOTP_SECRET="$secret" SMOKE_PERSONNE="$personne" SMOKE_NOM=Smokeperson SMOKE_DOWNLOAD="$dir/rapport.pdf" \
    .venv/bin/python .ci/smoke_client.py; then
    tail -n 40 "$dir/web.log" "$dir/worker.log" "$dir/beat.log" >&2
    return 1
  fi
  grep -q "Task rapports.generer_pdf\[.*\] succeeded" "$dir/worker.log" \
    || { tail -n 40 "$dir/worker.log" >&2; echo "smoke: the worker did not render the PDF" >&2; return 1; }
  echo "smoke: ok: the PDF was rendered by the Celery worker"
  kill -0 "$beat" 2>/dev/null && grep -q "beat: Starting" "$dir/beat.log" \
    || { cat "$dir/beat.log" >&2; echo "smoke: beat is not running" >&2; return 1; }
  kill -0 "$worker" 2>/dev/null || { echo "smoke: the worker died" >&2; return 1; }
  echo "smoke: ok: beat and worker running"
  echo "== smoke [${SECONDS}s]: passed"
}
