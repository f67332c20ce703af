FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 RUNCOACH_ENV=production
WORKDIR /app
COPY setup.cfg pyproject.toml README.md ./
COPY runcoach ./runcoach
COPY actors ./actors
COPY migrations ./migrations
COPY email_templates ./email_templates
RUN pip install . && useradd --create-home runcoach
USER runcoach
EXPOSE 8000
CMD ["sanic", "runcoach.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-motd"]
