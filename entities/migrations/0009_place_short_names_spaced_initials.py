"""Name keys fold initials written with spaces into the dotted ones ("U. S." -> "united states") and, for
a place, the short name a country's official name ends with ("America" -> "united states"): re-key
stored rows. Every key is its entity type's (``name_key(name, type)``): an entity's, its aliases'
(their entity's type) and a deleted name's (the type it had). Only rows whose key changes are written;
a deleted name whose new key is already recorded is left as it was.

Like 0008, this merges nothing: ``manage.py entity_merge_same_key`` lists the entities that now share
a key and type ("America" and "United States", both places), and merges them with ``--apply``.
"""

from django.db import migrations

from entities.name_rekeying import rekey_stored_names


def rekey(apps, schema_editor):
    rekey_stored_names(apps)


class Migration(migrations.Migration):
    dependencies = [("entities", "0008_abbreviation_name_keys")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
