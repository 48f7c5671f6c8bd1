"""Settings for the servers and commands that the fault tests start as processes of
their own: the project's settings, with errors taking the production path (no
debug pages) and, when a test asks for it, a pause inside a transaction (see
``faults_pause``). Static files are served from the app folders, as in
development, so that no ``collectstatic`` is needed."""

from klusteri.core.tests import faults_pause
from klusteri.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
# The tests talk plain HTTP to 127.0.0.1; production's cookies are Secure.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

faults_pause.install()
