"""Search infrastructure (no model changes): the generation of each municipality's facet table.

``directory/search/table.py`` keeps the facets of a municipality's services in memory per process; a
write to the directory stores a new generation here in its transaction, and a search that sees another
generation than its copy's rebuilds the copy. Derived data only.
"""

from django.db import migrations

CREATE = (
    "CREATE TABLE IF NOT EXISTS directory_search_state "
    "(municipality_id bigint PRIMARY KEY, generation varchar(32) NOT NULL)"
)
DROP = "DROP TABLE IF EXISTS directory_search_state"


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_search_index")]

    operations = [migrations.RunSQL(CREATE, DROP, elidable=False)]
