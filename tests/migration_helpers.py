"""Migrating the test database to a given state inside a test (MigrationExecutor)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None):
    """Migrate to ``targets`` (every app's latest migration by default); the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
