#!/bin/sh
# The production commands, in one place: the Dockerfile and docker-compose.yml run them, and so does
# the CI smoke test of the production-like stack (.ci/smoke), so the two cannot drift apart.
#   deploy/run.sh build    translations and hashed static files (at image build time)
#   deploy/run.sh migrate  database migrations (the compose `migrate` service, before `web`)
#   deploy/run.sh web      gunicorn on $BIND (default 0.0.0.0:8000); extra arguments go to gunicorn
#   deploy/run.sh worker   the Celery worker (report PDFs, exports); extra arguments go to celery
#   deploy/run.sh beat     the Celery beat (monthly retention); schedule file in $BEAT_SCHEDULE
# `python` is the interpreter of the environment the runtime packages were installed in.
set -eu
cd "$(dirname "$0")/.."
command="${1:?usage: deploy/run.sh build|migrate|web|worker|beat [arguments]}"
shift
case "$command" in
  build)
    python manage.py compilemessages --ignore=.venv --ignore='.venv-*' --verbosity 0
    python manage.py collectstatic --noinput --verbosity 0
    ;;
  migrate)
    exec python manage.py migrate --noinput
    ;;
  web)
    exec python -m gunicorn ccem.wsgi:application --bind "${BIND:-0.0.0.0:8000}" \
      --workers "${WEB_WORKERS:-3}" --access-logfile - "$@"
    ;;
  worker)
    exec python -m celery -A ccem worker --loglevel=INFO --concurrency="${WORKER_CONCURRENCY:-2}" "$@"
    ;;
  beat)
    exec python -m celery -A ccem beat --loglevel=INFO --schedule="${BEAT_SCHEDULE:-/data/media/celerybeat-schedule}" "$@"
    ;;
  *)
    echo "deploy/run.sh: unknown command '$command'" >&2
    exit 2
    ;;
esac
