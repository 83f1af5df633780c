# lermap, self-hosted: docker build -t lermap . && docker run -p 8501:8501 lermap
# With PostgreSQL for the contributions store: docker compose up (see compose.yaml, docs/deploy.md).
# Any Debian-based image with Python 3.11+ and its venv module will do (python:3.11-slim by default).
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH

# A user without a login shell or privileges runs the app; the code stays owned by root, read-only to it.
RUN useradd --system --uid 10001 --user-group --create-home --shell /usr/sbin/nologin lermap \
    && install -d -o lermap -g lermap /var/lib/lermap \
    && python3 -m venv /opt/venv

WORKDIR /app

# Dependencies first, so that a change to a page or the data does not reinstall them.
COPY pyproject.toml README.md LICENSE ./
COPY lermap ./lermap
RUN pip install .

COPY . .

ENV LERMAP_DATA_DIR=/app/data \
    LERMAP_STORE_DIR=/var/lib/lermap

USER lermap
EXPOSE 8501

# Streamlit's own health endpoint; python rather than curl, which the slim image lacks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"]

CMD ["streamlit", "run", "app.py", \
     "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true", \
     "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"]
