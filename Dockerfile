# macehub for people who deploy with containers: the web application (gunicorn) and, from
# the same image, the background worker (`manage.py qcluster`). See docs/deployment.md.

# Front-end packages (GOV.UK Frontend, MOJ Frontend, htmx) from npm.
FROM node:22-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
# WeasyPrint (meeting papers as PDF) draws text with Pango; libpq comes with psycopg's wheel.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv \
    && useradd --system --create-home --uid 10001 macehub
WORKDIR /srv/macehub
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/srv/venv \
    PATH=/srv/venv/bin:$PATH MACEHUB_ENV=production STATIC_ROOT=/srv/macehub/var/staticfiles
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
COPY --from=assets /build/node_modules ./node_modules
# collectstatic runs at build time, so the image serves its own static files (WhiteNoise).
# It needs settings that load; these throwaway values are not kept in the image's
# environment, and the real ones are given when the container runs.
RUN python scripts/build_assets.py \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build.invalid SITE_URL=https://build.invalid \
       python manage.py collectstatic --no-input -v 0 \
    && rm -rf node_modules \
    && mkdir -p var && chown -R macehub var
USER macehub
EXPOSE 8000
CMD ["gunicorn", "macehub.wsgi:application"]
