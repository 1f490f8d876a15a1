# Production image: gunicorn + WhiteNoise for the web, the same image runs the Celery worker.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=False
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 ccem
WORKDIR /app
# Runtime packages only (requirements.lock): no test or lint tool in the image.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
# Static files and translations are built into the image (a throwaway key: nothing is signed at build time).
# deploy/run.sh holds every production command; CI's smoke test (.ci/smoke) runs the same ones.
RUN SECRET_KEY=build-only DOCUMENTS_KEYS=build:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= deploy/run.sh build
USER ccem
EXPOSE 8000
CMD ["deploy/run.sh", "web"]
