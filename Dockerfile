# The Tickerwire worker image: Python 3.11, the project installed editable (schemas/ is read from the tree).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    TICKERWIRE_DATA_DIR=/var/lib/tickerwire \
    TICKERWIRE_WEB_HOST=0.0.0.0

WORKDIR /app
COPY pyproject.toml README.md ./
COPY streams ./streams
COPY schemas ./schemas
RUN pip install -e . && useradd --system --home /app tickerwire \
    && mkdir -p /var/lib/tickerwire && chown tickerwire /var/lib/tickerwire
USER tickerwire
EXPOSE 6066
ENTRYPOINT ["tickerwire"]
CMD ["worker", "-l", "info"]
