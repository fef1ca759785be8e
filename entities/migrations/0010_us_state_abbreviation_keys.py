"""Name keys fold the abbreviations AP style writes for the US states into the state's name ("Calif." ->
"california", "N.H." -> "new hampshire"): re-key stored rows. Only names written with a closing dot
can change (a state's abbreviation stands for it only so written), so only those are read; every key is
its entity type's, as in 0009, and a deleted name whose new key is already recorded is left as it was.

Like 0008, this merges nothing: ``manage.py entity_merge_same_key`` lists the entities that now share
a key and type ("Calif." and "California"), and merges them with ``--apply``.
"""

from django.db import migrations

from entities.name_rekeying import rekey_stored_names


def rekey(apps, schema_editor):
    rekey_stored_names(apps, name__endswith=".")


class Migration(migrations.Migration):
    dependencies = [("entities", "0009_place_short_names_spaced_initials")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
