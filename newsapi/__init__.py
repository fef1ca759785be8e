"""newsapi: structured news data over a REST API. This package holds the Django project and the
Django-free text-processing core (``newsapi.extraction``)."""
