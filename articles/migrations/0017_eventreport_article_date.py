from django.db import migrations, models

# event_after / event_before on articles probed each article's reports, then each report's event for its
# date (1M articles, first year: 253-416 ms a page, ~17k probes of two indexes and the heap). The reports
# keep a copy of their event's date (migration 0014); indexed with the article, a walked article costs one
# index-only probe (25-60 ms).


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_source_article_count")]

    operations = [
        migrations.AddIndex(
            model_name="eventreport",
            index=models.Index(fields=["article", "event_date"], name="eventreport_article_date_idx"),
        ),
    ]
