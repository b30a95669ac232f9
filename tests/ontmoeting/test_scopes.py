"""The object-level scopes read a user's membership without importing beheer's model."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from activiteiten.models import Activity
from beheer.models import Membership
from locaties.models import Location
from ontmoeting import roles, scopes
from tests.factories import ActivityFactory, ClusterFactory, LocationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def staff(username, role):
    user = get_user_model().objects.create_user(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_user_without_membership_manages_nothing_of_a_scoped_kind():
    ActivityFactory()
    LocationFactory()
    worker = staff("zonder", roles.WELFARE_WORKER)
    manager = staff("ook-zonder", roles.CLUSTER_MANAGER)
    assert not Membership.objects.filter(user__in=[worker, manager]).exists()
    assert scopes.organisation_ids(worker) == []
    assert scopes.cluster_ids(manager) == []
    assert not scopes.manageable(worker, Activity.objects.all()).exists()
    assert not scopes.manageable(manager, Location.objects.all()).exists()


def test_a_membership_gives_its_own_organisations_and_clusters():
    own, other = OrganisationFactory(), OrganisationFactory()
    north = ClusterFactory()
    mine = ActivityFactory(organiser=own)
    ActivityFactory(organiser=other)
    place = LocationFactory(cluster=north)
    LocationFactory()
    worker = staff("met", roles.WELFARE_WORKER)
    Membership.objects.create(user=worker).organisations.set([own])
    manager = staff("ook-met", roles.CLUSTER_MANAGER)
    Membership.objects.create(user=manager).clusters.set([north])
    assert list(scopes.manageable(worker, Activity.objects.all())) == [mine]
    assert list(scopes.manageable(manager, Location.objects.all())) == [place]
