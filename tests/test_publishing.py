"""Publishing as public-sector open source: licence, publiccode.yml, REUSE, lock files, SBOM, deps check."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from django.conf import settings
from license_expression import get_spdx_licensing
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LICENCE_ID = "EUPL-1.2"

# --- publiccode.yml, standard version 0.4 (https://yml.publiccode.tools) -------------------------------
MANDATORY_TOP_LEVEL = {
    "publiccodeYmlVersion",
    "name",
    "url",
    "platforms",
    "categories",
    "developmentStatus",
    "softwareType",
    "description",
    "legal",
    "maintenance",
    "localisation",
}
OPTIONAL_TOP_LEVEL = {
    "applicationSuite",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "monochromeLogo",
    "inputTypes",
    "outputTypes",
    "usedBy",
    "roadmap",
    "intendedAudience",
    "dependsOn",
    "it",
}
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The controlled vocabularies of version 0.4 (categories-list and scope-list of the standard).
CATEGORIES = words(
    """
    accounting agile-project-management applicant-tracking application-development appointment-scheduling
    backup billing-and-invoicing blog budgeting business-intelligence business-process-management cad
    call-center-management cloud-management collaboration communications compliance-management
    contact-management content-management crm customer-service-and-support data-analytics
    data-collection data-visualization design design-system digital-asset-management digital-citizenship
    document-management donor-management e-commerce e-signature educational-content email-management
    email-marketing employee-management enterprise-project-management enterprise-social-networking erp
    event-management facility-management feedback-and-reviews-management financial-reporting
    fleet-management fundraising gamification geographic-information-systems grant-management
    graphic-design help-desk hr ide identity-management instant-messaging integrated-library-system
    inventory-management it-asset-management it-development it-management it-security
    it-service-management knowledge-management learning-management-system marketing mind-mapping
    mobile-marketing mobile-payment network-management office online-booking online-community
    payment-gateway payroll predictive-analysis procurement productivity-suite project-collaboration
    project-management property-management real-estate-management regulations-and-directives
    remote-support resource-management sales-management seo service-desk social-media-management survey
    talent-management task-management taxes-management test-management time-management time-tracking
    translation video-conferencing video-editing visitor-management voip warehouse-management
    web-collaboration web-conferencing website-builder whistleblowing workflow-management
    """
)
SCOPES = words(
    """
    agriculture culture defence education emergency-services employment energy environment
    finance-and-economic-development foreign-affairs government healthcare infrastructures justice
    local-authorities manufacturing research science-and-technology security society sport tourism
    transportation welfare
    """
)
# A BCP 47 tag with its primary language subtag (e.g. "de", "en", "sl-IT-nedis").
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@pytest.fixture(scope="module")
def publiccode() -> dict:
    with (ROOT / "publiccode.yml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_licence_file_is_the_eupl_and_matches_pyproject():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    assert "Appendix" in licence
    assert "Compatible Licences" in licence
    assert len(licence) > 13000  # the full text, not a notice
    assert (ROOT / "LICENSES" / f"{LICENCE_ID}.txt").read_text(encoding="utf-8") == licence
    assert pyproject()["project"]["license"] == LICENCE_ID


def test_reuse_toml_names_only_licences_that_are_in_licenses_dir():
    config = tomllib.loads((ROOT / "REUSE.toml").read_text(encoding="utf-8"))
    assert config["version"] == 1
    used = set()
    for annotation in config["annotations"]:
        assert annotation["SPDX-FileCopyrightText"]
        used.update(get_spdx_licensing().license_keys(annotation["SPDX-License-Identifier"]))
    assert {LICENCE_ID, "0BSD"} <= used
    present = {path.stem for path in (ROOT / "LICENSES").glob("*.txt")}
    assert used == present


def test_vendored_htmx_is_annotated_with_its_own_licence():
    config = tomllib.loads((ROOT / "REUSE.toml").read_text(encoding="utf-8"))
    vendor = ROOT / "src/familienbuero/static/familienbuero/vendor"
    htmx_files = list(vendor.glob("htmx-*.min.js"))
    assert htmx_files
    matching = [
        annotation
        for annotation in config["annotations"]
        if any(Path(path).name == "htmx-*.min.js" for path in _paths(annotation))
    ]
    assert len(matching) == 1
    assert matching[0]["SPDX-License-Identifier"] == "0BSD"
    assert matching[0]["precedence"] == "override"
    assert "Big Sky Software" in matching[0]["SPDX-FileCopyrightText"]


def _paths(annotation: dict) -> list[str]:
    paths = annotation["path"]
    return [paths] if isinstance(paths, str) else paths


def test_publiccode_has_every_mandatory_key_and_no_unknown_ones(publiccode):
    assert set(publiccode) >= MANDATORY_TOP_LEVEL, MANDATORY_TOP_LEVEL - set(publiccode)
    assert set(publiccode) <= MANDATORY_TOP_LEVEL | OPTIONAL_TOP_LEVEL, set(publiccode) - (
        MANDATORY_TOP_LEVEL | OPTIONAL_TOP_LEVEL
    )
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert isinstance(publiccode["name"], str)
    assert publiccode["name"].strip()


def test_publiccode_url_and_platforms(publiccode):
    url = urlparse(publiccode["url"])
    assert url.scheme == "https"
    assert url.netloc
    platforms = publiccode["platforms"]
    platforms = [platforms] if isinstance(platforms, str) else platforms
    assert "web" in platforms
    assert all(isinstance(platform, str) and platform for platform in platforms)


def test_publiccode_enumerations(publiccode):
    assert publiccode["developmentStatus"] in DEVELOPMENT_STATUSES
    assert publiccode["softwareType"] in SOFTWARE_TYPES
    categories = publiccode["categories"]
    assert isinstance(categories, list)
    assert categories
    assert set(categories) <= CATEGORIES, set(categories) - CATEGORIES
    audience = publiccode.get("intendedAudience", {})
    assert set(audience.get("scope", [])) <= SCOPES
    for key in ("countries", "unsupportedCountries"):
        assert all(re.fullmatch(r"[a-z]{2}", country) for country in audience.get(key, []))


def test_publiccode_optional_version_and_date_are_well_formed(publiccode):
    if "softwareVersion" in publiccode:
        assert isinstance(publiccode["softwareVersion"], str)
    if "releaseDate" in publiccode:
        release = publiccode["releaseDate"]
        # PyYAML reads an unquoted YYYY-MM-DD as a date; the standard allows only that format.
        assert isinstance(release, date) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", release)


@pytest.mark.parametrize("language", ["de", "en"])
def test_publiccode_description_in_german_and_english(publiccode, language):
    description = publiccode["description"][language]
    short = description["shortDescription"]
    assert isinstance(short, str)
    assert 0 < len(short) <= 150
    assert "\n" not in short.strip()
    long = description["longDescription"]
    assert isinstance(long, str)
    assert 150 <= len(long) <= 10000
    features = description["features"]
    assert isinstance(features, list)
    assert features
    assert all(isinstance(feature, str) and feature.strip() for feature in features)
    for key in ("documentation", "apiDocumentation"):
        if key in description:
            assert urlparse(description[key]).scheme == "https"


def test_publiccode_description_languages_are_bcp47(publiccode):
    assert all(BCP47.match(language) for language in publiccode["description"])


def test_publiccode_licence_is_a_valid_spdx_id_equal_to_the_repository_licence(publiccode):
    licence = publiccode["legal"]["license"]
    info = get_spdx_licensing().validate(licence, strict=True)
    assert not info.errors, info.errors
    assert licence == LICENCE_ID
    assert (ROOT / "LICENSES" / f"{licence}.txt").exists()


def test_publiccode_maintenance(publiccode):
    maintenance = publiccode["maintenance"]
    assert maintenance["type"] in MAINTENANCE_TYPES
    if maintenance["type"] in {"internal", "community"}:
        assert maintenance["contacts"]
        assert all(contact["name"].strip() for contact in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert maintenance["contractors"]
        for contractor in maintenance["contractors"]:
            assert contractor["name"].strip()
            assert isinstance(contractor["until"], date)


def test_publiccode_localisation_matches_the_application(publiccode):
    localisation = publiccode["localisation"]
    assert localisation["localisationReady"] is True
    languages = localisation["availableLanguages"]
    assert isinstance(languages, list)
    assert {"de", "en"} <= set(languages)
    assert all(BCP47.match(language) for language in languages)
    # Every language claimed is one the application offers.
    assert set(languages) <= {code for code, _name in settings.LANGUAGES}


def test_publiccode_dependencies_have_names(publiccode):
    for kind in ("open", "proprietary", "hardware"):
        for dependency in publiccode.get("dependsOn", {}).get(kind, []):
            assert dependency["name"].strip()


# --- lock files ----------------------------------------------------------------------------------------
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def lock_pins(name: str) -> dict[str, str]:
    """``{canonical name: version}`` of a lock file; every pin must carry at least one hash."""
    text = (ROOT / name).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    for block in blocks:
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{name}: {match[1]} has no hash"
            pins[canonicalize_name(match[1])] = match[2]
    assert pins, f"no pins in {name}"
    return pins


def assert_satisfied(requirements: list[str], pins: dict[str, str], lock: str) -> None:
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate({"python_full_version": "3.11.0"}):
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is missing from {lock}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, pyproject.toml wants {requirement}: run `make lock`"
        )


def test_runtime_lock_satisfies_pyproject():
    assert_satisfied(
        pyproject()["project"]["dependencies"], lock_pins("requirements.lock"), "requirements.lock"
    )


def test_dev_lock_satisfies_pyproject_with_dev_extra():
    project = pyproject()["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
    assert_satisfied(requirements, lock_pins("requirements-dev.lock"), "requirements-dev.lock")


def test_dev_lock_pins_the_runtime_packages_at_the_same_versions():
    runtime = lock_pins("requirements.lock")
    dev = lock_pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime


# --- SBOM ----------------------------------------------------------------------------------------------
def test_make_sbom_lists_every_locked_runtime_dependency(tmp_path):
    output = tmp_path / "sbom.cdx.json"
    venv = Path(sys.prefix)
    # -o: use the environment running the tests as it is, never (re)install it from here.
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            f"{venv}/.installed",
            "sbom",
            f"VENV={venv}",
            f"SBOM={output}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sbom = json.loads(output.read_text(encoding="utf-8"))
    assert sbom["bomFormat"] == "CycloneDX"
    root = sbom["metadata"]["component"]
    assert root["name"] == "familienbuero"
    assert root["licenses"][0]["license"]["id"] == LICENCE_ID
    components = {canonicalize_name(component["name"]): component for component in sbom["components"]}
    pins = lock_pins("requirements.lock")
    assert {"django", "django-otp", "gunicorn", "whitenoise"} <= set(pins)
    for name, version in pins.items():
        assert name in components, f"{name} missing from the SBOM"
        assert components[name]["version"] == version
        assert components[name]["purl"] == f"pkg:pypi/{name}@{version}"


# --- scripts/deps_check.py (offline: a fake index instead of PyPI) -------------------------------------
def load_deps_check():
    spec = importlib.util.spec_from_file_location("deps_check", ROOT / "scripts" / "deps_check.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["deps_check"] = module
    spec.loader.exec_module(module)
    return module


deps_check = load_deps_check()


def fake_index(releases: dict[str, list[str]], yanked: frozenset[str] = frozenset()):
    def lookup(name: str):
        return [(version, f"{name}=={version}" in yanked) for version in releases[name]]

    return lookup


LOCK = """\
# This file was autogenerated by uv via the following command:
#    make lock
django==5.2.19 \\
    --hash=sha256:aaaa
    # via familienbuero (pyproject.toml)
