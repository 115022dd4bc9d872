"""Open Referral HSDS 3.0 interoperability: the read-only HSDA-style JSON API, and import/export.

- ``mapping.py``  the one place where our models meet HSDS fields (both directions); API and export use it
- ``selectors.py`` the querysets behind the API and the export (published services only, prefetched)
- ``schemas.py``  pydantic models of the HSDS objects, for the OpenAPI schema and response validation
- ``api.py`` / ``urls.py`` the django-ninja API under ``/api/hsds/<municipality>/…``
- ``exporter.py`` / ``importer.py`` the dataset files behind ``manage.py export_hsds`` / ``import_hsds``
"""
