"""manage.py backup / restore: backup → change → restore → verify round trip on the database the suite
runs on (SQLite file or PostgreSQL); a damaged or foreign backup is refused."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_scopes import scopes_disabled

from familienbuero.core import backup
from familienbuero.public.models import AccessibilityFeedback
from familienbuero.tenancy.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)


def feedback_messages() -> list[str]:
    with scopes_disabled():
        return sorted(AccessibilityFeedback.objects.values_list("message", flat=True))


@pytest.fixture
def data():
    from familienbuero.core.demo import load_demo
    from familienbuero.public import services

    load_demo()
    with scopes_disabled():
        voerde = Municipality.objects.get(slug="voerde")
        services.feedback_create(
            municipality=voerde, message="Kontrast der Fußzeile", page="/", name="", email=""
        )


def test_backup_restore_verify_round_trip(data, tmp_path, capsys):
    target = tmp_path / "fb-backup"
    call_command("backup", str(target), "--verify")
    out = capsys.readouterr().out
    assert "verified" in out
    manifest = json.loads((tmp_path / "fb-backup.manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["counts"]["public_accessibilityfeedback"] == 1
    assert manifest["counts"]["tenancy_municipality"] >= 2

    # Damage after the backup: a row deleted, one added.
    with scopes_disabled():
        AccessibilityFeedback.objects.all().delete()
        AccessibilityFeedback.objects.create(
            municipality=Municipality.objects.get(slug="huenxe"),
            message="nach der Sicherung",
            due_on="2027-01-01",
        )
    call_command("restore", str(target), "--verify", "--noinput")
    assert "verified" in capsys.readouterr().out
    connection.close()
    assert feedback_messages() == ["Kontrast der Fußzeile"]


def test_a_backup_into_a_directory_gets_a_dated_name(data, tmp_path):
    call_command("backup", str(tmp_path))
    files = [p for p in tmp_path.iterdir() if not p.name.endswith(".manifest.json")]
    assert len(files) == 1 and files[0].name.startswith("familienbuero-")
    assert backup.verify(files[0]).counts["public_accessibilityfeedback"] == 1


def test_a_damaged_backup_is_refused_and_the_database_stays(data, tmp_path):
    target = tmp_path / "fb-backup"
    call_command("backup", str(target))
    content = bytearray(target.read_bytes())
    content[len(content) // 2] ^= 0xFF
    target.write_bytes(bytes(content))
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(target), "--noinput")
    with pytest.raises(backup.BackupError, match="checksum"):
        backup.verify(target)
    assert feedback_messages() == ["Kontrast der Fußzeile"]


def test_a_manifest_that_does_not_match_the_backup_fails_verification(data, tmp_path):
    target = tmp_path / "fb-backup"
    call_command("backup", str(target))
    manifest_path = backup.Manifest.path_for(target)
    manifest = json.loads(manifest_path.read_text())
    manifest["counts"]["public_accessibilityfeedback"] = 2
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="public_accessibilityfeedback: expected 2 rows, found 1"):
        backup.verify(target)


def test_restore_asks_before_replacing_everything(data, tmp_path, monkeypatch):
    target = tmp_path / "fb-backup"
    call_command("backup", str(target))
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(target))


def test_a_backup_of_the_other_engine_is_refused(data, tmp_path):
    target = tmp_path / "fb-backup"
    call_command("backup", str(target))
    manifest_path = backup.Manifest.path_for(target)
    manifest = json.loads(manifest_path.read_text())
    manifest["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="backup; this database is"):
        call_command("restore", str(target), "--noinput")