ruff==0.17.6 \\
    --hash=sha256:bbbb
psycopg-binary==3.3.9 ; implementation_name != 'pypy' \\
    --hash=sha256:cccc
"""


def test_parse_lock_reads_names_and_versions_only_from_pin_lines():
    assert deps_check.parse_lock(LOCK) == [
        ("django", "5.2.19"),
        ("ruff", "0.17.6"),
        ("psycopg-binary", "3.3.9"),
    ]


@pytest.mark.parametrize(
    ("pinned", "available", "expected"),
    [
        ("5.2.19", ["5.2.18", "5.2.19", "5.2.20", "5.2.21"], "5.2.21"),
        ("5.2.19", ["5.2.19", "5.3.0", "6.0"], None),  # only new minor/major releases: not a patch
        ("5.2.19", ["5.2.20rc1", "5.2.20.dev1"], None),  # pre- and development releases don't count
        ("0.17.6", ["0.17.7", "0.18.0"], "0.17.7"),  # 0.x: same 0.minor
        ("0.17.6", ["0.18.1", "1.0.0"], None),
        ("4.0", ["4.0", "4.0.1", "4.1"], "4.0.1"),  # two-component version
        ("2.15.1", ["2.15.1.1", "2.15.2"], "2.15.2"),  # four components still compare correctly
        ("25.3", ["25.3", "not-a-version", "25.3.1"], "25.3.1"),  # unparseable versions are skipped
        ("1.6.6", ["1.6.6.post1"], "1.6.6.post1"),  # a post-release is newer in the same series
        ("1.6.6", [], None),
    ],
)
def test_newest_patch(pinned, available, expected):
    assert deps_check.newest_patch(pinned, [(version, False) for version in available]) == expected


def test_yanked_releases_are_ignored():
    assert deps_check.newest_patch("5.2.19", [("5.2.20", True)]) is None


def test_main_lists_upgrades_and_exits_1(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DEPS_AUDIT", raising=False)
    lock = tmp_path / "requirements.lock"
    lock.write_text(LOCK, encoding="utf-8")
    index = fake_index(
        {
            "django": ["5.2.19", "5.2.20", "5.2.21", "6.0"],
            "ruff": ["0.17.6", "0.17.7", "0.18.0"],
            "psycopg-binary": ["3.3.9", "3.4.0"],
        },
        yanked=frozenset({"django==5.2.21"}),
    )
    assert deps_check.main([str(lock)], lookup=index) == 1
    out = capsys.readouterr().out
    assert "django 5.2.19 -> 5.2.20" in out
    assert "ruff 0.17.6 -> 0.17.7" in out
    assert "psycopg-binary" not in out.split("Upgrade with")[0]
    assert 'make lock LOCK_ARGS="--upgrade-package django --upgrade-package ruff"' in out


def test_main_exits_0_when_everything_is_current(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DEPS_AUDIT", raising=False)
    lock = tmp_path / "requirements.lock"
    lock.write_text(LOCK, encoding="utf-8")
    index = fake_index({"django": ["5.2.19", "6.0"], "ruff": ["0.17.6"], "psycopg-binary": ["3.3.9"]})
    assert deps_check.main([str(lock)], lookup=index) == 0
    assert "All 3 pinned packages" in capsys.readouterr().out


def test_main_exits_2_with_a_message_when_the_index_cannot_be_asked(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DEPS_AUDIT", raising=False)
    lock = tmp_path / "requirements.lock"
    lock.write_text(LOCK, encoding="utf-8")

    def unreachable(name):
        raise deps_check.IndexUnavailable(f"could not ask the package index about {name!r}: timed out")

    assert deps_check.main([str(lock)], lookup=unreachable) == 2
    err = capsys.readouterr().err
    assert "could not ask the package index about 'django'" in err
    assert "did not run" in err


def test_main_exits_2_for_a_missing_or_empty_lock_file(tmp_path):
    assert deps_check.main([str(tmp_path / "missing.lock")], lookup=fake_index({})) == 2
    empty = tmp_path / "empty.lock"
    empty.write_text("# nothing pinned\n", encoding="utf-8")
    assert deps_check.main([str(empty)], lookup=fake_index({})) == 2


def test_pypi_lookup_turns_network_errors_into_index_unavailable(monkeypatch):
    def refuse(*args, **kwargs):
        raise deps_check.urllib.error.URLError("connection refused")

    monkeypatch.setattr(deps_check.urllib.request, "urlopen", refuse)
    with pytest.raises(deps_check.IndexUnavailable, match="connection refused"):
        deps_check.pypi_lookup("Django")


def test_pypi_lookup_reads_releases_and_yanked_flags(monkeypatch):
    answer = {
        "releases": {
            "5.2.19": [{"yanked": False}],
            "5.2.20": [{"yanked": True}, {"yanked": True}],
            "5.2.21": [],
        }
    }

    class Response:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, *args):
            return json.dumps(answer).encode()

    seen = []
    monkeypatch.setattr(
        deps_check.urllib.request, "urlopen", lambda url, timeout: seen.append(url) or Response()
    )
    assert sorted(deps_check.pypi_lookup("Django_OTP")) == [
        ("5.2.19", False),
        ("5.2.20", True),
        ("5.2.21", False),
    ]
    assert seen == ["https://pypi.org/pypi/django-otp/json"]
