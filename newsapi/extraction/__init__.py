"""The text-processing core of newsapi: plain Python, no Django import.

``pipeline.extract_article`` turns one raw scraped article into an
``ArticleExtraction``; the Django side (``articles.services``) stores it.
"""
