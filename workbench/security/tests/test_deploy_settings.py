"""`workbench check --deploy` with the production environment of docs/deploy.md, and the demo secret key refused
for serving. Settings are read from the environment when Django starts, so each case runs in a process of its own."""

import os
import subprocess
import sys

import pytest

# The production environment docs/deploy.md documents ("HTTPS and secrets"), behind nginx.
PRODUCTION = {
    "WORKBENCH_SECRET_KEY": "k3J9-production-like-secret-key-of-fifty-characters-x7Qp2",
    "WORKBENCH_ALLOWED_HOSTS": "workbench.example",
    "WORKBENCH_HSTS_SECONDS": "31536000",
    "WORKBENCH_HSTS_INCLUDE_SUBDOMAINS": "1",
    "WORKBENCH_SSL_REDIRECT": "1",
    "WORKBENCH_SECURE_COOKIES": "1",
    "WORKBENCH_BEHIND_PROXY": "1",
}


def run(code_or_command: list[str], **environment) -> subprocess.CompletedProcess:
    """Run `python -m workbench …` (or python -c) with a clean Workbench environment plus `environment`."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("WORKBENCH_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The browser tests set this for the whole run (Playwright's event loop); a deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({"DATABASE_URL": "sqlite:///:memory:", **environment})
    return subprocess.run(
        [sys.executable, *code_or_command], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def issue_ids(output: str) -> list[str]:
    """The check ids in a `check` command's output, in order (security.W004, workbench.E001 …)."""
    return [line.split("(", 1)[1].split(")", 1)[0] for line in output.splitlines() if line.startswith("?: (")]


def test_check_deploy_is_clean_with_the_documented_production_environment():
    # when `workbench check --deploy` runs with the documented environment, failing on any warning
    result = run(["-m", "workbench", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    # then it finds nothing (the one silenced check is HSTS preloading, settings.py says why)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


def test_without_the_https_settings_check_deploy_names_the_four_warnings():
    # given the production environment without its HTTPS part
    environment = {name: PRODUCTION[name] for name in ("WORKBENCH_SECRET_KEY", "WORKBENCH_ALLOWED_HOSTS")}

    # when check --deploy runs
    result = run(["-m", "workbench", "check", "--deploy"], **environment)

    # then exactly the four HTTPS warnings come back (the settings are off unless the environment turns them on)
    assert result.returncode == 0
    assert issue_ids(result.stderr) == ["security.W004", "security.W008", "security.W012", "security.W016"]


def test_check_deploy_refuses_the_demo_secret_key():
    # when check --deploy runs with everything but the secret key
    environment = {name: value for name, value in PRODUCTION.items() if name != "WORKBENCH_SECRET_KEY"}
    result = run(["-m", "workbench", "check", "--deploy"], **environment)

    # then the demo key is an error and the command fails
    assert result.returncode == 1
    assert issue_ids(result.stderr) == ["workbench.E001"]


@pytest.mark.parametrize(
    "command",
    [
        ["-c", "import workbench.wsgi"],  # what gunicorn does
        ["-m", "workbench", "runserver", "--noreload", "127.0.0.1:0"],
    ],
    ids=["gunicorn", "runserver"],
)
def test_serving_refuses_the_demo_secret_key_when_debug_is_off(command):
    # when the WSGI application is loaded, or runserver started, without WORKBENCH_SECRET_KEY
    result = run(command)

    # then it stops before serving, saying what to set
    assert result.returncode == 1
    assert "WORKBENCH_SECRET_KEY is not set: the demo secret key, published in the source, is refused" in result.stderr


def test_the_wsgi_application_loads_with_a_real_key_or_in_debug():
    # when the WSGI application is loaded with a key, and without one but with DEBUG on (a developer's machine)
    with_key = run(["-c", "import workbench.wsgi"], WORKBENCH_SECRET_KEY=PRODUCTION["WORKBENCH_SECRET_KEY"])
    in_debug = run(["-c", "import workbench.wsgi"], WORKBENCH_DEBUG="1")

    # then both load
    assert (with_key.returncode, in_debug.returncode) == (0, 0), with_key.stderr + in_debug.stderr


def test_commands_that_serve_nobody_still_run_with_the_demo_key():
    # when `workbench check` (what migrate and the demo command run first) runs without a key
    result = run(["-m", "workbench", "check"])

    # then it passes: only serving refuses the demo key
    assert result.returncode == 0, result.stderr


def test_map_tile_hosts_join_img_src():
    # given the company's tile server in the environment
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"

    # when the settings are read
    result = run(
        ["-c", code], DJANGO_SETTINGS_MODULE="workbench.settings", WORKBENCH_MAP_TILE_HOSTS="https://tiles.example"
    )

    # then img-src allows it beside 'self'
    assert result.stdout.strip() == "[\"'self'\", 'https://tiles.example']"
