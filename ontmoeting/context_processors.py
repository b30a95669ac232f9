import functools

import instellingen
from clusters.models import Cluster
from ontmoeting.cache import per_data_version


def site(request):
    """The site's settings and names, and the demo-data notice flag, for base.html."""
    site = instellingen.current()
    return {
        "site": site,
        "SITE_NAME": site.site_name,
        "CITY_NAME": site.city_name,
        # Called only where a template shows it, and read once per change of the data.
        "example_data": functools.partial(
            per_data_version, "example-data", Cluster.objects.example_data_present
        ),
    }
