"""API plumbing shared by the apps: errors, ordering, pagination, sparse fields and expansion, export."""
