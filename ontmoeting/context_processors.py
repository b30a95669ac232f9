from django.conf import settings

from clusters.models import Cluster


def site(request):
    """Site-wide names and the demo-data notice flag, for base.html."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "example_data": Cluster.objects.example_data_present,  # lazy: only queried when shown
    }
