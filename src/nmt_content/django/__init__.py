"""The Django app: add ``"nmt_content.django"`` to ``INSTALLED_APPS`` and set ``NMT_CONTENT_ROOT``
(the folder of `practice.yaml`; ``NMT_CONTENT_BASE_URL`` optionally replaces the practice's URL).

- ``{% load nmt_content %}``: ``{% nmt_head %}`` (our head tags for ``request.path``),
  ``{% nmt_certified_line %}``, ``{% nmt_page as page %}`` (:class:`~nmt_content.Page`: language,
  headline…);
- :class:`~nmt_content.django.sitemaps.PracticeSitemap` for ``django.contrib.sitemaps``, and
  ``include("nmt_content.django.urls")`` for `/sitemap.xml` and `/robots.txt`;
- ``"nmt_content.django.middleware.HeadTagsMiddleware"`` in ``MIDDLEWARE`` puts our head tags into
  pages rendered by templates that know nothing of us;
- ``manage.py check`` reports each content problem with its file and line.

The site is loaded once, on first use, and again after a change to the content when ``DEBUG``
is on (:func:`~nmt_content.django.conf.hosted_site`).
"""
