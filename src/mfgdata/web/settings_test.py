"""Settings for the test suite: a throw-away var folder, tasks run inline, mail kept in memory, fast hashing.

The production hasher (Argon2) stays in `mfgdata.web.settings` and is asserted by a test.
"""

import os
import tempfile

os.environ.setdefault("MFGDATA_VAR_DIR", tempfile.mkdtemp(prefix="mfgdata-site-test-"))
os.environ.setdefault("MFGDATA_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("MFGDATA_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from mfgdata.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MFGDATA_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MFGDATA_UPLOAD_CHUNK_BYTES = 64 * 1024
MFGDATA_API_UPLOAD_CHUNK_BYTES = 64 * 1024

# Several suites may share one PostgreSQL server: a test database of this run's own.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_mfgdata_site_{os.getpid()}"}  # noqa: F405
