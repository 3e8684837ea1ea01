FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY apps apps
COPY config config
RUN pip install --no-cache-dir .
COPY . .
RUN msgfmt --check -o locale/zh_Hans/LC_MESSAGES/django.mo locale/zh_Hans/LC_MESSAGES/django.po \
 && SECRET_KEY=build ALLOWED_HOSTS=build DJANGO_SETTINGS_MODULE=config.settings.production \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app jixiao && mkdir -p var/media && chown -R jixiao var
USER jixiao
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
