"""Settings of the page benchmark (bench/national/, issue #11): production settings plus the
layout-floor URL (``bench.national.urls``). Never used to serve users."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.national.urls"
