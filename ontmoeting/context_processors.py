import instellingen
from clusters.models import Cluster


def site(request):
    """The site's settings and names, and the demo-data notice flag, for base.html."""
    site = instellingen.current()
    return {
        "site": site,
        "SITE_NAME": site.site_name,
        "CITY_NAME": site.city_name,
        "example_data": Cluster.objects.example_data_present,  # lazy: only queried when shown
    }
