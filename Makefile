# Two commands for a newcomer (README): `make run` and `make test`. Both are idempotent.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run test test-fast browser-deps signing-deps lint clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# A development .env with a random key that survives restarts (never used in production).
.env:
	@printf 'DEBUG=on\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Đã tạo .env cho môi trường phát triển (DEBUG=on)."

## Set up, migrate an SQLite database, load the demo data and serve on http://127.0.0.1:8000
run: $(STAMP) .env
	DEBUG=on $(BIN)/python manage.py migrate --noinput
	DEBUG=on $(BIN)/python manage.py load_demo
	@echo "Mở http://$(HOST):$(PORT)/ — dừng bằng Ctrl+C"
	DEBUG=on $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Debian's Chromium for the browser tests, and Liberation fonts for the PDF documents.
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Liberation Serif"; then \
		exit 0; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Cài Chromium và phông Liberation từ kho Debian..."; \
		apt-get update -q >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-liberation >/dev/null; \
	else \
		echo "Chưa có Chromium/phông Liberation và không có quyền cài: các kiểm thử trình duyệt sẽ bị bỏ qua."; \
		echo "Cài bằng: sudo apt-get install chromium fonts-liberation"; \
	fi

## Debian's SoftHSM2, the software token the PKCS#11 signing tests sign on (docs/signatures-keys.md).
signing-deps:
	@if command -v softhsm2-util >/dev/null 2>&1; then \
		exit 0; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Cài SoftHSM2 (token PKCS#11 thử nghiệm) từ kho Debian..."; \
		apt-get update -q >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q softhsm2 >/dev/null; \
	else \
		echo "Chưa có SoftHSM2 và không có quyền cài: các kiểm thử ký bằng token PKCS#11 sẽ bị bỏ qua."; \
		echo "Cài bằng: sudo apt-get install softhsm2"; \
	fi

## The linter (rules in pyproject.toml); `$(BIN)/ruff check --fix .` mends most of what it finds
lint: $(STAMP)
	$(BIN)/ruff check .

# The suite runs in one process per core (docs/performance.md, "Test suite"); each test module
# stays in one process, for its module-scoped fixtures. XDIST= runs it in this process alone.
XDIST ?= -n auto --dist loadscope

## Lint, set up and run the whole test suite (DATABASE_URL picks the database; SQLite by default)
test: lint browser-deps signing-deps
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

## The suite without the browser tests
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not browser" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles .pytest_cache
