"""Name keys fold the abbreviations news writes for a country or an international organisation into
the full name's key ("U.S.", "US" -> "united states"; "UK", "Britain" -> "united kingdom"; "EU" ->
"european union"): re-key stored rows with 0003's function.

Entities stored under the old keys are not merged here: after re-keying, same-type entities that now
share a key ("U.S." and "United States") are shown side by side in the duplicates view, where an editor
merges them (editors' corrections kept), and a new article naming either links to them as before.
After migrating, ``manage.py entity_merge_same_key`` lists those groups, and merges them all with
``--apply`` (the same merge, leaving groups an editor kept apart).
"""

from importlib import import_module

from django.db import migrations

rekey = import_module("entities.migrations.0003_quotes_country_name_keys").rekey


class Migration(migrations.Migration):
    dependencies = [("entities", "0007_duplicate_dismissal")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
